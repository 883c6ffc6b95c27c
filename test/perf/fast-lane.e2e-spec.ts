import { connect } from 'node:net';
import { DataSource } from 'typeorm';
import { FastLane } from '../../src/perf/fast-lane';
import { pgPool, userById, userByTokenKey } from '../../src/perf/prepared-users';
import { RequestJournal } from '../../src/ops/logging/request-journal';
import { createUser, nowSeconds, postJson, randomJti, signHs256 } from '../auth/auth-fixtures';
import { startTestApp, TestApp, TEST_ENV } from '../support/test-app';

const PASSWORD = 'Alice-Pass-123';

/** One request over a raw socket: the answer's bytes as the client receives them. */
function rawExchange(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      text += chunk;
      const head = text.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: (\d+)\r\n/i.exec(text);
      if (head >= 0 && length && text.length >= head + 4 + Number(length[1])) {
        socket.end();
        resolve(text);
      }
    });
    socket.on('error', reject);
  });
}

/** A spy on the pg pool's queries, or null on the embedded engine (no pool: the lookups are not batched there). */
function spyOnPoolQueries(dataSource: DataSource): jest.SpyInstance | null {
  const pool = pgPool(dataSource);
  return pool ? jest.spyOn(pool, 'query') : null;
}

/** The per-request values (date, request id) blanked; everything else is compared byte for byte. */
const stable = (raw: string) => raw.replace(/\r\nDate: [^\r]+/, '\r\nDate: -').replace(/\r\nx-request-id: [^\r]+/, '\r\nx-request-id: -');

/**
 * The fast lane answers `GET users/me/` and `POST jwt/verify/` from the HTTP server's request
 * event: it must answer byte for byte what the full pipeline answers (a query string, which
 * neither view reads, sends the same request through the full pipeline), count and log the
 * request the same way, and hand every case it does not answer to the pipeline untouched.
 */
