import { DataSource } from 'typeorm';
import { TokenRevocation } from '../../src/auth/revocation/token-revocation.service';
import { startTestApp, TestApp } from '../support/test-app';
import { createUser, db, jwtPayloadText, nowSeconds, postJson } from './auth-fixtures';

const PASSWORD = 'Alice-Pass-123';
const BLACKLISTED = '{"detail":"Token is blacklisted","code":"token_not_valid"}';
const NO_ACTIVE_ACCOUNT = '{"detail":"No active account found for the given token."}';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function obtain(t: TestApp, username = 'alice'): Promise<{ refresh: string; access: string }> {
  return JSON.parse((await postJson(t, '/auth/jwt/create/', { username, password: PASSWORD })).text);
}
const refreshWith = (t: TestApp, refresh: string) => postJson(t, '/auth/jwt/refresh/', { refresh });
const jtiOf = (token: string): string => JSON.parse(jwtPayloadText(token)).jti;

/** ROTATE_REFRESH_TOKENS with our reuse detection (COMPAT.md "Tokens and authentication"). */
describe('rotation with reuse detection (grace period 1 s)', () => {
  let t: TestApp;
  let aliceId: number;
  beforeAll(async () => {
    t = await startTestApp({ SIMPLE_JWT_ROTATE_REFRESH_TOKENS: 'true', SIMPLE_JWT_ROTATION_REUSE_GRACE_PERIOD: '1' });
    aliceId = (await createUser(t, { username: 'alice', password: PASSWORD })).id;
  });
  afterAll(() => t.close());

  it('answers {"access","refresh"}: the same claims with a new jti, iat and exp (§7.1, §7.2)', async () => {
    const { refresh } = await obtain(t);
    const before = nowSeconds();
    const res = await refreshWith(t, refresh);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/^\{"access":"[^"]+","refresh":"[^"]+"\}$/);
    const body = JSON.parse(res.text);
    const old = JSON.parse(jwtPayloadText(refresh));
    const next = JSON.parse(jwtPayloadText(body.refresh));
    expect(Object.keys(next)).toEqual(['token_type', 'exp', 'iat', 'jti', 'user_id']);
    expect(next.jti).not.toBe(old.jti);
    expect(next.iat).toBeGreaterThanOrEqual(before);
    expect(next.exp - next.iat).toBe(86400);
    // the access token comes from the presented token (its iat is copied), before rotation
    expect(JSON.parse(jwtPayloadText(body.access)).iat).toBe(old.iat);
    // the successor is recorded too, with its user
    const rows = await db(t).query('SELECT "user_id", "token" FROM "token_blacklist_outstandingtoken" WHERE "jti" = $1', [next.jti]);
    expect(rows).toEqual([{ user_id: aliceId, token: body.refresh }]);
  });

  it('20 concurrent refreshes of one token issue exactly one successor, returned to all of them', async () => {
    const { refresh } = await obtain(t);
    const answers = await Promise.all(Array.from({ length: 20 }, () => refreshWith(t, refresh)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const successors = new Set(answers.map((a) => JSON.parse(a.text).refresh));
    expect(successors.size).toBe(1);
    const [{ count }] = await db(t).query(
      `SELECT count(*)::int AS "count" FROM "refresh_token_family" WHERE "family" = $1`,
      [jtiOf(refresh)],
    );
    expect(count).toBe(2); // the presented token and its single successor
  });

  it('within the grace period the rotated token gets the same successor; after it, the whole family is revoked', async () => {
    const { refresh: t0, access } = await obtain(t);
    const t1 = JSON.parse((await refreshWith(t, t0)).text).refresh;
    expect(JSON.parse((await refreshWith(t, t0)).text).refresh).toBe(t1);
    const t2 = JSON.parse((await refreshWith(t, t1)).text).refresh;
    await sleep(1300);
    expect(await refreshWith(t, t0)).toMatchObject({ status: 401, text: BLACKLISTED });
    // every member of the family, including the newest, is now blacklisted
    expect(await refreshWith(t, t2)).toMatchObject({ status: 401, text: BLACKLISTED });
    expect(await refreshWith(t, t1)).toMatchObject({ status: 401, text: BLACKLISTED });
    // access tokens stay stateless until they expire, as in SimpleJWT
    expect((await postJson(t, '/auth/token/logout/', {}, { Authorization: `Bearer ${access}` })).status).toBe(204);
    // other sessions of the same user are untouched
    const other = await obtain(t);
    expect((await refreshWith(t, other.refresh)).status).toBe(200);
  });
});

describe('rotation with BLACKLIST_AFTER_ROTATION', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SIMPLE_JWT_ROTATE_REFRESH_TOKENS: 'true', SIMPLE_JWT_BLACKLIST_AFTER_ROTATION: 'true' });
    await createUser(t, { username: 'alice', password: PASSWORD });
  });
  afterAll(() => t.close());

  it('blacklists the rotated token: verify answers 400 non_field_errors (§7.1 captured)', async () => {
    const { refresh } = await obtain(t);
    const next = JSON.parse((await refreshWith(t, refresh)).text).refresh;
    expect(await postJson(t, '/auth/jwt/verify/', { token: refresh })).toMatchObject({ status: 400, text: '{"non_field_errors":["Token is blacklisted"]}' });
    expect(await postJson(t, '/auth/jwt/verify/', { token: next })).toMatchObject({ status: 200, text: '{}' });
    // ours: within the grace period the same successor is answered instead of 401
    expect(JSON.parse((await refreshWith(t, refresh)).text).refresh).toBe(next);
    // blacklisting the successor (logout) ends the family: the old token cannot resurrect it
    expect((await postJson(t, '/auth/jwt/blacklist/', { refresh: next })).text).toBe('{}');
    expect(await refreshWith(t, refresh)).toMatchObject({ status: 401, text: BLACKLISTED });
  });
});

