import { randomUUID } from 'node:crypto';
import { createApp } from '../../src/app.factory';
import { parseSettings } from '../../src/config/settings';
import { PasswordHasher } from '../../src/users/passwords/password-hasher';
import { createUser, postJson } from '../auth/auth-fixtures';
import { startTestApp, TEST_ENV, TestApp } from '../support/test-app';

const ON = {
  THROTTLE_ENABLED: 'true',
  THROTTLE_LOGIN_FAILED_IP: '6/min',
  THROTTLE_LOGIN_FAILED_ACCOUNT: '3/5min',
  THROTTLE_EMAIL_ADDRESS: '2/min',
  THROTTLE_EMAIL_IP: '100/min',
  THROTTLE_REGISTER_IP: '2/min',
  THROTTLE_CONFIRM_IP: '2/min',
};

const THROTTLED = /^\{"detail":"Request was throttled\. Expected available in (\d+) seconds?\."\}$/;

function expectThrottled(r: { status: number; text: string; headers: Headers }, maxWait: number) {
  expect(r.status).toBe(429);
  const m = THROTTLED.exec(r.text);
  expect(m).not.toBeNull();
  const wait = Number(m![1]);
  expect(wait).toBeGreaterThanOrEqual(1);
  expect(wait).toBeLessThanOrEqual(maxWait);
  expect(r.headers.get('retry-after')).toBe(String(wait));
  expect(r.text).toContain(wait === 1 ? ' 1 second.' : ' seconds.');
}

/** A second server on the first one's database (two instances behind one load balancer). */
async function secondInstance(first: TestApp, env: Record<string, string>): Promise<TestApp> {
  const settings = parseSettings({ ...TEST_ENV, ...ON, DATABASE_URL: first.settings.databaseUrl, DATABASE_MIGRATIONS_RUN: 'false', ...env });
  const app = await createApp(settings, { logger: false });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, settings, close: () => app.close() };
}

describe('rate limits (PostgreSQL store)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(ON);
    await createUser(t, { username: 'alice', password: 'correct-horse-1' });
    await createUser(t, { username: 'bob', password: 'correct-horse-2' });
  });
  afterAll(() => t.close());

  it('refuses the account after its failed logins, before any password hashing', async () => {
    for (let i = 0; i < 3; i++) expect((await postJson(t, '/auth/jwt/create/', { username: 'alice', password: 'wrong' })).status).toBe(401);
    const hasher = t.app.get(PasswordHasher);
    const verify = jest.spyOn(hasher, 'verify');
    const dummy = jest.spyOn(hasher, 'verifyDummy');
    try {
      // The right password too: the account is locked for the window, whoever asks.
      expectThrottled(await postJson(t, '/auth/jwt/create/', { username: 'ALICE', password: 'correct-horse-1' }), 300);
      expectThrottled(await postJson(t, '/auth/token/login/', { username: 'alice', password: 'correct-horse-1' }), 300);
      expect(verify).not.toHaveBeenCalled();
      expect(dummy).not.toHaveBeenCalled();
    } finally {
      verify.mockRestore();
      dummy.mockRestore();
    }
  });

  it('does not count successful logins against the account', async () => {
    for (let i = 0; i < 5; i++) expect((await postJson(t, '/auth/token/login/', { username: 'bob', password: 'correct-horse-2' })).status).toBe(200);
  });

  it('limits failed logins per client IP across accounts', async () => {
    // alice's 3 failures count too: 6/min per IP leaves 3 more
    for (let i = 0; i < 3; i++) expect((await postJson(t, '/auth/jwt/create/', { username: `nobody${i}`, password: 'x' })).status).toBe(401);
    expectThrottled(await postJson(t, '/auth/jwt/create/', { username: 'nobody-else', password: 'x' }), 60);
    // X-Forwarded-For from an untrusted peer does not open a new bucket
    expectThrottled(await postJson(t, '/auth/jwt/create/', { username: 'n', password: 'x' }, { 'X-Forwarded-For': '198.51.100.1' }), 60);
  });
});

