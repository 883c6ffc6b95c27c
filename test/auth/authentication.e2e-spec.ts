import { createHmac } from 'crypto';
import { startTestApp, TestApp, TEST_ENV } from '../support/test-app';
import { createUser, db, nowSeconds, postJson, randomJti, signHs256 } from './auth-fixtures';

const KEY = TEST_ENV.SECRET_KEY;
const PASSWORD = 'Alice-Pass-123';
const NOT_PROVIDED = '{"detail":"Authentication credentials were not provided."}';
const BAD_HEADER = '{"detail":"Authorization header must contain two space-delimited values","code":"bad_authorization_header"}';
const notValid = (message: string) =>
  `{"detail":"Given token not valid for any token type","code":"token_not_valid","messages":[{"token_class":"AccessToken","token_type":"access","message":"${message}"}]}`;

/**
 * Authentication on every DRF view (spec §1.2, §1.3, §7.3, §8, Appendix A): JWT first,
 * then DRF tokens, WWW-Authenticate from the JWT class. `POST token/logout/`
 * (IsAuthenticated) is the probe: 204 when authenticated. Bodies are the spec's captures
 * or were recorded from ../shared/djoser-ref.
 */
describe('authentication (JWTAuthentication, TokenAuthentication)', () => {
  let t: TestApp;
  let aliceId: number;
  let inaId: number;
  beforeAll(async () => {
    t = await startTestApp();
    aliceId = (await createUser(t, { username: 'alice', password: PASSWORD })).id;
    inaId = (await createUser(t, { username: 'ina', password: PASSWORD })).id;
  });
  afterAll(() => t.close());

  const access = async (username = 'alice') =>
    JSON.parse((await postJson(t, '/auth/jwt/create/', { username, password: PASSWORD })).text).access as string;
  const drfKey = async () => JSON.parse((await postJson(t, '/auth/token/login/', { username: 'alice', password: PASSWORD })).text).auth_token as string;
  const logout = (authorization?: string) => postJson(t, '/auth/token/logout/', {}, authorization === undefined ? {} : { Authorization: authorization });

  describe('JWT (§7.3)', () => {
    it('a valid access token authenticates; tabs and repeated spaces split like bytes.split()', async () => {
      for (const sep of [' ', '\t', '   ']) expect((await logout(`Bearer${sep}${await access()}`)).status).toBe(204);
    });

    it('wrong-case or foreign keywords are not JWT: anonymous → 401 not provided, with WWW-Authenticate [§7.3 captured]', async () => {
      const token = await access();
      for (const h of [`bearer ${token}`, `JWT ${token}`, 'Basic abc', '', '   ']) {
        const res = await logout(h);
        expect({ h, status: res.status, text: res.text }).toEqual({ h, status: 401, text: NOT_PROVIDED });
        expect(res.headers.get('www-authenticate')).toBe('Bearer realm="api"');
      }
    });

    it('`Bearer` alone or with three parts: bad_authorization_header [§7.3 captured]', async () => {
      for (const h of ['Bearer', 'Bearer a b']) expect(await logout(h)).toMatchObject({ status: 401, text: BAD_HEADER });
    });

    it('garbage, expired, refresh-typed, other-key tokens: the messages list [Appendix A captured]', async () => {
      const now = nowSeconds();
      const { refresh } = JSON.parse((await postJson(t, '/auth/jwt/create/', { username: 'alice', password: PASSWORD })).text);
      const cases: Array<[string, string]> = [
        ['junk', 'Token is invalid or expired'],
        [refresh, 'Token has wrong type'],
        [signHs256({ token_type: 'access', exp: now - 1, iat: now - 301, jti: randomJti(), user_id: aliceId }, KEY), 'Token is invalid or expired'],
        [signHs256({ token_type: 'access', exp: now + 300, iat: now, jti: randomJti(), user_id: aliceId }, 'other-key'), 'Token is invalid or expired'],
        [signHs256({ token_type: 'access', exp: now + 300, iat: now, user_id: aliceId }, KEY), 'Token has no id'],
        [signHs256({ exp: now + 300, iat: now, jti: randomJti(), user_id: aliceId }, KEY), 'Token has no type'],
      ];
      for (const [token, message] of cases) {
        const res = await logout(`Bearer ${token}`);
        expect({ message, status: res.status, text: res.text }).toEqual({ message, status: 401, text: notValid(message) });
      }
    });

    it('a token signed with the server key under another HMAC algorithm is refused (PyJWT: alg not allowed)', async () => {
      // passport-jwt overwrites jsonWebTokenOptions.algorithms with its own option: both are set
      const now = nowSeconds();
      const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
      const input = `${b64({ alg: 'HS512', typ: 'JWT' })}.${b64({ token_type: 'access', exp: now + 300, iat: now, jti: randomJti(), user_id: aliceId })}`;
      const token = `${input}.${createHmac('sha512', KEY).update(input).digest('base64url')}`;
      expect(await logout(`Bearer ${token}`)).toMatchObject({ status: 401, text: notValid('Token is invalid or expired') });
    });

    it('no user claim, unknown user, inactive user [§7.3 captured]', async () => {
      const now = nowSeconds();
      const claims = (extra: Record<string, unknown>) => signHs256({ token_type: 'access', exp: now + 300, iat: now, jti: randomJti(), ...extra }, KEY);
      expect((await logout(`Bearer ${claims({})}`)).text).toBe('{"detail":"Token contained no recognizable user identification","code":"token_not_valid"}');
      expect((await logout(`Bearer ${claims({ user_id: 999999 })}`)).text).toBe('{"detail":"User not found","code":"user_not_found"}');
      // the reference crashes on a non-numeric id (ValueError, 500): COMPAT.md "Tokens that crash the reference answer 401"
      expect((await logout(`Bearer ${claims({ user_id: 'abc' })}`)).text).toBe('{"detail":"User not found","code":"user_not_found"}');
      // "1" and 1 both resolve (§7.2 captured)
      expect((await logout(`Bearer ${claims({ user_id: String(aliceId) })}`)).status).toBe(204);
      const token = await access('ina');
      await db(t).query('UPDATE "auth_user" SET "is_active" = false WHERE "id" = $1', [inaId]);
      try {
        expect((await logout(`Bearer ${token}`)).text).toBe('{"detail":"User is inactive","code":"user_inactive"}');
      } finally {
        await db(t).query('UPDATE "auth_user" SET "is_active" = true WHERE "id" = $1', [inaId]);
      }
    });

    it('authenticates on AllowAny views too: a broken header is a 401 on token/login [§1.2 captured]', async () => {
      const res = await postJson(t, '/auth/token/login/', { username: 'alice', password: PASSWORD }, { Authorization: 'Bearer junk' });
      expect(res).toMatchObject({ status: 401, text: notValid('Token is invalid or expired') });
    });
  });

  describe('DRF Token (§8, Appendix A)', () => {
    it('`Token <key>`, `token <key>` and `Token  <key>` authenticate', async () => {
      for (const prefix of ['Token ', 'token ', 'TOKEN  ']) expect((await logout(`${prefix}${await drfKey()}`)).status).toBe(204);
    });

    it('header errors [§8 captured]', async () => {
      const cases: Array<[string, string]> = [
        ['Token', '{"detail":"Invalid token header. No credentials provided."}'],
        ['Token a b', '{"detail":"Invalid token header. Token string should not contain spaces."}'],
        ['token junk', '{"detail":"Invalid token."}'],
        ['Token \u00ff\u00fe', '{"detail":"Invalid token header. Token string should not contain invalid characters."}'],
      ];
      for (const [h, text] of cases) {
        const res = await logout(h);
        expect({ h, status: res.status, text: res.text }).toEqual({ h, status: 401, text });
        // the first authentication class's challenge, even for TokenAuthentication's errors (§1.3)
        expect(res.headers.get('www-authenticate')).toBe('Bearer realm="api"');
      }
    });

    it('a key of an inactive user: User inactive or deleted. [§8 captured]', async () => {
      const key = JSON.parse((await postJson(t, '/auth/token/login/', { username: 'ina', password: PASSWORD })).text).auth_token;
      await db(t).query('UPDATE "auth_user" SET "is_active" = false WHERE "id" = $1', [inaId]);
      try {
        expect(await logout(`Token ${key}`)).toMatchObject({ status: 401, text: '{"detail":"User inactive or deleted."}' });
      } finally {
        await db(t).query('UPDATE "auth_user" SET "is_active" = true WHERE "id" = $1', [inaId]);
      }
    });

    it('a token login with a junk Token header is 401 Invalid token. [§1.2 captured]', async () => {
      expect(await postJson(t, '/auth/token/login/', {}, { Authorization: 'Token junk' })).toMatchObject({ status: 401, text: '{"detail":"Invalid token."}' });
    });
  });

  describe('wrong methods (§1.2 step 5, §3.14 captured)', () => {
    it('GET token/logout/: anonymous 401, authenticated 405', async () => {
      const anon = await fetch(`${t.url}/auth/token/logout/`);
      expect([anon.status, await anon.text()]).toEqual([401, NOT_PROVIDED]);
      const authed = await fetch(`${t.url}/auth/token/logout/`, { headers: { Authorization: `Bearer ${await access()}` } });
      expect([authed.status, await authed.text()]).toEqual([405, '{"detail":"Method \\"GET\\" not allowed."}']);
    });
  });
});