describe('rotation without reuse detection (SimpleJWT 5.2.2 semantics)', () => {
  it('BLACKLIST_AFTER_ROTATION off: a rotated token may be refreshed again, forking', async () => {
    const t = await startTestApp({ SIMPLE_JWT_ROTATE_REFRESH_TOKENS: 'true', SIMPLE_JWT_ROTATION_REUSE_DETECTION: 'false' });
    try {
      await createUser(t, { username: 'alice', password: PASSWORD });
      const { refresh } = await obtain(t);
      const a = JSON.parse((await refreshWith(t, refresh)).text).refresh;
      const b = JSON.parse((await refreshWith(t, refresh)).text).refresh;
      expect(a).not.toBe(b);
    } finally {
      await t.close();
    }
  });

  it('BLACKLIST_AFTER_ROTATION on: of 20 concurrent refreshes one succeeds, the others find it blacklisted', async () => {
    const t = await startTestApp({
      SIMPLE_JWT_ROTATE_REFRESH_TOKENS: 'true',
      SIMPLE_JWT_BLACKLIST_AFTER_ROTATION: 'true',
      SIMPLE_JWT_ROTATION_REUSE_DETECTION: 'false',
    });
    try {
      await createUser(t, { username: 'alice', password: PASSWORD });
      const { refresh } = await obtain(t);
      const answers = await Promise.all(Array.from({ length: 20 }, () => refreshWith(t, refresh)));
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      expect(answers.filter((a) => a.status === 401 && a.text === BLACKLISTED)).toHaveLength(19);
    } finally {
      await t.close();
    }
  });
});

