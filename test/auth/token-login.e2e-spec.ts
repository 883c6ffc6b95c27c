import { EventEmitter2 } from '@nestjs/event-emitter';
import { startTestApp, TestApp } from '../support/test-app';
import { createUser, db, postJson } from './auth-fixtures';

const PASSWORD = 'Alice-Pass-123';
const INVALID_CREDENTIALS = '{"non_field_errors":["Unable to log in with provided credentials."]}';
const RENDERS = '"renders":["application/json","text/html"],"parses":["application/json","application/x-www-form-urlencoded","multipart/form-data"]';

/** Djoser's token/login and token/logout (spec §2.2, §3.13, §3.14, §8); bodies captured in the spec or recorded from the reference. */
describe('token/login and token/logout', () => {
  let t: TestApp;
  let aliceId: number;
  const events: Array<[string, unknown]> = [];
  beforeAll(async () => {
    t = await startTestApp();
    aliceId = (await createUser(t, { username: 'alice', password: PASSWORD })).id;
    await createUser(t, { username: 'ina', password: PASSWORD, isActive: false });
    const emitter = t.app.get(EventEmitter2);
    for (const name of ['user_logged_in', 'user_logged_out', 'user_login_failed']) emitter.on(name, (e: unknown) => events.push([name, e]));
  });
  afterAll(() => t.close());
  beforeEach(() => (events.length = 0));

  const login = (body: unknown, path = '/auth/token/login/') => postJson(t, path, body);

  it('200 {"auth_token":"<40 hex>"}, the same key on every login, last_login set, user_logged_in sent (§3.13)', async () => {
    const first = await login({ username: 'alice', password: PASSWORD });
    expect(first.status).toBe(200);
    expect(first.text).toMatch(/^\{"auth_token":"[0-9a-f]{40}"\}$/);
    const second = await login({ username: 'alice', password: PASSWORD }, '/auth/token/login');
    expect(second.text).toBe(first.text);
    const rows = await db(t).query('SELECT "key" FROM "authtoken_token" WHERE "user_id" = $1', [aliceId]);
    expect(rows).toEqual([{ key: JSON.parse(first.text).auth_token }]);
    const [user] = await db(t).query('SELECT "last_login" FROM "auth_user" WHERE "id" = $1', [aliceId]);
    expect(user.last_login).not.toBeNull();
    expect(events.map(([name, e]) => [name, (e as { user: { id: number } }).user.id])).toEqual([
      ['user_logged_in', aliceId],
      ['user_logged_in', aliceId],
    ]);
  });

  it('concurrent first logins agree on one key (get_or_create)', async () => {
    await createUser(t, { username: 'bob', password: PASSWORD });
    const answers = await Promise.all(Array.from({ length: 8 }, () => login({ username: 'bob', password: PASSWORD })));
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(answers[0].status).toBe(200);
  });

  it('every failure is the same 400 and sends user_login_failed with the password masked [§3.13 captured]', async () => {
    for (const body of [{}, { username: 'alice' }, { username: 'alice', password: 'x' }, { username: 'nobody', password: 'x' }, { username: 'ina', password: PASSWORD }]) {
      expect({ body, ...(await login(body)) }).toMatchObject({ body, status: 400, text: INVALID_CREDENTIALS });
    }
    expect(events.map(([name]) => name)).toEqual(Array(5).fill('user_login_failed'));
    expect((events[2][1] as { credentials: unknown }).credentials).toEqual({ username: 'alice', password: '********************' });
  });

  it('blank and null fields are field errors [§3.13 captured]', async () => {
    expect((await login({ password: '' })).text).toBe('{"password":["This field may not be blank."]}');
    expect((await login({ password: null, username: null })).text).toBe(
      '{"password":["This field may not be null."],"username":["This field may not be null."]}',
    );
  });

  it('form bodies work too (§1.3)', async () => {
    const res = await fetch(`${t.url}/auth/token/login/`, { method: 'POST', body: new URLSearchParams({ username: 'alice', password: PASSWORD }) });
    expect(res.status).toBe(200);
  });

  it('OPTIONS metadata [§3.13 captured]', async () => {
    const res = await fetch(`${t.url}/auth/token/login/`, { method: 'OPTIONS' });
    expect(await res.text()).toBe(
      `{"name":"Token Create","description":"Use this endpoint to obtain user authentication token.",${RENDERS},"actions":{"POST":{"password":{"type":"string","required":false,"read_only":false,"label":"Password"},"username":{"type":"string","required":false,"read_only":false,"label":"Username"}}}}`,
    );
  });

  it('logout: 204 empty (no Content-Type), tokens gone, user_logged_out; the old key is then invalid [§3.14 captured]', async () => {
    const key = JSON.parse((await login({ username: 'alice', password: PASSWORD })).text).auth_token;
    events.length = 0;
    const res = await postJson(t, '/auth/token/logout', '{garbage', { Authorization: `Token ${key}` });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(res.headers.get('content-type')).toBeNull();
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
    expect(await db(t).query('SELECT 1 FROM "authtoken_token" WHERE "user_id" = $1', [aliceId])).toEqual([]);
    expect(events.map(([name]) => name)).toEqual(['user_logged_out']);
    expect(await postJson(t, '/auth/token/logout/', {}, { Authorization: `Token ${key}` })).toMatchObject({ status: 401, text: '{"detail":"Invalid token."}' });
  });

  it('logout: anonymous 401; OPTIONS needs authentication too (recorded from the reference)', async () => {
    expect(await postJson(t, '/auth/token/logout/', {})).toMatchObject({ status: 401, text: '{"detail":"Authentication credentials were not provided."}' });
    const anon = await fetch(`${t.url}/auth/token/logout/`, { method: 'OPTIONS' });
    expect(anon.status).toBe(401);
    const key = JSON.parse((await login({ username: 'alice', password: PASSWORD })).text).auth_token;
    const res = await fetch(`${t.url}/auth/token/logout/`, { method: 'OPTIONS', headers: { Authorization: `Token ${key}` } });
    expect(await res.text()).toBe(
      `{"name":"Token Destroy","description":"Use this endpoint to logout user (remove user authentication token).",${RENDERS}}`,
    );
  });
});

describe('token/login and jwt/create with DJOSER_LOGIN_FIELD=email (e-mail as USERNAME_FIELD)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DJOSER_LOGIN_FIELD: 'email' });
    await createUser(t, { username: 'carol-x', email: 'Carol@Example.com', password: PASSWORD });
  });
  afterAll(() => t.close());

  it('logs in by e-mail, case-insensitively, under the field name "email"', async () => {
    expect((await postJson(t, '/auth/token/login/', { email: 'carol@example.com', password: PASSWORD })).status).toBe(200);
    expect((await postJson(t, '/auth/jwt/create/', { email: 'CAROL@example.com', password: PASSWORD })).status).toBe(200);
    expect((await postJson(t, '/auth/jwt/create/', { username: 'carol-x', password: PASSWORD })).text).toBe('{"email":["This field is required."]}');
  });

  it('OPTIONS labels the field from its name', async () => {
    const body = JSON.parse(await (await fetch(`${t.url}/auth/jwt/create/`, { method: 'OPTIONS' })).text());
    expect(body.actions.POST).toEqual({
      email: { type: 'string', required: true, read_only: false, label: 'Email' },
      password: { type: 'string', required: true, read_only: false, label: 'Password' },
    });
    const login = JSON.parse(await (await fetch(`${t.url}/auth/token/login/`, { method: 'OPTIONS' })).text());
    expect(Object.keys(login.actions.POST)).toEqual(['password', 'email']);
  });
});