describe('fast lane (issue 9)', () => {
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
    sent = jest.spyOn(t.app.get(FastLane) as unknown as { send: () => void }, 'send');
  });
  afterAll(() => t.close());
  beforeEach(() => sent.mockClear());

  const answer = async (app: TestApp, path: string, init: RequestInit = {}) => {
    const res = await fetch(app.url + path, init);
    const headers = Object.fromEntries([...res.headers].filter(([k]) => k !== 'date' && k !== 'x-request-id'));
    return { status: res.status, headers, body: await res.text() };
  };
  const same = async (path: string, init: RequestInit, fast: boolean, app = t) => {
    const lane = await answer(app, path, init);
    expect(sent).toHaveBeenCalledTimes(fast ? 1 : 0);
    sent.mockClear();
    const full = await answer(app, `${path}?full=1`, init);
    expect(sent).not.toHaveBeenCalled();
    expect(lane).toEqual(full);
    return lane;
  };
  const post = (body: string, contentType = 'application/json', headers: Record<string, string> = {}) => ({
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
    body,
  });

  it('users/me/ with a JWT and with a DRF token: the pipeline answer, from the lane', async () => {
    for (const authorization of [`Bearer ${access}`, `Token ${drfKey}`]) {
      const res = await same('/auth/users/me/', { headers: { authorization } }, true);
      expect(res).toMatchObject({ status: 200, body: '{"email":"Alice@Example.com","id":1,"username":"alice","first_name":""}' });
      expect(res.headers).toMatchObject({ 'content-type': 'application/json', vary: 'Accept', allow: 'GET, PUT, PATCH, DELETE, HEAD, OPTIONS' });
    }
  });

  it('the same bytes on the wire: status line, every header in order, body', async () => {
    const me = (q: string) => `GET /auth/users/me/${q} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${access}\r\n\r\n`;
    const lane = await rawExchange(t.url, me(''));
    expect(sent).toHaveBeenCalledTimes(1);
    expect(stable(lane)).toBe(stable(await rawExchange(t.url, me('?full=1'))));
    expect(lane).toMatch(/^HTTP\/1\.1 200 OK\r\nallow: GET, PUT, PATCH, DELETE, HEAD, OPTIONS\r\nvary: Accept\r\ncontent-type: application\/json\r\nx-frame-options: DENY\r\n/);
    const body = JSON.stringify({ token: access });
    const verify = (q: string) => `POST /auth/jwt/verify/${q} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    const laneVerify = await rawExchange(t.url, verify(''));
    expect(sent).toHaveBeenCalledTimes(2);
    expect(stable(laneVerify)).toBe(stable(await rawExchange(t.url, verify('?full=1'))));
    expect(laneVerify).toMatch(/\r\n\r\n\{\}$/);
  });

  it('users/me/ failures go to the pipeline: anonymous, bad tokens, inactive users', async () => {
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

  it('a request the lane declines after authenticating is not authenticated again: one user query', async () => {
    const queries = spyOnPoolQueries(t.app.get(DataSource));
    const now = nowSeconds();
    const ina = signHs256({ token_type: 'access', exp: now + 300, iat: now, jti: randomJti(), user_id: inaId }, TEST_ENV.SECRET_KEY);
    expect(await answer(t, '/auth/users/me/', { headers: { authorization: `Bearer ${ina}` } })).toMatchObject({
      status: 401,
      body: '{"detail":"User is inactive","code":"user_inactive"}',
    });
    expect(sent).not.toHaveBeenCalled();
    if (queries) {
      expect(queries).toHaveBeenCalledTimes(1);
      queries.mockRestore();
    }
  });

  it('other Accept values, HEAD and bodies on GET go through the pipeline', async () => {
    const authorization = `Bearer ${access}`;
    const res = await same('/auth/users/me/', { headers: { authorization, accept: 'application/json; indent=2' } }, false);
    expect(res.body).toContain('\n  "email"');
    expect((await same('/auth/users/me/', { method: 'HEAD', headers: { authorization } }, false)).status).toBe(200);
    const withBody = `GET /auth/users/me/ HTTP/1.1\r\nHost: x\r\nAuthorization: ${authorization}\r\nContent-Length: 2\r\n\r\n{}`;
    expect(await rawExchange(t.url, withBody)).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(sent).not.toHaveBeenCalled();
  });

  it('jwt/verify/: valid tokens from the lane; the pipeline reads every other body the lane read', async () => {
    expect(await same('/auth/jwt/verify/', post(JSON.stringify({ token: access })), true)).toMatchObject({ status: 200, body: '{}' });
    expect(await same('/auth/jwt/verify/', post(`{ "token" : "${access}" }\n`), true)).toMatchObject({ status: 200, body: '{}' });
    const now = nowSeconds();
    const expired = signHs256({ token_type: 'access', exp: now - 10, iat: now - 100, jti: randomJti(), user_id: 1 }, TEST_ENV.SECRET_KEY);
    expect(await same('/auth/jwt/verify/', post(JSON.stringify({ token: expired })), false)).toEqual({
      status: 401,
      headers: expect.objectContaining({ 'www-authenticate': 'Bearer realm="api"' }),
      body: '{"detail":"Token is invalid or expired","code":"token_not_valid"}',
    });
    for (const body of ['{"token":"junk"}', '{}', '{"token":', '[1]', '{"token":null}', '{"token":""}']) {
      expect((await same('/auth/jwt/verify/', post(body), false)).status).toBeGreaterThanOrEqual(400);
    }
    // DRF ignores fields it does not know; the lane only reads the plain form
    expect(await same('/auth/jwt/verify/', post(`{"token":"${access}","x":1}`), false)).toMatchObject({ status: 200, body: '{}' });
    // the same token written with escapes Python's json decodes: not the lane's form, the pipeline's answer
    const escaped = `{"token":"${access.replace('.', '\\u002e')}"}`;
    expect(await same('/auth/jwt/verify/', post(escaped), false)).toMatchObject({ status: 200, body: '{}' });
    expect((await same('/auth/jwt/verify/', post(`token=${access}`, 'application/x-www-form-urlencoded'), false)).status).toBe(200);
    expect((await same('/auth/jwt/verify/', post(JSON.stringify({ token: access }), 'application/json; charset=utf-8'), false)).status).toBe(200);
  });

  it('a chunked verify body goes to the pipeline unread', async () => {
    const body = JSON.stringify({ token: access });
    const chunked = `POST /auth/jwt/verify/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`;
    expect(await rawExchange(t.url, chunked)).toMatch(/^HTTP\/1\.1 200 OK[^]*\r\n\r\n\{\}$/);
    expect(sent).not.toHaveBeenCalled();
  });

  it('counts and logs lane answers as the pipeline does', async () => {
    const count = async () => {
      const text = await (await fetch(`${t.url}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith('http_requests_total{') && l.includes('route="/auth/users/me"') && l.includes('status="200"') && l.includes('method="GET"'));
      return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
    };
    const before = await count();
    await answer(t, '/auth/users/me/', { headers: { authorization: `Bearer ${access}` } });
    await answer(t, '/auth/users/me/?full=1', { headers: { authorization: `Bearer ${access}` } });
    expect(sent).toHaveBeenCalledTimes(1);
    expect(await count()).toBe(before + 2);
  });

  it('the request record (log line and metrics input) is the pipeline one', async () => {
    const records = jest.spyOn(t.app.get(RequestJournal), 'record');
    for (const q of ['', '?full=1']) await answer(t, `/auth/users/me/${q}`, { headers: { authorization: `Bearer ${access}` } });
    for (const q of ['', '?full=1']) await answer(t, `/auth/jwt/verify/${q}`, post(JSON.stringify({ token: access })));
    expect(sent).toHaveBeenCalledTimes(2);
    const [meLane, meFull, verifyLane, verifyFull] = records.mock.calls.map(([r]) => ({ ...r, requestId: typeof r.requestId, durationMs: typeof r.durationMs }));
    expect(meLane).toEqual({ requestId: 'string', method: 'GET', route: '/auth/users/me', status: 200, durationMs: 'number', userId: 1, hadAuthorization: true });
    expect(meLane).toEqual(meFull);
    expect(verifyLane).toEqual({ requestId: 'string', method: 'POST', route: '/auth/jwt/verify', status: 200, durationMs: 'number', userId: undefined, hadAuthorization: false });
    expect(verifyLane).toEqual(verifyFull);
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
});

