import type { TestApp } from '../support/test-app';
import { call, createUser, login, NOT_FOUND, startUsersApp, UNAUTHENTICATED } from './users-support';

const RENDERS_PARSES =
  '"renders":["application/json","text/html"],"parses":["application/json","application/x-www-form-urlencoded","multipart/form-data"]';
const USER_FIELDS =
  '{"email":{"type":"email","required":false,"read_only":false,"label":"Email address","max_length":254},"id":{"type":"integer","required":false,"read_only":true,"label":"ID"},"username":{"type":"string","required":false,"read_only":true,"label":"Username","help_text":"Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only."}}';
const metadata = (name: string, actions?: string) =>
  `{"name":"${name}","description":"",${RENDERS_PARSES}${actions ? `,"actions":${actions}` : ''}}`;

const DETAIL_ALLOW = 'GET, PUT, PATCH, DELETE, HEAD, OPTIONS';

/**
 * The viewset's routing as DRF answers it: OPTIONS metadata (spec Appendix A; other routes
 * recorded from djoser-ref), 405 after the permission check, 401 for anonymous, `Allow`.
 */
describe('users routes: OPTIONS, 405, 401, HEAD', () => {
  let t: TestApp;
  let alice: string;
  let staff: string;
  beforeAll(async () => {
    t = await startUsersApp();
    await createUser(t, { username: 'admin', isStaff: true }); // 1
    await createUser(t, { username: 'alice' }); // 2
    await createUser(t, { username: 'bob' }); // 3
    alice = await login(t, 'alice');
    staff = await login(t, 'admin');
  });
  afterAll(() => t.close());

  it.each([
    ['/auth/users/', metadata('User List', `{"POST":${USER_FIELDS}}`), 'GET, POST, HEAD, OPTIONS'],
    ['/auth/users/2/', metadata('User Instance', `{"PUT":${USER_FIELDS}}`), DETAIL_ALLOW],
    ['/auth/users/activation/', metadata('Activation', `{"POST":${USER_FIELDS}}`), 'POST, OPTIONS'],
    ['/auth/users/resend_activation/', metadata('Resend activation', `{"POST":${USER_FIELDS}}`), 'POST, OPTIONS'],
    ['/auth/users/set_password/', metadata('Set password', `{"POST":${USER_FIELDS}}`), 'POST, OPTIONS'],
    ['/auth/users/reset_password/', metadata('Reset password', `{"POST":${USER_FIELDS}}`), 'POST, OPTIONS'],
    ['/auth/users/reset_password_confirm/', metadata('Reset password confirm', `{"POST":${USER_FIELDS}}`), 'POST, OPTIONS'],
    ['/auth/users/set_username/', metadata('Set username', `{"POST":${USER_FIELDS}}`), 'POST, OPTIONS'],
    ['/auth/users/reset_username/', metadata('Reset username', `{"POST":${USER_FIELDS}}`), 'POST, OPTIONS'],
    ['/auth/users/reset_username_confirm/', metadata('Reset username confirm', `{"POST":${USER_FIELDS}}`), 'POST, OPTIONS'],
  ])('OPTIONS %s describes UserSerializer', async (path, body, allow) => {
    const res = await call(t, 'OPTIONS', path, { auth: alice });
    expect(res.status).toBe(200);
    expect(res.text).toBe(body);
    expect(res.headers.get('allow')).toBe(allow);
  });

  it('OPTIONS on another user, a missing one or a non-number: no actions (recorded from djoser-ref)', async () => {
    for (const path of ['/auth/users/3/', '/auth/users/999/', '/auth/users/abc/']) {
      const res = await call(t, 'OPTIONS', path, { auth: alice });
      expect(res.status).toBe(200);
      expect(res.text).toBe(metadata('User Instance'));
    }
    expect((await call(t, 'OPTIONS', '/auth/users/3/', { auth: staff })).text).toBe(metadata('User Instance', `{"PUT":${USER_FIELDS}}`));
  });

  it('OPTIONS needs authentication (the `user` permission), even on AllowAny actions', async () => {
    for (const path of ['/auth/users/', '/auth/users/activation/', '/auth/users/2/', '/auth/users/me/']) {
      const res = await call(t, 'OPTIONS', path);
      expect(res.status).toBe(401);
      expect(res.text).toBe(UNAUTHENTICATED);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    }
  });

  // Djoser answers 500 to both (spec §11.2); we answer as the detail route of the requester.
  it('OPTIONS and HEAD on users/me/ work', async () => {
    const options = await call(t, 'OPTIONS', '/auth/users/me/', { auth: alice });
    expect(options.status).toBe(200);
    expect(options.text).toBe(metadata('Me', `{"PUT":${USER_FIELDS}}`));
    const head = await call(t, 'HEAD', '/auth/users/me/', { auth: alice });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers.get('allow')).toBe(DETAIL_ALLOW);
  });

  it('HEAD on the list and the detail answers GET without body', async () => {
    const list = await call(t, 'HEAD', '/auth/users/', { auth: alice });
    expect(list.status).toBe(200);
    expect(list.headers.get('content-length')).toBe(String(Buffer.byteLength('[{"email":"alice@example.com","id":2,"username":"alice"}]')));
    expect((await call(t, 'HEAD', '/auth/users/2/', { auth: alice })).status).toBe(200);
  });

  // recorded from djoser-ref: permission first (anonymous 401), then 405 with the route's Allow
  it.each([
    ['GET', '/auth/users/set_password/', 'POST, OPTIONS'],
    ['GET', '/auth/users/activation/', 'POST, OPTIONS'],
    ['PUT', '/auth/users/activation/', 'POST, OPTIONS'],
    ['DELETE', '/auth/users/reset_password/', 'POST, OPTIONS'],
    ['POST', '/auth/users/me/', DETAIL_ALLOW],
    ['PUT', '/auth/users/', 'GET, POST, HEAD, OPTIONS'],
    ['DELETE', '/auth/users/', 'GET, POST, HEAD, OPTIONS'],
    ['POST', '/auth/users/2/', DETAIL_ALLOW],
  ])('%s %s: 401 anonymous, 405 authenticated', async (method, path, allow) => {
    const body = method === 'GET' ? {} : { json: {} };
    const anonymous = await call(t, method, path, body);
    expect(anonymous.status).toBe(401);
    expect(anonymous.text).toBe(UNAUTHENTICATED);
    expect(anonymous.headers.get('allow')).toBe(allow);
    const authenticated = await call(t, method, path, { ...body, auth: alice });
    expect(authenticated.status).toBe(405);
    expect(authenticated.text).toBe(`{"detail":"Method \\"${method}\\" not allowed."}`);
    expect(authenticated.headers.get('allow')).toBe(allow);
  });

  it('a path that only looks like an action is a user id (recorded from djoser-ref)', async () => {
    const get = await call(t, 'GET', '/auth/users/set_email/', { auth: alice });
    expect(get.status).toBe(404);
    expect(get.text).toBe(NOT_FOUND);
    expect(get.headers.get('allow')).toBe(DETAIL_ALLOW);
    expect((await call(t, 'POST', '/auth/users/set_email/', { json: {}, auth: alice })).status).toBe(405);
  });

  it('answers APPEND_SLASH 301s', async () => {
    const res = await call(t, 'POST', '/auth/users/activation', { json: {} });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/auth/users/activation/');
  });

  it('authentication and permission win over a malformed body (spec §1.2)', async () => {
    const anonymous = await call(t, 'POST', '/auth/users/set_password/', { json: '{bad' });
    expect(anonymous.status).toBe(401);
    const res = await call(t, 'POST', '/auth/users/set_password/', { json: '{bad', auth: alice });
    expect(res.status).toBe(400);
    expect(res.text).toBe('{"detail":"JSON parse error - Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"}');
  });
});
