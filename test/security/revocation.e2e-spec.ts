import { createUser, db, postJson } from '../auth/auth-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

interface Credentials {
  refresh: string;
  access: string;
  drfToken: string;
}

async function login(t: TestApp, username: string, password: string): Promise<Credentials> {
  const pair = await postJson(t, '/auth/jwt/create/', { username, password });
  const token = await postJson(t, '/auth/token/login/', { username, password });
  expect(pair.status).toBe(200);
  expect(token.status).toBe(200);
  const { refresh, access } = JSON.parse(pair.text);
  return { refresh, access, drfToken: JSON.parse(token.text).auth_token };
}

async function send(t: TestApp, method: string, path: string, auth: string, body?: unknown) {
  const res = await fetch(t.url + path, {
    method,
    headers: { Authorization: auth, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

/** Every credential is dead, even once the account is active again. */
async function expectAllRevoked(t: TestApp, c: Credentials) {
  const refreshed = await postJson(t, '/auth/jwt/refresh/', { refresh: c.refresh });
  expect(refreshed.status).toBe(401);
  expect(JSON.parse(refreshed.text)).toEqual({ detail: 'Token is blacklisted', code: 'token_not_valid' });
  const me = await send(t, 'GET', '/auth/users/me/', `Token ${c.drfToken}`);
  expect(me).toEqual({ status: 401, text: '{"detail":"Invalid token."}' });
}

// REFRESH_REQUIRES_ACTIVE_USER off: what stops the refresh token is the revocation itself, not the active check.
const ENV = { SIMPLE_JWT_REFRESH_REQUIRES_ACTIVE_USER: 'false', DJOSER_SEND_ACTIVATION_EMAIL: 'true' };

describe('deactivating or deleting a user ends all their tokens (ASVS 7.4.2)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(ENV);
  });
  afterAll(() => t.close());

  it('DELETE users/me/ revokes the refresh and DRF tokens', async () => {
    await createUser(t, { username: 'gone', password: 'correct-horse-1' });
    const c = await login(t, 'gone', 'correct-horse-1');
    const del = await send(t, 'DELETE', '/auth/users/me/', `Bearer ${c.access}`, { current_password: 'correct-horse-1' });
    expect(del.status).toBe(204);
    const refreshed = await postJson(t, '/auth/jwt/refresh/', { refresh: c.refresh });
    expect(JSON.parse(refreshed.text)).toEqual({ detail: 'Token is blacklisted', code: 'token_not_valid' });
    expect(await send(t, 'GET', '/auth/users/me/', `Token ${c.drfToken}`)).toEqual({ status: 401, text: '{"detail":"Invalid token."}' });
    const [{ n }] = await db(t).query(`SELECT count(*)::int AS n FROM "authtoken_token"`);
    expect(n).toBe(0);
  });

  it('a deactivation through the product (new e-mail to confirm) revokes them, and re-activation does not revive them', async () => {
    const u = await createUser(t, { username: 'mover', password: 'correct-horse-2' });
    const c = await login(t, 'mover', 'correct-horse-2');
    const patch = await send(t, 'PATCH', '/auth/users/me/', `Bearer ${c.access}`, { email: 'new-address@example.com' });
    expect(patch.status).toBe(200);
    await db(t).query(`UPDATE "auth_user" SET "is_active" = true WHERE "id" = $1`, [u.id]);
    await expectAllRevoked(t, c);
  });

  it('other users keep their tokens', async () => {
    await createUser(t, { username: 'bystander', password: 'correct-horse-4' });
    const c = await login(t, 'bystander', 'correct-horse-4');
    await createUser(t, { username: 'other', password: 'correct-horse-5' });
    const c2 = await login(t, 'other', 'correct-horse-5');
    const del = await send(t, 'DELETE', '/auth/users/me/', `Bearer ${c2.access}`, { current_password: 'correct-horse-5' });
    expect(del.status).toBe(204);
    expect((await postJson(t, '/auth/jwt/refresh/', { refresh: c.refresh })).status).toBe(200);
    expect((await send(t, 'GET', '/auth/users/me/', `Token ${c.drfToken}`)).status).toBe(200);
  });
});

describe('an operator deactivation in the database (Django admin, SQL): every token is refused while inactive', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(); // SIMPLE_JWT_REFRESH_REQUIRES_ACTIVE_USER on (the default)
  });
  afterAll(() => t.close());

  it('refuses the access, refresh and DRF tokens with the answers SimpleJWT ≥ 5.4 and DRF give', async () => {
    const u = await createUser(t, { username: 'banned', password: 'correct-horse-3' });
    const c = await login(t, 'banned', 'correct-horse-3');
    await db(t).query(`UPDATE "auth_user" SET "is_active" = false WHERE "id" = $1`, [u.id]);
    const refreshed = await postJson(t, '/auth/jwt/refresh/', { refresh: c.refresh });
    expect(refreshed.status).toBe(401);
    expect(JSON.parse(refreshed.text)).toEqual({ detail: 'No active account found for the given token.' });
    expect(await send(t, 'GET', '/auth/users/me/', `Token ${c.drfToken}`)).toEqual({ status: 401, text: '{"detail":"User inactive or deleted."}' });
    expect(await send(t, 'GET', '/auth/users/me/', `Bearer ${c.access}`)).toEqual({
      status: 401,
      text: '{"detail":"User is inactive","code":"user_inactive"}',
    });
  });
});
