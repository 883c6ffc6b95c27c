import { Client } from 'pg';
import { startServerProcess, ServerProcess } from './server-process';

/**
 * A request that crashes answers Django's 500 page and leaves one log line naming the
 * request's id (the one echoed in X-Request-Id), so the crash can be tied to its
 * `request completed` line. The crash is real: the users table is renamed under the server.
 */
describe('a crash is logged with its request id', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServerProcess({ LOG_FORMAT: 'json', LOG_LEVEL: 'log' });
  });
  afterAll(() => server.stop());

  it('logs the stack under the id the answer carries', async () => {
    const db = new Client({ connectionString: server.databaseUrl });
    await db.connect();
    try {
      await db.query('ALTER TABLE auth_user RENAME TO auth_user_gone');
    } finally {
      await db.end();
    }
    const res = await fetch(`${server.url}/auth/jwt/create/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'crash-probe-7' },
      body: JSON.stringify({ username: 'someone', password: 'Some-pass-123' }),
    });
    expect(res.status).toBe(500);
    expect(res.headers.get('x-request-id')).toBe('crash-probe-7');
    // the request line is written once the answer has gone (Fastify's onResponse)
    const logLines = () =>
      server
        .stdout()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { level: number; msg: string; requestId?: string; status?: number });
    for (let i = 0; i < 100 && !logLines().some((l) => l.requestId === 'crash-probe-7'); i++) await new Promise((r) => setTimeout(r, 20));
    const lines = logLines();
    const crash = lines.find((l) => l.level === 50 && l.msg.startsWith('request crash-probe-7 crashed: '));
    expect(crash?.msg).toMatch(/auth_user/);
    expect(lines.find((l) => l.msg === 'request completed' && l.requestId === 'crash-probe-7')?.status).toBe(500);
  });
});
