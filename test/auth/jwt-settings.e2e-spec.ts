import { createPublicKey, verify } from 'crypto';
import { startTestApp, TestApp, TEST_ENV } from '../support/test-app';
import { createUser, db, jwtPayloadText, nowSeconds, postJson, randomJti, signHs256 } from './auth-fixtures';
import * as vectors from './pyjwt-vectors.json';

const PASSWORD = 'Alice-Pass-123';
const notValid = (message: string) =>
  `{"detail":"Given token not valid for any token type","code":"token_not_valid","messages":[{"token_class":"AccessToken","token_type":"access","message":"${message}"}]}`;

/** The SIMPLE_JWT settings of spec §7.4; PyJWT-signed vectors from tools/gen-pyjwt-vectors.py. */
async function withApp(env: Record<string, string>, body: (t: TestApp) => Promise<void>): Promise<void> {
  const t = await startTestApp(env);
  try {
    await createUser(t, { username: 'alice', password: PASSWORD }); // id 1 in a fresh database
    await body(t);
  } finally {
    await t.close();
  }
}
const obtain = async (t: TestApp) => JSON.parse((await postJson(t, '/auth/jwt/create/', { username: 'alice', password: PASSWORD })).text);
const authenticates = async (t: TestApp, token: string, keyword = 'Bearer') =>
  postJson(t, '/auth/token/logout/', {}, { Authorization: `${keyword} ${token}` });

/** RFC 7518 JWS signature check with node's crypto (independent of the server's code). */
function verifiesWith(token: string, publicPem: string, alg: 'RS256' | 'ES256'): boolean {
  const [h, p, s] = token.split('.');
  const key = createPublicKey(publicPem);
  return verify('sha256', Buffer.from(`${h}.${p}`), alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key, Buffer.from(s, 'base64url'));
}

describe('SIMPLE_JWT settings (§7.4)', () => {
  it('RS256: tokens signed by PyJWT authenticate; ours carry alg RS256 and verify with the public key', () =>
    withApp({ SIMPLE_JWT_ALGORITHM: 'RS256', SIMPLE_JWT_SIGNING_KEY: vectors.rsaPrivate, SIMPLE_JWT_VERIFYING_KEY: vectors.rsaPublic }, async (t) => {
      expect((await authenticates(t, vectors.rs256)).status).toBe(204);
      const { access, refresh } = await obtain(t);
      expect(access.split('.')[0]).toBe(Buffer.from('{"alg":"RS256","typ":"JWT"}').toString('base64url'));
      expect(verifiesWith(access, vectors.rsaPublic, 'RS256')).toBe(true);
      expect((await postJson(t, '/auth/jwt/refresh/', { refresh })).status).toBe(200);
      // an HS256 token (even one signed with the public key as HMAC secret) is refused: alg must equal ALGORITHM
      expect((await authenticates(t, signHs256({ token_type: 'access', exp: nowSeconds() + 60, iat: nowSeconds(), jti: randomJti(), user_id: 1 }, vectors.rsaPublic))).text).toBe(
        notValid('Token is invalid or expired'),
      );
    }));

  it('ES256: tokens signed by PyJWT authenticate; ours verify with the public key', () =>
    withApp({ SIMPLE_JWT_ALGORITHM: 'ES256', SIMPLE_JWT_SIGNING_KEY: vectors.ecPrivate, SIMPLE_JWT_VERIFYING_KEY: vectors.ecPublic }, async (t) => {
      expect((await authenticates(t, vectors.es256)).status).toBe(204);
      const { access } = await obtain(t);
      expect(verifiesWith(access, vectors.ecPublic, 'ES256')).toBe(true);
      expect((await authenticates(t, access)).status).toBe(204);
    }));

  it('AUDIENCE and ISSUER: appended last on issue, required on decode', () =>
    withApp({ SIMPLE_JWT_AUDIENCE: 'my-api', SIMPLE_JWT_ISSUER: 'my-issuer' }, async (t) => {
      const { access, refresh } = await obtain(t);
      expect(jwtPayloadText(refresh)).toMatch(/^\{"token_type":"refresh","exp":\d+,"iat":\d+,"jti":"[0-9a-f]{32}","user_id":1,"aud":"my-api","iss":"my-issuer"\}$/);
      expect(jwtPayloadText(access)).toMatch(/^\{"token_type":"access","exp":\d+,"iat":\d+,"jti":"[0-9a-f]{32}","user_id":1,"aud":"my-api","iss":"my-issuer"\}$/);
      expect((await authenticates(t, vectors.hs256AudIss)).status).toBe(204);
      for (const token of [vectors.hs256WrongAud, vectors.hs256NoAud]) expect((await authenticates(t, token)).text).toBe(notValid('Token is invalid or expired'));
      // a refreshed access token keeps aud/iss where they were (copied claims, then set again at encode)
      const next = JSON.parse((await postJson(t, '/auth/jwt/refresh/', { refresh })).text).access;
      expect(jwtPayloadText(next)).toMatch(/"user_id":1,"aud":"my-api","iss":"my-issuer"\}$/);
    }));

  it('LEEWAY: a token expired less than LEEWAY seconds ago is still accepted', () =>
    withApp({ SIMPLE_JWT_LEEWAY: '30' }, async (t) => {
      const now = nowSeconds();
      const claims = (exp: number) => signHs256({ token_type: 'access', exp, iat: now - 300, jti: randomJti(), user_id: 1 }, TEST_ENV.SECRET_KEY);
      expect((await authenticates(t, claims(now - 5))).status).toBe(204);
      expect((await authenticates(t, claims(now - 60))).text).toBe(notValid('Token is invalid or expired'));
    }));

  it('lifetimes, claim names and USER_ID_CLAIM lookups', () =>
    withApp(
      {
        SIMPLE_JWT_ACCESS_TOKEN_LIFETIME: '60',
        SIMPLE_JWT_REFRESH_TOKEN_LIFETIME: '120',
        SIMPLE_JWT_USER_ID_CLAIM: 'uid',
        SIMPLE_JWT_TOKEN_TYPE_CLAIM: 'kind',
        SIMPLE_JWT_JTI_CLAIM: 'tid',
      },
      async (t) => {
        const { access, refresh } = await obtain(t);
        const r = JSON.parse(jwtPayloadText(refresh));
        const a = JSON.parse(jwtPayloadText(access));
        expect(Object.keys(r)).toEqual(['kind', 'exp', 'iat', 'tid', 'uid']);
        expect([r.kind, r.exp - r.iat, a.kind, a.exp - a.iat, a.uid]).toEqual(['refresh', 120, 'access', 60, 1]);
        expect((await authenticates(t, access)).status).toBe(204);
        expect((await postJson(t, '/auth/jwt/refresh/', { refresh })).status).toBe(200);
        // blacklisting keys on the configured jti claim
        expect((await postJson(t, '/auth/jwt/blacklist/', { refresh })).text).toBe('{}');
        expect((await postJson(t, '/auth/jwt/refresh/', { refresh })).text).toBe('{"detail":"Token is blacklisted","code":"token_not_valid"}');
      },
    ));

  it('UPDATE_LAST_LOGIN: jwt/create sets last_login', () =>
    withApp({ SIMPLE_JWT_UPDATE_LAST_LOGIN: 'true' }, async (t) => {
      await obtain(t);
      const [row] = await db(t).query('SELECT "last_login" FROM "auth_user" WHERE "id" = 1');
      expect(row.last_login).not.toBeNull();
    }));
});
