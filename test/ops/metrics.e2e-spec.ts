import { createUser, postJson } from '../auth/auth-fixtures';
import { MailService } from '../../src/mail/mail.service';
import { Metrics } from '../../src/ops/metrics/metrics.service';
import { startTestApp, TestApp } from '../support/test-app';

/** The value of one sample line of the exposition text, or 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inner = line.slice(name.length + 1, line.indexOf('}'));
    const parts = inner.split(',');
    if (want.every((w) => parts.includes(w))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

describe('/metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DJOSER_SEND_ACTIVATION_EMAIL: 'true' });
  });
  afterAll(async () => {
    await t.close();
  });
  const scrape = async () => {
    const res = await fetch(`${t.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };

  it('counts requests by route pattern and status, with a latency histogram', async () => {
    await fetch(`${t.url}/auth/users/12345/`);
    await fetch(`${t.url}/auth/users/67890/`);
    await fetch(`${t.url}/no/such/path/`);
    const text = await scrape();
    expect(sample(text, 'http_requests_total', { method: 'GET', route: '/auth/users/:id', status: '401' })).toBe(2);
    expect(sample(text, 'http_requests_total', { method: 'GET', route: '<unmatched>', status: '404' })).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_count', { method: 'GET', route: '/auth/users/:id', status: '401' })).toBe(2);
    expect(sample(text, 'http_request_duration_seconds_bucket', { route: '/auth/users/:id', status: '401', le: '+Inf' })).toBe(2);
    // no label value carries the ids (sample values may: process_virtual_memory_bytes 13678907392)
    expect(text).not.toMatch(/"[^"]*(?:12345|67890)[^"]*"/);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
  });

  it('counts logins, tokens issued and refused', async () => {
    await createUser(t, { username: 'metric', password: 'Sup3r-secret-pw' });
    expect((await postJson(t, '/auth/jwt/create/', { username: 'metric', password: 'Sup3r-secret-pw' })).status).toBe(200);
    expect((await postJson(t, '/auth/jwt/create/', { username: 'metric', password: 'wrong' })).status).toBe(401);
    expect((await postJson(t, '/auth/token/login/', { username: 'metric', password: 'Sup3r-secret-pw' })).status).toBe(200);
    expect((await postJson(t, '/auth/token/login/', { username: 'metric', password: 'wrong' })).status).toBe(400);
    expect((await postJson(t, '/auth/jwt/refresh/', { refresh: 'not-a-token' })).status).toBe(401);
    expect((await postJson(t, '/auth/jwt/verify/', { token: 'not-a-token' })).status).toBe(401);
    expect((await fetch(`${t.url}/auth/users/me/`, { headers: { Authorization: 'Token nope' } })).status).toBe(401);
    const text = await scrape();
    expect(sample(text, 'auth_logins_total', { endpoint: '/auth/jwt/create', result: 'succeeded' })).toBe(1);
    expect(sample(text, 'auth_logins_total', { endpoint: '/auth/jwt/create', result: 'failed' })).toBe(1);
    expect(sample(text, 'auth_logins_total', { endpoint: '/auth/token/login', result: 'succeeded' })).toBe(1);
    expect(sample(text, 'auth_logins_total', { endpoint: '/auth/token/login', result: 'failed' })).toBe(1);
    expect(sample(text, 'auth_tokens_issued_total', { kind: 'jwt_pair' })).toBe(1);
    expect(sample(text, 'auth_tokens_issued_total', { kind: 'drf_token' })).toBe(1);
    expect(sample(text, 'auth_tokens_refused_total', { endpoint: '/auth/jwt/refresh' })).toBe(1);
    expect(sample(text, 'auth_tokens_refused_total', { endpoint: '/auth/jwt/verify' })).toBe(1);
    expect(sample(text, 'auth_tokens_refused_total', { endpoint: 'authentication' })).toBe(1);
  });

  it('counts e-mails queued and sent', async () => {
    const res = await postJson(t, '/auth/users/', { username: 'mailme', email: 'mailme@example.com', password: 'Sup3r-secret-pw', re_password: 'Sup3r-secret-pw' });
    expect(res.status).toBe(201);
    await t.app.get(MailService).flush();
    const text = await scrape();
    expect(sample(text, 'mail_messages_total', { event: 'queued', kind: 'activation' })).toBe(1);
    expect(sample(text, 'mail_messages_total', { event: 'sent', kind: 'activation' })).toBe(1);
  });

  it('HEAD, OPTIONS and POST on /metrics never answer 5xx', async () => {
    expect((await fetch(`${t.url}/metrics`, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`${t.url}/metrics`, { method: 'OPTIONS' })).status).toBeLessThan(500);
    expect((await fetch(`${t.url}/metrics`, { method: 'POST' })).status).toBeLessThan(500);
  });

  it('exposes the rate-limit counter the throttling module increments', async () => {
    t.app.get(Metrics).rateLimitHits.inc({ scope: 'login' });
    expect(sample(await scrape(), 'rate_limit_hits_total', { scope: 'login' })).toBe(1);
  });
});

describe('/metrics settings', () => {
  it('METRICS_ENABLED=false: 404', async () => {
    const t = await startTestApp({ METRICS_ENABLED: 'false' });
    try {
      expect((await fetch(`${t.url}/metrics`)).status).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('METRICS_BEARER_TOKEN: 401 without credentials, 403 with the wrong ones, 200 with the token', async () => {
    const t = await startTestApp({ METRICS_BEARER_TOKEN: 'scrape-me-0123' });
    try {
      const none = await fetch(`${t.url}/metrics`);
      expect(none.status).toBe(401);
      expect(await none.json()).toEqual({ detail: 'Authentication credentials were not provided.' });
      const wrong = await fetch(`${t.url}/metrics`, { headers: { Authorization: 'Bearer nope' } });
      expect(wrong.status).toBe(403);
      expect(await wrong.json()).toEqual({ detail: 'You do not have permission to perform this action.' });
      const ok = await fetch(`${t.url}/metrics`, { headers: { Authorization: 'Bearer scrape-me-0123' } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toMatch(/^# HELP http_requests_total/m);
    } finally {
      await t.close();
    }
  });
});
