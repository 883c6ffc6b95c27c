import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess, ServerProcess } from './server-process';

/**
 * A whole account flow against the real server process, then its stdout and stderr
 * (the log) are searched for every secret the flow used. Mail goes to the file
 * backend, not the console one: the console backend prints the e-mails (links
 * included) to stdout by design, as Django's does, and those are mail, not log.
 */
describe('logs carry no secrets', () => {
  let server: ServerProcess;
  let mailDir: string;
  const secrets: string[] = [];
  const secret = <T extends string>(value: T): T => {
    secrets.push(value);
    return value;
  };

  beforeAll(async () => {
    mailDir = mkdtempSync(join(tmpdir(), 'nest-djoser-logs-'));
    server = await startServerProcess({
      LOG_LEVEL: 'verbose',
      LOG_FORMAT: 'json',
      EMAIL_BACKEND: 'file',
      EMAIL_FILE_PATH: mailDir,
      DJOSER_SEND_ACTIVATION_EMAIL: 'true',
      DJOSER_PASSWORD_RESET_SHOW_EMAIL_NOT_FOUND: 'false',
    });
  });
  afterAll(async () => {
    await server.stop();
    rmSync(mailDir, { recursive: true, force: true });
  });

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined, headers: res.headers };
  };

  /** The uid/token of the newest mail's link, once the worker has written it. */
  const nextLink = async (seen: number): Promise<{ uid: string; token: string }> => {
    for (let i = 0; i < 200; i++) {
      const files = readdirSync(mailDir).sort();
      if (files.length > seen) {
        const raw = readFileSync(join(mailDir, files[files.length - 1]), 'utf8').replace(/=\r?\n/g, '');
        const m = /#\/(?:activate|password\/reset\/confirm)\/([A-Za-z0-9_-]+)\/([A-Za-z0-9-]+)/.exec(raw);
        if (m) return { uid: m[1], token: m[2] };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('no mail arrived');
  };

  it('register, activate, log in (JWT and token), set and reset the password, log out: no secret in the log', async () => {
    const password = secret('Initial-pass-Xq81z');
    const changed = secret('Changed-pass-Lw02k');
    const reset = secret('Reset-pass-Mn47t');
    const email = 'flow@example.com';
    expect((await call('POST', '/auth/users/', { username: 'flow', email, password, re_password: password })).status).toBe(201);

    const activation = await nextLink(0);
    secret(activation.token);
    expect((await call('POST', '/auth/users/activation/', activation)).status).toBe(204);

    const pair = await call('POST', '/auth/jwt/create/', { username: 'flow', password });
    expect(pair.status).toBe(200);
    const access = secret(pair.json.access as string);
    const refresh = secret(pair.json.refresh as string);
    const refreshed = await call('POST', '/auth/jwt/refresh/', { refresh });
    expect(refreshed.status).toBe(200);
    secret(refreshed.json.access as string);
    expect((await call('POST', '/auth/jwt/verify/', { token: access })).status).toBe(200);
    const me = await call('GET', '/auth/users/me/', undefined, { Authorization: `Bearer ${access}`, Cookie: `sessionid=${secret('cookie-value-Zk3p9')}` });
    expect(me.status).toBe(200);

    const login = await call('POST', '/auth/token/login/', { username: 'flow', password });
    expect(login.status).toBe(200);
    const token = secret(login.json.auth_token as string);
    const auth = { Authorization: `Token ${token}` };
    expect((await call('POST', '/auth/users/set_password/', { current_password: password, new_password: changed, re_new_password: changed }, auth)).status).toBe(204);
    // a wrong password on a login is a failure path worth logging too (still without the password)
    expect((await call('POST', '/auth/token/login/', { username: 'flow', password: secret('Wrong-pass-Hh55r') })).status).toBe(400);

    expect((await call('POST', '/auth/users/reset_password/', { email })).status).toBe(204);
    const resetLink = await nextLink(1);
    secret(resetLink.token);
    expect((await call('POST', '/auth/users/reset_password_confirm/', { ...resetLink, new_password: reset, re_new_password: reset })).status).toBe(204);
    const again = await call('POST', '/auth/token/login/', { username: 'flow', password: reset });
    expect(again.status).toBe(200);
    const token2 = secret(again.json.auth_token as string);
    expect((await call('POST', '/auth/token/logout/', undefined, { Authorization: `Token ${token2}` })).status).toBe(204);

    // a tracing id from a proxy is kept and echoed; one with spaces is replaced
    const traced = await call('GET', '/auth/', undefined, { 'X-Request-Id': 'trace-0001' });
    expect(traced.headers.get('x-request-id')).toBe('trace-0001');
    const replaced = await call('GET', '/auth/', undefined, { 'X-Request-Id': 'bad id "quoted"' });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    // the request line is written once the answer is out: wait for the last one
    const requestLines = () =>
      server
        .stdout()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => l.msg === 'request completed');
    for (let i = 0; i < 100 && requestLines().length < 15; i++) await new Promise((r) => setTimeout(r, 20));
    const requests = requestLines();
    expect(requests.length).toBe(15);
    const log = server.stdout() + server.stderr();
    expect(requests.find((l) => l.requestId === 'trace-0001')).toMatchObject({ method: 'GET', route: '/auth', status: 200 });
    const meLine = requests.find((l) => l.route === '/auth/users/me');
    expect(meLine).toMatchObject({ method: 'GET', status: 200, userId: expect.any(Number) });
    expect(typeof meLine!.durationMs).toBe('number');
    expect(requests.find((l) => l.route === '/auth/users/activation')).toMatchObject({ method: 'POST', status: 204 });

    expect(secrets.length).toBe(12);
    for (const s of secrets) expect({ secret: s, found: log.includes(s) }).toEqual({ secret: s, found: false });
    expect(log).not.toMatch(/authorization|cookie/i);
  });
});
