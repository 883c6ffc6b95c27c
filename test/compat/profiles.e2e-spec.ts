import { createHash } from 'node:crypto';
import { createUser, get, jwtPayloadText, nowSeconds, postJson, randomJti, signHs256 } from '../auth/auth-fixtures';
import { startTestApp, TestApp, TEST_ENV } from '../support/test-app';

const KEY = TEST_ENV.SECRET_KEY;
const PASSWORD = 'Alice-Pass-123';
const payload = (token: string) => JSON.parse(jwtPayloadText(token)) as Record<string, unknown>;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const forged = (type: 'access' | 'refresh', userId: unknown, iat = nowSeconds()) =>
  signHs256({ token_type: type, exp: nowSeconds() + 300, iat, jti: randomJti(), user_id: userId }, KEY);

/**
 * What differs between COMPAT_STACK=current and COMPAT_STACK=2.1 beyond the recorded scenarios
 * (COMPAT.md, "Compatibility profiles"); expected values from SimpleJWT 5.2.2 / 5.5.1 source
 * (tokens.py, authentication.py) and the reference recordings.
 */
describe.each(['current', '2.1'] as const)('COMPAT_STACK=%s', (stack) => {
  let t: TestApp;
  let aliceId: number;
  beforeAll(async () => {
    t = await startTestApp({ COMPAT_STACK: stack });
    aliceId = (await createUser(t, { username: 'alice', password: PASSWORD })).id;
  });
  afterAll(() => t.close());

  it(`issues user_id as ${stack === 'current' ? 'a string (SimpleJWT 5.5)' : 'a number (5.2.2)'}`, async () => {
    const res = await postJson(t, '/auth/jwt/create/', { username: 'alice', password: PASSWORD });
    const { access, refresh } = JSON.parse(res.text) as { access: string; refresh: string };
    const expected = stack === 'current' ? String(aliceId) : aliceId;
    expect(payload(access).user_id).toBe(expected);
    expect(payload(refresh).user_id).toBe(expected);
  });

  it.each([
    ['a number', (id: number) => id],
    ['a string', (id: number) => String(id)],
  ])('accepts access and refresh tokens whose user_id is %s (either stack minted them)', async (_, claim) => {
    const me = await get(t, '/auth/users/me/', bearer(forged('access', claim(aliceId))));
    expect(me.status).toBe(200);
    expect(JSON.parse(me.text).id).toBe(aliceId);
    expect((await postJson(t, '/auth/jwt/refresh/', { refresh: forged('refresh', claim(aliceId)) })).status).toBe(200);
  });

  it(`gives a refreshed access token ${stack === 'current' ? 'its own iat (5.3+)' : "the refresh token's iat (5.2.2)"}`, async () => {
    const old = nowSeconds() - 1000;
    const res = await postJson(t, '/auth/jwt/refresh/', { refresh: forged('refresh', aliceId, old) });
    const iat = payload(JSON.parse(res.text).access).iat as number;
    if (stack === 'current') expect(Math.abs(iat - nowSeconds())).toBeLessThanOrEqual(2);
    else expect(iat).toBe(old);
  });

  it(`answers ${stack === 'current' ? 'Token is expired' : 'Token is invalid or expired'} for an expired token`, async () => {
    const expired = signHs256({ token_type: 'access', exp: nowSeconds() - 10, iat: nowSeconds() - 400, jti: randomJti(), user_id: aliceId }, KEY);
    const res = await postJson(t, '/auth/jwt/verify/', { token: expired });
    expect(res.status).toBe(401);
    expect(res.text).toBe(`{"detail":"${stack === 'current' ? 'Token is expired' : 'Token is invalid or expired'}","code":"token_not_valid"}`);
  });
});

describe('COMPAT_STACK=current: SimpleJWT 5.3+ settings', () => {
  it('CHECK_REVOKE_TOKEN: tokens carry the password digest; after a password change the old access token is refused', async () => {
    const t = await startTestApp({ COMPAT_STACK: 'current', SIMPLE_JWT_CHECK_REVOKE_TOKEN: 'true' });
    try {
      const alice = await createUser(t, { username: 'alice', password: PASSWORD });
      const { access } = JSON.parse((await postJson(t, '/auth/jwt/create/', { username: 'alice', password: PASSWORD })).text) as { access: string };
      expect(payload(access).hash_password).toBe(createHash('md5').update(alice.password).digest('hex').toUpperCase());
      expect((await get(t, '/auth/users/me/', bearer(access))).status).toBe(200);
      const changed = await postJson(t, '/auth/users/set_password/', { new_password: 'New-Alice-Pass-456', current_password: PASSWORD }, bearer(access));
      expect(changed.status).toBe(204);
      const refused = await get(t, '/auth/users/me/', bearer(access));
      expect(refused.status).toBe(401);
      expect(refused.text).toBe('{"detail":"The user\'s password has been changed.","code":"password_changed"}');
      const again = JSON.parse((await postJson(t, '/auth/jwt/create/', { username: 'alice', password: 'New-Alice-Pass-456' })).text) as { access: string };
      expect((await get(t, '/auth/users/me/', bearer(again.access))).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('CHECK_USER_IS_ACTIVE=false: an inactive user authenticates with an access token and may refresh', async () => {
    const t = await startTestApp({ COMPAT_STACK: 'current', SIMPLE_JWT_CHECK_USER_IS_ACTIVE: 'false' });
    try {
      const ina = await createUser(t, { username: 'ina', password: PASSWORD, isActive: false });
      expect((await get(t, '/auth/users/me/', bearer(forged('access', String(ina.id))))).status).toBe(200);
      expect((await postJson(t, '/auth/jwt/refresh/', { refresh: forged('refresh', String(ina.id)) })).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