describe('AUTH_HEADER_TYPES=JWT,Bearer (§7.3 step 6, §7.4)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SIMPLE_JWT_AUTH_HEADER_TYPES: 'JWT,Bearer' });
    await createUser(t, { username: 'alice', password: PASSWORD });
  });
  afterAll(() => t.close());

  it('accepts both keywords and challenges with the first', async () => {
    const { access } = JSON.parse((await postJson(t, '/auth/jwt/create/', { username: 'alice', password: PASSWORD })).text);
    for (const kw of ['JWT', 'Bearer']) expect((await postJson(t, '/auth/token/logout/', {}, { Authorization: `${kw} ${access}` })).status).toBe(204);
    const res = await postJson(t, '/auth/token/logout/', {});
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('JWT realm="api"');
  });
});

describe('AUTH_HEADER_NAME=HTTP_X_ACCESS_TOKEN (SimpleJWT setting)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SIMPLE_JWT_AUTH_HEADER_NAME: 'HTTP_X_ACCESS_TOKEN' });
    await createUser(t, { username: 'alice', password: PASSWORD });
  });
  afterAll(() => t.close());

  it('reads the JWT from X-Access-Token; Authorization: Bearer is then no JWT header', async () => {
    const { access } = JSON.parse((await postJson(t, '/auth/jwt/create/', { username: 'alice', password: PASSWORD })).text);
    expect((await postJson(t, '/auth/token/logout/', {}, { 'X-Access-Token': `Bearer ${access}` })).status).toBe(204);
    expect(await postJson(t, '/auth/token/logout/', {}, { 'X-Access-Token': 'Bearer' })).toMatchObject({ status: 401, text: BAD_HEADER });
    expect(await postJson(t, '/auth/token/logout/', {}, { Authorization: `Bearer ${access}` })).toMatchObject({ status: 401, text: NOT_PROVIDED });
  });
});
