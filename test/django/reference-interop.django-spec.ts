import { execFile } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { promisify } from 'util';
import { startTestApp, TestApp, TEST_ENV } from '../support/test-app';
import { createUser, jwtPayloadText, postJson } from '../auth/auth-fixtures';

const run = promisify(execFile);
const REF_DIR = process.env.DJOSER_REF_DIR ?? resolve(__dirname, '../../../shared/djoser-ref');
/** This suite's port (test:django uses 19000–19049). */
const REF_PORT = '19001';
const REF = `http://127.0.0.1:${REF_PORT}`;
const ADMIN_PASSWORD = 'Adm1n-Ref-Pass!';

/**
 * Token interoperability with the real SimpleJWT (issue: "a token signed by the reference
 * authenticates here, and a token signed here is accepted by the reference"). The
 * reference is started on the same SECRET_KEY with its seeded staff user `admin` (id 1);
 * our database gets a user with the same id. If the reference cannot start, the suite fails.
 */
describe('token interoperability with ../shared/djoser-ref', () => {
  let t: TestApp;
  const varDir = mkdtempSync(join(tmpdir(), 'nest-djoser-auth-interop-'));
  const refEnv = { ...process.env, REF_SECRET_KEY: TEST_ENV.SECRET_KEY, REF_VAR_DIR: varDir, REF_WORKERS: '1' };

  beforeAll(async () => {
    await run(join(REF_DIR, 'start.sh'), [REF_PORT], { env: refEnv, timeout: 90_000 });
    t = await startTestApp();
    const admin = await createUser(t, { username: 'admin', email: 'admin@example.com', password: ADMIN_PASSWORD, isStaff: true });
    expect(admin.id).toBe(1);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await run(join(REF_DIR, 'stop.sh'), [REF_PORT], { env: refEnv, timeout: 30_000 });
    rmSync(varDir, { recursive: true, force: true });
  }, 60_000);

  const postRef = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${REF}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: res.status, text: await res.text() };
  };

  it("the reference's tokens work here: its access authenticates, its refresh refreshes", async () => {
    const issued = await postRef('/auth/jwt/create/', { username: 'admin', password: ADMIN_PASSWORD });
    expect(issued.status).toBe(200);
    const { refresh, access } = JSON.parse(issued.text);
    // the claims SimpleJWT wrote are the ones we write, in the same order
    expect(jwtPayloadText(access)).toMatch(/^\{"token_type":"access","exp":\d+,"iat":\d+,"jti":"[0-9a-f]{32}","user_id":1\}$/);
    expect(await postJson(t, '/auth/jwt/verify/', { token: access })).toMatchObject({ status: 200, text: '{}' });
    const refreshed = await postJson(t, '/auth/jwt/refresh/', { refresh });
    expect(refreshed.status).toBe(200);
    expect(jwtPayloadText(JSON.parse(refreshed.text).access)).toMatch(new RegExp(`"iat":${JSON.parse(jwtPayloadText(refresh)).iat},`));
    expect((await postJson(t, '/auth/token/logout/', {}, { Authorization: `Bearer ${access}` })).status).toBe(204);
  });

  it('our tokens work at the reference: verify, refresh and authentication accept them', async () => {
    const { refresh, access } = JSON.parse((await postJson(t, '/auth/jwt/create/', { username: 'admin', password: ADMIN_PASSWORD })).text);
    expect(await postRef('/auth/jwt/verify/', { token: access })).toEqual({ status: 200, text: '{}' });
    expect(await postRef('/auth/jwt/verify/', { token: refresh })).toEqual({ status: 200, text: '{}' });
    const refreshed = await postRef('/auth/jwt/refresh/', { refresh });
    expect(refreshed.status).toBe(200);
    expect(refreshed.text).toMatch(/^\{"access":"[^"]+"\}$/);
    const me = await fetch(`${REF}/auth/users/me/`, { headers: { Authorization: `Bearer ${access}` } });
    expect([me.status, await me.text()]).toEqual([200, '{"email":"admin@example.com","id":1,"username":"admin"}']);
  });

  it('a token signed with another key is refused on both sides with the same body', async () => {
    const other = await startTestApp({ SECRET_KEY: 'a-different-secret-key-0123456789-abcdef' });
    try {
      await createUser(other, { username: 'admin', password: ADMIN_PASSWORD });
      const { access } = JSON.parse((await postJson(other, '/auth/jwt/create/', { username: 'admin', password: ADMIN_PASSWORD })).text);
      const expected = { status: 401, text: '{"detail":"Token is invalid or expired","code":"token_not_valid"}' };
      expect(await postRef('/auth/jwt/verify/', { token: access })).toEqual(expected);
      expect(await postJson(t, '/auth/jwt/verify/', { token: access })).toMatchObject(expected);
    } finally {
      await other.close();
    }
  });
});
