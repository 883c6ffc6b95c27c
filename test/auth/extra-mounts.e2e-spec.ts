import { startTestApp, TestApp } from '../support/test-app';
import { createUser, postJson } from './auth-fixtures';

const PASSWORD = 'Alice-Pass-123';
const DJANGO_404 =
  '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n';
const PATHS = ['/api/token/', '/api/token/refresh/', '/api/token/verify/', '/api-token-auth/'];

/** The optional mounts (SimpleJWT's README URLs, DRF's obtain_auth_token); answers recorded from the reference's views. */
describe('extra mounts off (default): Django 404 everywhere', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each(PATHS)('%s', async (path) => {
    for (const [method, headers] of [
      ['POST', { Authorization: 'Bearer junk' }],
      ['GET', {}],
      ['OPTIONS', {}],
    ] as const) {
      for (const p of [path, path.slice(0, -1)]) {
        const res = await fetch(`${t.url}${p}`, { method, headers });
        expect({ p, method, status: res.status, type: res.headers.get('content-type'), body: await res.text() }).toEqual({
          p,
          method,
          status: 404,
          type: 'text/html',
          body: DJANGO_404,
        });
      }
    }
  });
});

describe('extra mounts on', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ MOUNT_SIMPLEJWT_URLS: 'true', MOUNT_AUTHTOKEN_URL: 'true' });
    await createUser(t, { username: 'alice', password: PASSWORD });
  });
  afterAll(() => t.close());

  it('api/token/, api/token/refresh/, api/token/verify/ are the jwt/* views', async () => {
    const res = await postJson(t, '/api/token/', { username: 'alice', password: PASSWORD }, { Authorization: 'Bearer junk' });
    expect(res.status).toBe(200);
    const { refresh, access } = JSON.parse(res.text);
    expect((await postJson(t, '/api/token/refresh/', { refresh })).text).toMatch(/^\{"access":"[^"]+"\}$/);
    expect(await postJson(t, '/api/token/verify/', { token: access })).toMatchObject({ status: 200, text: '{}' });
    expect(await postJson(t, '/api/token/verify/', { token: 'x' })).toMatchObject({
      status: 401,
      text: '{"detail":"Token is invalid or expired","code":"token_not_valid"}',
    });
    expect((await postJson(t, '/api/token/', {})).text).toBe('{"username":["This field is required."],"password":["This field is required."]}');
  });

  it('api-token-auth/: {"token": key}, the same key as token/login', async () => {
    const res = await postJson(t, '/api-token-auth/', { username: 'alice', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/^\{"token":"[0-9a-f]{40}"\}$/);
    expect((await postJson(t, '/api-token-auth/', { username: 'alice', password: PASSWORD })).text).toBe(res.text);
    const login = JSON.parse((await postJson(t, '/auth/token/login/', { username: 'alice', password: PASSWORD })).text);
    expect(login.auth_token).toBe(JSON.parse(res.text).token);
  });

  it('api-token-auth/ errors: fields, credentials, untrimmed password, authentication first', async () => {
    expect((await postJson(t, '/api-token-auth/', {})).text).toBe('{"username":["This field is required."],"password":["This field is required."]}');
    const invalid = '{"non_field_errors":["Unable to log in with provided credentials."]}';
    for (const password of ['bad', ` ${PASSWORD} `, '   ']) {
      expect(await postJson(t, '/api-token-auth/', { username: 'alice', password })).toMatchObject({ status: 400, text: invalid });
    }
    const res = await postJson(t, '/api-token-auth/', '{garbage', { Authorization: 'Token junk' });
    expect([res.status, res.text, res.headers.get('www-authenticate')]).toEqual([401, '{"detail":"Invalid token."}', 'Bearer realm="api"']);
    const get = await fetch(`${t.url}/api-token-auth/`);
    expect([get.status, await get.text(), get.headers.get('allow')]).toEqual([405, '{"detail":"Method \\"GET\\" not allowed."}', 'POST, OPTIONS']);
  });
});
