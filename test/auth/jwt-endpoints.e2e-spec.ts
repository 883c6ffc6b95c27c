import { startTestApp, TestApp, TEST_ENV } from '../support/test-app';
import { createUser, db, jwtPayloadText, nowSeconds, postJson, randomJti, signHs256 } from './auth-fixtures';

const KEY = TEST_ENV.SECRET_KEY;
const PASSWORD = 'Alice-Pass-123';
const INVALID = '{"detail":"Token is invalid or expired","code":"token_not_valid"}';

/**
 * SimpleJWT's views as Djoser mounts them (spec §2.3, §7.1, §7.2, Appendix A); bodies are
 * the reference's (captured in the spec, or recorded from ../shared/djoser-ref).
 */
describe('jwt/create, jwt/refresh, jwt/verify', () => {
  let t: TestApp;
  let aliceId: number;
  beforeAll(async () => {
    t = await startTestApp();
    aliceId = (await createUser(t, { username: 'alice', password: PASSWORD })).id;
    await createUser(t, { username: 'ina', password: PASSWORD, isActive: false });
  });
  afterAll(() => t.close());

  const obtain = async () => JSON.parse((await postJson(t, '/auth/jwt/create/', { username: 'alice', password: PASSWORD })).text);

  describe('jwt/create (§7.1, §7.2)', () => {
    it('answers 200 {"refresh","access"} with SimpleJWT 5.2.2 claims in order', async () => {
      const res = await postJson(t, '/auth/jwt/create/', { username: 'alice', password: PASSWORD });
      expect(res.status).toBe(200);
      expect(res.headers.get('allow')).toBe('POST, OPTIONS');
      expect(res.text).toMatch(/^\{"refresh":"[^"]+","access":"[^"]+"\}$/);
      const { refresh, access } = JSON.parse(res.text);
      // §7.2: header {"alg":"HS256","typ":"JWT"} → this exact first segment
      expect(refresh.split('.')[0]).toBe('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9');
      const r = jwtPayloadText(refresh);
      const a = jwtPayloadText(access);
      expect(r).toMatch(new RegExp(`^\\{"token_type":"refresh","exp":\\d+,"iat":\\d+,"jti":"[0-9a-f]{32}","user_id":${aliceId}\\}$`));
      expect(a).toMatch(new RegExp(`^\\{"token_type":"access","exp":\\d+,"iat":\\d+,"jti":"[0-9a-f]{32}","user_id":${aliceId}\\}$`));
      const rp = JSON.parse(r);
      const ap = JSON.parse(a);
      expect(rp.exp - rp.iat).toBe(86400);
      expect(ap.exp - ap.iat).toBe(300);
      expect(ap.iat).toBe(rp.iat); // both pair members share iat
      expect(ap.jti).not.toBe(rp.jti);
    });

    it('records the refresh token as outstanding, with its user (§7.5)', async () => {
      const { refresh } = await obtain();
      const jti = JSON.parse(jwtPayloadText(refresh)).jti;
      const rows = await db(t).query('SELECT "token", "user_id", "created_at" IS NOT NULL AS "created" FROM "token_blacklist_outstandingtoken" WHERE "jti" = $1', [jti]);
      expect(rows).toEqual([{ token: refresh, user_id: aliceId, created: true }]);
    });

    it('ignores the Authorization header (authentication_classes=()) [§1.2 captured]', async () => {
      const res = await postJson(t, '/auth/jwt/create/', { username: 'alice', password: PASSWORD }, { Authorization: 'Bearer junk' });
      expect(res.status).toBe(200);
    });

    it('field errors (§7.1 captured)', async () => {
      expect(await postJson(t, '/auth/jwt/create/', {})).toMatchObject({
        status: 400,
        text: '{"username":["This field is required."],"password":["This field is required."]}',
      });
      expect((await postJson(t, '/auth/jwt/create/', { username: '', password: '' })).text).toBe(
        '{"username":["This field may not be blank."],"password":["This field may not be blank."]}',
      );
    });

    it('wrong password, unknown user and inactive user: 401 without code, with WWW-Authenticate (§7.1, Appendix A)', async () => {
      for (const body of [
        { username: 'alice', password: 'wrong' },
        { username: 'nobody', password: PASSWORD },
        { username: 'ina', password: PASSWORD },
      ]) {
        const res = await postJson(t, '/auth/jwt/create/', body);
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Bearer realm="api"');
        expect(res.text).toBe('{"detail":"No active account found with the given credentials"}');
      }
    });

    it('does not touch last_login (UPDATE_LAST_LOGIN off by default, §7.1)', async () => {
      await obtain();
      const [row] = await db(t).query('SELECT "last_login" FROM "auth_user" WHERE "id" = $1', [aliceId]);
      expect(row.last_login).toBeNull();
    });

    it('GET is 405 with Allow: POST, OPTIONS (Appendix A)', async () => {
      const res = await fetch(`${t.url}/auth/jwt/create/`);
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST, OPTIONS');
      expect(await res.text()).toBe('{"detail":"Method \\"GET\\" not allowed."}');
    });

    it('unanchored and slash-optional paths reach the view (§2.3)', async () => {
      for (const path of ['/auth/jwt/create', '/auth/jwt/createXYZ', '/auth/jwt/create/extra']) {
        expect((await postJson(t, path, {})).text).toBe('{"username":["This field is required."],"password":["This field is required."]}');
      }
    });
  });

  describe('OPTIONS metadata (Appendix A; refresh and verify recorded from the reference)', () => {
    const options = async (path: string) => (await fetch(`${t.url}${path}`, { method: 'OPTIONS' })).text();
    const RENDERS = '"renders":["application/json","text/html"],"parses":["application/json","application/x-www-form-urlencoded","multipart/form-data"]';

    it('jwt/create', async () => {
      expect(await options('/auth/jwt/create/')).toBe(
        `{"name":"Token Obtain Pair","description":"Takes a set of user credentials and returns an access and refresh JSON web\\ntoken pair to prove the authentication of those credentials.",${RENDERS},"actions":{"POST":{"username":{"type":"string","required":true,"read_only":false,"label":"Username"},"password":{"type":"string","required":true,"read_only":false,"label":"Password"}}}}`,
      );
    });
    it('jwt/refresh', async () => {
      expect(await options('/auth/jwt/refresh/')).toBe(
        `{"name":"Token Refresh","description":"Takes a refresh type JSON web token and returns an access type JSON web\\ntoken if the refresh token is valid.",${RENDERS},"actions":{"POST":{"refresh":{"type":"string","required":true,"read_only":false,"label":"Refresh"},"access":{"type":"string","required":false,"read_only":true,"label":"Access"}}}}`,
      );
    });
    it('jwt/verify', async () => {
      expect(await options('/auth/jwt/verify/')).toBe(
        `{"name":"Token Verify","description":"Takes a token and indicates if it is valid.  This view provides no\\ninformation about a token's fitness for a particular use.",${RENDERS},"actions":{"POST":{"token":{"type":"string","required":true,"read_only":false,"label":"Token"}}}}`,
      );
    });
  });

  describe('jwt/refresh (§7.1, §7.2)', () => {
    it('answers {"access"} derived from the refresh token: iat copied, exp from now', async () => {
      const { refresh } = await obtain();
      const before = nowSeconds();
      const res = await postJson(t, '/auth/jwt/refresh/', { refresh });
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/^\{"access":"[^"]+"\}$/);
      const access = JSON.parse(jwtPayloadText(JSON.parse(res.text).access));
      const rp = JSON.parse(jwtPayloadText(refresh));
      expect(Object.keys(access)).toEqual(['token_type', 'exp', 'iat', 'jti', 'user_id']);
      expect(access.iat).toBe(rp.iat);
      expect(access.exp).toBeGreaterThanOrEqual(before + 300);
    });

    it('copies custom claims of the refresh token, after user_id (recorded from the reference)', async () => {
      const now = nowSeconds();
      const refresh = signHs256({ token_type: 'refresh', exp: now + 100, iat: now - 50, jti: randomJti(), user_id: aliceId, foo: 'bar' }, KEY);
      const res = await postJson(t, '/auth/jwt/refresh/', { refresh });
      const text = jwtPayloadText(JSON.parse(res.text).access);
      expect(text).toMatch(new RegExp(`^\\{"token_type":"access","exp":\\d+,"iat":${now - 50},"jti":"[0-9a-f]{32}","user_id":${aliceId},"foo":"bar"\\}$`));
    });

    it('error bodies (§7.1 captured; others recorded from the reference)', async () => {
      const { access } = await obtain();
      const now = nowSeconds();
      const cases: Array<[unknown, number, string]> = [
        [{}, 400, '{"refresh":["This field is required."]}'],
        [{ refresh: '' }, 400, '{"refresh":["This field may not be blank."]}'],
        [{ refresh: 'junk' }, 401, INVALID],
        [{ refresh: access }, 401, '{"detail":"Token has wrong type","code":"token_not_valid"}'],
        [{ refresh: signHs256({ exp: now + 100, iat: now, jti: randomJti(), user_id: aliceId }, KEY) }, 401, '{"detail":"Token has no type","code":"token_not_valid"}'],
        [
          { refresh: signHs256({ token_type: 'refresh', iat: now, jti: randomJti(), user_id: aliceId }, KEY) },
          401,
          '{"detail":"Token has no \'exp\' claim","code":"token_not_valid"}',
        ],
        [{ refresh: signHs256({ token_type: 'refresh', exp: now - 10, iat: now - 100, jti: randomJti(), user_id: aliceId }, KEY) }, 401, INVALID],
        [{ refresh: signHs256({ token_type: 'refresh', exp: now + 100, iat: now, jti: randomJti(), user_id: aliceId }, 'another-key') }, 401, INVALID],
        // the reference crashes here (KeyError in the blacklist check, HTML 500): COMPAT.md "Tokens that crash the reference answer 401"
        [{ refresh: signHs256({ token_type: 'refresh', exp: now + 100, iat: now, user_id: aliceId }, KEY) }, 401, '{"detail":"Token has no id","code":"token_not_valid"}'],
      ];
      for (const [body, status, text] of cases) {
        const res = await postJson(t, '/auth/jwt/refresh/', body);
        expect({ body, status: res.status, text: res.text }).toEqual({ body, status, text });
        if (status === 401) expect(res.headers.get('www-authenticate')).toBe('Bearer realm="api"');
      }
    });
  });

  describe('jwt/verify (§7.1, Appendix A)', () => {
    it('any token type verifies: {}', async () => {
      const { refresh, access } = await obtain();
      for (const token of [refresh, access]) expect(await postJson(t, '/auth/jwt/verify/', { token })).toMatchObject({ status: 200, text: '{}' });
    });

    it('a token without a type verifies; one without jti does not (recorded from the reference)', async () => {
      const now = nowSeconds();
      expect((await postJson(t, '/auth/jwt/verify/', { token: signHs256({ exp: now + 100, iat: now, jti: randomJti(), user_id: 1 }, KEY) })).text).toBe('{}');
      expect((await postJson(t, '/auth/jwt/verify/', { token: signHs256({ token_type: 'refresh', exp: now + 100, iat: now, user_id: 1 }, KEY) })).text).toBe(
        '{"detail":"Token has no id","code":"token_not_valid"}',
      );
    });

    it('errors', async () => {
      expect(await postJson(t, '/auth/jwt/verify/', {})).toMatchObject({ status: 400, text: '{"token":["This field is required."]}' });
      expect(await postJson(t, '/auth/jwt/verify/', { token: null })).toMatchObject({ status: 400, text: '{"token":["This field may not be null."]}' });
      expect(await postJson(t, '/auth/jwt/verify/', { token: 'x' })).toMatchObject({ status: 401, text: INVALID });
    });

    it('ignores the Authorization header [§1.2 captured]', async () => {
      expect(await postJson(t, '/auth/jwt/verify/', { token: 'x' }, { Authorization: 'Token junk' })).toMatchObject({ status: 401, text: INVALID });
    });

    it('does not consult the blacklist while BLACKLIST_AFTER_ROTATION is off (§7.1)', async () => {
      const { refresh } = await obtain();
      expect((await postJson(t, '/auth/jwt/blacklist/', { refresh })).text).toBe('{}');
      expect(await postJson(t, '/auth/jwt/verify/', { token: refresh })).toMatchObject({ status: 200, text: '{}' });
    });
  });
});
