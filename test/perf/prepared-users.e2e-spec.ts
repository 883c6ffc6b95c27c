import { Strategy as PassportJwtStrategy } from 'passport-jwt';
import { DataSource } from 'typeorm';
import { pgPool } from '../../src/perf/batched-lookup';
import { userById, userByTokenKey } from '../../src/perf/prepared-users';
import { RequestJournal } from '../../src/ops/logging/request-journal';
import { OutstandingTokenStore } from '../../src/auth/jwt/outstanding-token.store';
import { createUser, nowSeconds, postJson, randomJti, signHs256 } from '../auth/auth-fixtures';
import { startTestApp, TestApp, TEST_ENV } from '../support/test-app';

const PASSWORD = 'Alice-Pass-123';

/** A spy on the pg pool's queries, or null on the embedded engine (no pool: the lookups are not batched there). */
function spyOnPoolQueries(dataSource: DataSource): jest.SpyInstance | null {
  const pool = pgPool(dataSource);
  return pool ? jest.spyOn(pool, 'query') : null;
}

/**
 * The hot routes (`users/me/`, `jwt/verify/`) go through the one pipeline like every route
 * (issue 21: no request is answered outside Fastify and Nest): they are counted and logged by
 * the pipeline's hooks, and the user lookups of authentication are batched prepared statements.
 */