describe('rate limits on e-mail, register and confirm endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(ON);
  });
  afterAll(() => t.close());

  it('counts reset_password, reset_username and resend_activation per address, case-insensitively', async () => {
    expect((await postJson(t, '/auth/users/reset_password/', { email: 'Carol@Example.com' })).status).toBe(204);
    expect((await postJson(t, '/auth/users/reset_username/', { email: 'carol@example.com' })).status).toBe(204);
    expectThrottled(await postJson(t, '/auth/users/reset_password/', { email: 'CAROL@EXAMPLE.COM' }), 60);
    expectThrottled(await postJson(t, '/auth/users/resend_activation/', { email: 'carol@example.com' }), 60);
    expect((await postJson(t, '/auth/users/reset_password/', { email: 'dave@example.com' })).status).toBe(204);
  });

  it('limits registrations per IP', async () => {
    for (let i = 0; i < 2; i++)
      expect((await postJson(t, '/auth/users/', { username: `reg${i}`, password: 'a-long-password-9', email: `reg${i}@example.com` })).status).toBe(201);
    expectThrottled(await postJson(t, '/auth/users/', { username: 'reg9', password: 'a-long-password-9' }), 60);
    // Each refusal is counted for the operators, by the scope that refused it.
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/^rate_limit_hits_total\{scope="register"\} 1$/m);
  });

  it('limits activation and the confirm endpoints per IP, together', async () => {
    expect((await postJson(t, '/auth/users/activation/', { uid: 'x', token: 'y' })).status).toBe(400);
    expect((await postJson(t, '/auth/users/reset_password_confirm/', { uid: 'x', token: 'y', new_password: 'a-long-password-9' })).status).toBe(400);
    expectThrottled(await postJson(t, '/auth/users/reset_username_confirm/', { uid: 'x', token: 'y', new_username: 'zed' }), 60);
  });
});

describe('rate limits under concurrency and across instances', () => {
  it('never lets more failures through than the limit, even in parallel on two instances sharing a database', async () => {
    const a = await startTestApp(ON);
    const b = await secondInstance(a, {});
    try {
      await createUser(a, { username: 'erin', password: 'correct-horse-3' });
      const statuses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => postJson(i % 2 ? a : b, '/auth/jwt/create/', { username: 'erin', password: `wrong${i}` })),
      ).then((rs) => rs.map((r) => r.status));
      expect(statuses.filter((s) => s === 401)).toHaveLength(3);
      expect(statuses.filter((s) => s === 429)).toHaveLength(17);
    } finally {
      await b.close();
      await a.close();
    }
  });

  it('shares the limits through Redis when REDIS_URL is set', async () => {
    const redis = { REDIS_URL: 'redis://127.0.0.1:6379/0', THROTTLE_KEY_PREFIX: `test:${randomUUID()}:` };
    const a = await startTestApp({ ...ON, ...redis });
    const b = await secondInstance(a, redis);
    try {
      const statuses: number[] = [];
      for (const app of [a, b, a, b]) statuses.push((await postJson(app, '/auth/users/reset_password/', { email: 'frank@example.com' })).status);
      expect(statuses).toEqual([204, 204, 429, 429]);
      const parallel = await Promise.all(
        Array.from({ length: 10 }, (_, i) => postJson(i % 2 ? a : b, '/auth/jwt/create/', { username: 'ghost', password: 'x' })),
      );
      expect(parallel.filter((r) => r.status === 400 || r.status === 401)).toHaveLength(3);
      expect(parallel.filter((r) => r.status === 429)).toHaveLength(7);
    } finally {
      await b.close();
      await a.close();
    }
  });

  it('counts on the embedded engine (PGlite) too', async () => {
    const t = await startTestApp({ ...ON, DATABASE_URL: '', PGLITE_DATA_DIR: '' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await postJson(t, '/auth/users/reset_password/', { email: 'pg@example.com' })).status);
      expect(statuses).toEqual([204, 204, 429]);
    } finally {
      await t.close();
    }
  });

  it('lets requests through when the store is down (fail open, no 5xx)', async () => {
    const t = await startTestApp({ ...ON, REDIS_URL: 'redis://127.0.0.1:18799/0' });
    try {
      for (let i = 0; i < 4; i++) expect((await postJson(t, '/auth/users/reset_password/', { email: 'x@example.com' })).status).toBe(204);
    } finally {
      await t.close();
    }
  });
});

describe('client IP behind trusted proxies', () => {
  it('reads X-Forwarded-For only when the peer is a trusted proxy', async () => {
    const t = await startTestApp({ ...ON, THROTTLE_CONFIRM_IP: '1/min', TRUSTED_PROXIES: '127.0.0.1,::1' });
    try {
      const confirm = (ip: string) => postJson(t, '/auth/users/activation/', { uid: 'x', token: 'y' }, { 'X-Forwarded-For': `${ip}, 10.9.9.9` });
      // 10.9.9.9 is not a trusted proxy, so it is the client for every request here
      expect((await confirm('198.51.100.1')).status).toBe(400);
      expectThrottled(await confirm('198.51.100.2'), 60);
    } finally {
      await t.close();
    }
    const u = await startTestApp({ ...ON, THROTTLE_CONFIRM_IP: '1/min', TRUSTED_PROXIES: '127.0.0.1,::1,10.0.0.0/8' });
    try {
      const confirm = (ip: string) => postJson(u, '/auth/users/activation/', { uid: 'x', token: 'y' }, { 'X-Forwarded-For': `${ip}, 10.9.9.9` });
      expect((await confirm('198.51.100.1')).status).toBe(400);
      expect((await confirm('198.51.100.2')).status).toBe(400);
      expectThrottled(await confirm('198.51.100.1'), 60);
    } finally {
      await u.close();
    }
  });
});
