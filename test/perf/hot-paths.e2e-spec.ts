import { HotPaths } from '../../src/perf/hot-paths';
import { createUser, nowSeconds, postJson, randomJti, signHs256 } from '../auth/auth-fixtures';
import { startTestApp, TestApp, TEST_ENV } from '../support/test-app';

const PASSWORD = 'Alice-Pass-123';

/**
 * The hot paths answer `GET users/me/` and `POST jwt/verify/` without the Nest pipeline:
 * they must answer byte for byte what the full pipeline answers (a query string, which
 * neither view reads, sends the same request through the full pipeline), and every case
 * they do not handle must still get the pipeline's answer.
 */
describe('hot paths (issue 9)', () => {
  let t: TestApp;
  let sent: jest.SpyInstance;
  let access: string;
  let drfKey: string;
  let inaId: number;
  beforeAll(async () => {
    t = await startTestApp({ DJOSER_USER_EXTRA_FIELDS: 'first_name' });
    await createUser(t, { username: 'alice', password: PASSWORD, email: 'Alice@Example.com' });
    inaId = (await createUser(t, { username: 'ina', password: PASSWORD, isActive: false })).id;
    access = JSON.parse((await postJson(t, '/auth/jwt/create/', { username: 'alice', password: PASSWORD })).text).access;
    drfKey = JSON.parse((await postJson(t, '/auth/token/login/', { username: 'alice', password: PASSWORD })).text).auth_token;
    sent = jest.spyOn(t.app.get(HotPaths) as unknown as { send: () => void }, 'send');
  });
  afterAll(() => t.close());
  beforeEach(() => sent.mockClear());

  const answer = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(t.url + path, init);
    const headers = Object.fromEntries([...res.headers].filter(([k]) => k !== 'date' && k !== 'x-request-id'));
    return { status: res.status, headers, body: await res.text() };
  };
  const same = async (path: string, init: RequestInit, hot: boolean) => {
    const fast = await answer(path, init);
    expect(sent).toHaveBeenCalledTimes(hot ? 1 : 0);
    sent.mockClear();
    const full = await answer(`${path}?full=1`, init);
    expect(sent).not.toHaveBeenCalled();
    expect(fast).toEqual(full);
    return fast;
  };

  it('users/me/ with a JWT and with a DRF token: the pipeline answer, from the hot path', async () => {
    for (const authorization of [`Bearer ${access}`, `Token ${drfKey}`]) {
      const res = await same('/auth/users/me/', { headers: { authorization } }, true);
      expect(res).toMatchObject({ status: 200, body: '{"email":"Alice@Example.com","id":1,"username":"alice","first_name":""}' });
      expect(res.headers).toMatchObject({ 'content-type': 'application/json', vary: 'Accept', allow: 'GET, PUT, PATCH, DELETE, HEAD, OPTIONS' });
    }
  });

  it('users/me/ failures fall through to the pipeline: anonymous, bad tokens, inactive users', async () => {
    for (const authorization of ['', 'Bearer junk', 'Bearer a b', 'Token nope', `Bearer ${access}x`]) {
      const res = await same('/auth/users/me/', authorization ? { headers: { authorization } } : {}, false);
      expect(res.status).toBe(401);
    }
    const now = nowSeconds();
    const ina = signHs256({ token_type: 'access', exp: now + 300, iat: now, jti: randomJti(), user_id: inaId }, TEST_ENV.SECRET_KEY);
    expect(await same('/auth/users/me/', { headers: { authorization: `Bearer ${ina}` } }, false)).toMatchObject({
      status: 401,
      body: '{"detail":"User is inactive","code":"user_inactive"}',
    });
  });

  it('other Accept values go through the pipeline', async () => {
    const res = await same('/auth/users/me/', { headers: { authorization: `Bearer ${access}`, accept: 'application/json; indent=2' } }, false);
    expect(res.body).toContain('\n  "email"');
  });

  it('jwt/verify/: valid tokens from the hot path, everything else from the pipeline', async () => {
    const post = (body: string, contentType = 'application/json') => ({ method: 'POST', headers: { 'content-type': contentType }, body });
    expect(await same('/auth/jwt/verify/', post(JSON.stringify({ token: access })), true)).toMatchObject({ status: 200, body: '{}' });
    for (const body of ['{"token":"junk"}', '{}', '{"token":', '[1]', '{"token":null}']) {
      expect((await same('/auth/jwt/verify/', post(body), false)).status).toBeGreaterThanOrEqual(400);
    }
    expect((await same('/auth/jwt/verify/', post(`token=${access}`, 'application/x-www-form-urlencoded'), false)).status).toBe(200);
  });
});
