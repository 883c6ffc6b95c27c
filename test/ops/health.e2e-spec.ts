import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../src/database/migrations';
import { startTestApp, TestApp } from '../support/test-app';

/** Terminus's answer. */
interface Health {
  status: string;
  info: Record<string, Record<string, unknown>>;
  error: Record<string, Record<string, unknown>>;
  details: Record<string, Record<string, unknown>>;
}

describe('health probes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('/health/live answers 200 with terminus JSON', async () => {
    const res = await fetch(`${t.url}/health/live`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual({ status: 'ok', info: {}, error: {}, details: {} });
  });

  it('/health/ready reports the database, the migrations and the outbox', async () => {
    const res = await fetch(`${t.url}/health/ready`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Health;
    expect(body.status).toBe('ok');
    expect(body.details.database).toEqual({ status: 'up' });
    expect(body.details.migrations).toEqual({ status: 'up', applied: MIGRATIONS.length });
    expect(body.details.mail_outbox).toEqual({ status: 'up', pending: 0, failed: 0, stuck: 0 });
  });

  it('HEAD and OPTIONS on the probes never answer 5xx; a trailing slash is the same probe', async () => {
    const head = await fetch(`${t.url}/health/live`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    const options = await fetch(`${t.url}/health/ready`, { method: 'OPTIONS' });
    expect(options.status).toBeLessThan(500);
    const post = await fetch(`${t.url}/health/live`, { method: 'POST' });
    expect(post.status).toBeLessThan(500);
    const slash = await fetch(`${t.url}/health/live/`);
    expect(slash.status).toBe(200);
  });

  it('ready goes 503 with the outbox stuck: a message due longer than HEALTH_CHECK_OUTBOX_MAX_DELAY', async () => {
    const ds = t.app.get(DataSource);
    await ds.query(
      `INSERT INTO "nest_mail_outbox" ("kind", "from_email", "recipients", "subject", "text_body", "status", "next_attempt_at")
       VALUES ('activation', 'a@example.com', '["b@example.com"]', 's', 't', 'pending', now() - interval '2 hours')`,
    );
    try {
      const res = await fetch(`${t.url}/health/ready`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as Health;
      expect(body.status).toBe('error');
      expect(body.error.mail_outbox).toMatchObject({ status: 'down', stuck: 1 });
      expect((await fetch(`${t.url}/health/live`)).status).toBe(200);
    } finally {
      await ds.query(`DELETE FROM "nest_mail_outbox"`);
    }
  });
});

describe('health probes without the database', () => {
  it('ready answers 503 once the database is unreachable, live stays 200', async () => {
    // the outbox worker is off so that nothing but the probe touches the closed pool
    const t = await startTestApp({ EMAIL_OUTBOX_WORKER: 'false' });
    try {
      expect((await fetch(`${t.url}/health/ready`)).status).toBe(200);
      await t.app.get(DataSource).destroy();
      const res = await fetch(`${t.url}/health/ready`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as Health;
      expect(body.status).toBe('error');
      expect(body.error.database.status).toBe('down');
      expect((await fetch(`${t.url}/health/live`)).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('ready answers 503 when a migration is not applied', async () => {
    const t = await startTestApp();
    try {
      await t.app.get(DataSource).query(`DELETE FROM "migrations" WHERE "name" = 'UsersEmailLogin1700000000300'`);
      const res = await fetch(`${t.url}/health/ready`);
      expect(res.status).toBe(503);
      expect(((await res.json()) as Health).error.migrations).toEqual({ status: 'down', pending: ['UsersEmailLogin1700000000300'] });
    } finally {
      await t.close();
    }
  });
});