describe('blacklist, logout everywhere, revocation, refresh of inactive or deleted users', () => {
  let t: TestApp;
  let aliceId: number;
  beforeAll(async () => {
    t = await startTestApp();
    aliceId = (await createUser(t, { username: 'alice', password: PASSWORD })).id;
  });
  afterAll(() => t.close());

  it('jwt/blacklist: TokenBlacklistView answers (§7.1)', async () => {
    const { refresh, access } = await obtain(t);
    expect(await postJson(t, '/auth/jwt/blacklist/', {})).toMatchObject({ status: 400, text: '{"refresh":["This field is required."]}' });
    expect(await postJson(t, '/auth/jwt/blacklist/', { refresh: access })).toMatchObject({
      status: 401,
      text: '{"detail":"Token has wrong type","code":"token_not_valid"}',
    });
    expect(await postJson(t, '/auth/jwt/blacklist', { refresh })).toMatchObject({ status: 200, text: '{}' });
    expect(await postJson(t, '/auth/jwt/blacklist/', { refresh })).toMatchObject({ status: 401, text: BLACKLISTED });
    expect(await refreshWith(t, refresh)).toMatchObject({ status: 401, text: BLACKLISTED });
    const options = await (await fetch(`${t.url}/auth/jwt/blacklist/`, { method: 'OPTIONS' })).text();
    expect(options).toBe(
      '{"name":"Token Blacklist","description":"Takes a token and blacklists it. Must be used with the\\n`rest_framework_simplejwt.token_blacklist` app installed.","renders":["application/json","text/html"],"parses":["application/json","application/x-www-form-urlencoded","multipart/form-data"],"actions":{"POST":{"refresh":{"type":"string","required":true,"read_only":false,"label":"Refresh"}}}}',
    );
  });

  it('token/logout_all/: every refresh token and the DRF token of the caller are revoked', async () => {
    const a = await obtain(t);
    const b = await obtain(t);
    const key = JSON.parse((await postJson(t, '/auth/token/login/', { username: 'alice', password: PASSWORD })).text).auth_token;
    expect(await postJson(t, '/auth/token/logout_all/', {})).toMatchObject({ status: 401 });
    const res = await postJson(t, '/auth/token/logout_all', {}, { Authorization: `Bearer ${a.access}` });
    expect([res.status, res.text]).toEqual([204, '']);
    for (const r of [a.refresh, b.refresh]) expect(await refreshWith(t, r)).toMatchObject({ status: 401, text: BLACKLISTED });
    expect(await postJson(t, '/auth/token/logout/', {}, { Authorization: `Token ${key}` })).toMatchObject({ status: 401, text: '{"detail":"Invalid token."}' });
  });

  it("TokenRevocation.revokeAllForUser works inside the caller's transaction (rolled back with it)", async () => {
    const { refresh } = await obtain(t);
    const revocation = t.app.get(TokenRevocation);
    await expect(
      t.app.get(DataSource).transaction(async (m) => {
        await revocation.revokeAllForUser(aliceId, m);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect((await refreshWith(t, refresh)).status).toBe(200);
    await t.app.get(DataSource).transaction((m) => revocation.revokeAllForUser(aliceId, m));
    expect(await refreshWith(t, refresh)).toMatchObject({ status: 401, text: BLACKLISTED });
  });

  it('refresh is refused for a deactivated user, then for a deleted one (SimpleJWT ≥ 5.4 text, §10.2)', async () => {
    const bob = await createUser(t, { username: 'bob', password: PASSWORD });
    const { refresh } = await obtain(t, 'bob');
    await db(t).query('UPDATE "auth_user" SET "is_active" = false WHERE "id" = $1', [bob.id]);
    expect(await refreshWith(t, refresh)).toMatchObject({ status: 401, text: NO_ACTIVE_ACCOUNT });
    await t.app.get(DataSource).transaction(async (m) => {
      await t.app.get(TokenRevocation).prepareUserDeletion(bob.id, m);
      await m.query('DELETE FROM "auth_user" WHERE "id" = $1', [bob.id]);
    });
    // deleted: the outstanding rows lost their user (Django's SET_NULL) and were blacklisted first
    expect(await refreshWith(t, refresh)).toMatchObject({ status: 401, text: BLACKLISTED });
    const rows = await db(t).query('SELECT "user_id" FROM "token_blacklist_outstandingtoken" WHERE "jti" = $1', [jtiOf(refresh)]);
    expect(rows).toEqual([{ user_id: null }]);
  });
});

describe('SIMPLE_JWT_REFRESH_REQUIRES_ACTIVE_USER=false (SimpleJWT 5.2.2)', () => {
  it('refresh keeps working for an inactive user, as the reference does (§11 item 20)', async () => {
    const t = await startTestApp({ SIMPLE_JWT_REFRESH_REQUIRES_ACTIVE_USER: 'false' });
    try {
      const u = await createUser(t, { username: 'alice', password: PASSWORD });
      const { refresh } = await obtain(t);
      await db(t).query('UPDATE "auth_user" SET "is_active" = false WHERE "id" = $1', [u.id]);
      expect((await refreshWith(t, refresh)).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