describe('fast lane with CORS and HSTS on (issue 9)', () => {
  let t: TestApp;
  let sent: jest.SpyInstance;
  let access: string;
  beforeAll(async () => {
    t = await startTestApp({ CORS_ALLOWED_ORIGINS: 'https://spa.example', CORS_ALLOW_CREDENTIALS: 'true', SECURE_HSTS_SECONDS: '3600' });
    await createUser(t, { username: 'alice', password: PASSWORD });
    access = JSON.parse((await postJson(t, '/auth/jwt/create/', { username: 'alice', password: PASSWORD })).text).access;
    sent = jest.spyOn(t.app.get(FastLane) as unknown as { send: () => void }, 'send');
  });
  afterAll(() => t.close());

  it('allowed, refused and absent origins: the pipeline bytes, from the lane', async () => {
    for (const origin of ['https://spa.example', 'https://evil.example', undefined]) {
      const extra = origin ? `Origin: ${origin}\r\n` : '';
      const me = (q: string) => `GET /auth/users/me/${q} HTTP/1.1\r\nHost: x\r\n${extra}Authorization: Bearer ${access}\r\n\r\n`;
      sent.mockClear();
      const lane = await rawExchange(t.url, me(''));
      expect(sent).toHaveBeenCalledTimes(1);
      expect(stable(lane)).toBe(stable(await rawExchange(t.url, me('?full=1'))));
      expect(lane).toContain('\r\nvary: Accept, origin\r\n');
      expect(lane).toContain('\r\nstrict-transport-security: max-age=3600\r\n');
      expect(lane.includes('\r\naccess-control-allow-origin: https://spa.example\r\naccess-control-allow-credentials: true\r\n')).toBe(origin === 'https://spa.example');
    }
  });
});