describe('one pipeline for the hot routes (issue 21)', () => {
  let t: TestApp;
  let access: string;
  let drfKey: string;
  let inaId: number;
  beforeAll(async () => {
    t = await startTestApp({ DJOSER_USER_EXTRA_FIELDS: 'first_name' });
    await createUser(t, { username: 'alice', password: PASSWORD, email: 'Alice@Example.com' });
    inaId = (await createUser(t, { username: 'ina', password: PASSWORD, isActive: false })).id;
    access = JSON.parse((await postJson(t, '/auth/jwt/create/', { username: 'alice', password: PASSWORD })).text).access;
    drfKey = JSON.parse((await postJson(t, '/auth/token/login/', { username: 'alice', password: PASSWORD })).text).auth_token;
  });
  afterAll(() => t.close());

  it('the HTTP server has one request listener: Fastify\'s', () => {
    const server = t.app.getHttpServer() as import('node:http').Server;
    expect(server.listeners('request')).toHaveLength(1);
  });

  it('users/me/ (JWT and DRF token) and jwt/verify/: the DRF answer with every header of the pipeline', async () => {
    for (const authorization of [`Bearer ${access}`, `Token ${drfKey}`]) {
      const res = await fetch(`${t.url}/auth/users/me/`, { headers: { authorization } });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('{"email":"Alice@Example.com","id":1,"username":"alice","first_name":""}');
      expect(Object.fromEntries([...res.headers].filter(([k]) => k !== 'date' && k !== 'x-request-id'))).toEqual({
        allow: 'GET, PUT, PATCH, DELETE, HEAD, OPTIONS',
        vary: 'Accept',
        'content-type': 'application/json',
        'x-frame-options': 'DENY',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'same-origin',
        'content-length': '71',
        connection: 'keep-alive',
        'keep-alive': 'timeout=72',
      });
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
    const verified = await postJson(t, '/auth/jwt/verify/', { token: access });
    expect([verified.status, verified.text, verified.headers.get('content-type'), verified.headers.get('allow')]).toEqual([200, '{}', 'application/json', 'POST, OPTIONS']);
  });

  it('the request record (log line and metrics input) of users/me/ and jwt/verify/', async () => {
    const records = jest.spyOn(t.app.get(RequestJournal), 'record');
    await fetch(`${t.url}/auth/users/me/`, { headers: { authorization: `Bearer ${access}` } }).then((r) => r.text());
    await postJson(t, '/auth/jwt/verify/', { token: access });
    const [me, verify] = records.mock.calls.map(([r]) => ({ ...r, requestId: typeof r.requestId, durationMs: typeof r.durationMs }));
    expect(me).toEqual({ requestId: 'string', method: 'GET', route: '/auth/users/me', status: 200, durationMs: 'number', userId: 1, hadAuthorization: true });
    expect(verify).toEqual({ requestId: 'string', method: 'POST', route: '/auth/jwt/verify', status: 200, durationMs: 'number', userId: undefined, hadAuthorization: false });
    records.mockRestore();
  });

  it('concurrent users/me/ requests each get their own user', async () => {
    const users: Array<Awaited<ReturnType<typeof createUser>>> = [];
    for (let i = 0; i < 12; i++) users.push(await createUser(t, { username: `many${i}`, password: PASSWORD }));
    const now = nowSeconds();
    const bearer = (id: number) => `Bearer ${signHs256({ token_type: 'access', exp: now + 300, iat: now, jti: randomJti(), user_id: id }, TEST_ENV.SECRET_KEY)}`;
    const ids = [...users.map((u) => u.id), ...users.map((u) => u.id), inaId, 999_999];
    const answers = await Promise.all(ids.map((id) => fetch(`${t.url}/auth/users/me/`, { headers: { authorization: bearer(id) } })));
    const bodies = await Promise.all(answers.map((r) => r.text()));
    ids.forEach((id, i) => {
      const u = users.find((x) => x.id === id);
      if (u) expect([answers[i].status, bodies[i]]).toEqual([200, `{"email":"${u.email}","id":${id},"username":"${u.username}","first_name":""}`]);
    });
    expect([answers[24].status, bodies[24]]).toEqual([401, '{"detail":"User is inactive","code":"user_inactive"}']);
    expect([answers[25].status, bodies[25]]).toEqual([401, '{"detail":"User not found","code":"user_not_found"}']);
  });

  it('primary-key lookups asked for in one turn of the event loop share one query', async () => {
    const dataSource = t.app.get(DataSource);
    const queries = spyOnPoolQueries(dataSource);
    const [alice, again, ina, none] = await Promise.all([userById(dataSource, 1), userById(dataSource, 1), userById(dataSource, inaId), userById(dataSource, 999_999)]);
    expect([alice?.username, again?.username, ina?.username, ina?.isActive, none]).toEqual(['alice', 'alice', 'ina', false, null]);
    expect(alice).not.toBe(again); // each caller its own entity
    if (queries) {
      expect(queries).toHaveBeenCalledTimes(1);
      expect(queries.mock.calls[0][0]).toMatchObject({ name: 'nest_djoser_users_by_ids', values: [[1, inaId, 999_999]] });
      queries.mockRestore();
    }
  });

  it('DRF token lookups share one query too, and a key PostgreSQL refuses fails alone', async () => {
    const dataSource = t.app.get(DataSource);
    const queries = spyOnPoolQueries(dataSource);
    const [alice, nobody] = await Promise.all([userByTokenKey(dataSource, drfKey), userByTokenKey(dataSource, 'f'.repeat(40))]);
    expect([alice?.username, nobody]).toEqual(['alice', null]);
    if (queries) {
      expect(queries).toHaveBeenCalledTimes(1);
      expect(queries.mock.calls[0][0]).toMatchObject({ name: 'nest_djoser_users_by_token_keys' });
      // a NUL byte is an error in PostgreSQL's text: that key's caller gets it, its neighbour its user
      const [good, bad] = await Promise.allSettled([userByTokenKey(dataSource, drfKey), userByTokenKey(dataSource, 'bad\u0000key')]);
      expect(good).toMatchObject({ status: 'fulfilled', value: { username: 'alice' } });
      expect(bad.status).toBe('rejected');
      queries.mockRestore();
    }
  });

  it('refresh-token states asked for in one turn share one query; each refresh gets its own answer', async () => {
    const pairs = [];
    for (let i = 0; i < 4; i++) pairs.push(JSON.parse((await postJson(t, '/auth/jwt/create/', { username: 'alice', password: PASSWORD })).text) as { refresh: string });
    expect((await postJson(t, '/auth/jwt/blacklist/', { refresh: pairs[3].refresh })).status).toBe(200);
    const jti = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { jti: string }).jti;

    const dataSource = t.app.get(DataSource);
    const store = t.app.get(OutstandingTokenStore);
    const queries = spyOnPoolQueries(dataSource);
    const states = await Promise.all([...pairs.map((p) => store.state(dataSource.manager, jti(p.refresh))), store.state(dataSource.manager, 'no-such-jti')]);
    expect(states.map((s) => s?.blacklisted ?? null)).toEqual([false, false, false, true, null]);
    if (queries) {
      expect(queries).toHaveBeenCalledTimes(1);
      expect(queries.mock.calls[0][0]).toMatchObject({ name: 'nest_djoser_refresh_token_states' });
      queries.mockRestore();
    }

    const answers = await Promise.all(pairs.map((p) => postJson(t, '/auth/jwt/refresh/', { refresh: p.refresh })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 401]);
    expect(answers[3].text).toBe('{"detail":"Token is blacklisted","code":"token_not_valid"}');
  });

  it('a request without a JWT header does not enter passport-jwt (its "No auth token" failure builds an Error per request)', async () => {
    const entered = jest.spyOn(PassportJwtStrategy.prototype, 'authenticate');
    const byToken = await fetch(`${t.url}/auth/users/me/`, { headers: { authorization: `Token ${drfKey}` } });
    expect(byToken.status).toBe(200);
    expect(entered).not.toHaveBeenCalled();
    const byJwt = await fetch(`${t.url}/auth/users/me/`, { headers: { authorization: `Bearer ${access}` } });
    expect(byJwt.status).toBe(200);
    expect(entered).toHaveBeenCalledTimes(1);
    entered.mockRestore();
  });
});
