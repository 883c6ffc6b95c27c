jest.setTimeout(60000);

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { MAIL_BACKEND } from '../../src/mail/mail.tokens';
import { MailService } from '../../src/mail/mail.service';
import { createMailBackend } from '../../src/mail/backends/create-backend';
import type { MailBackend } from '../../src/mail/backends/mail-backend';
import { OutboxWorker } from '../../src/mail/outbox/outbox.worker';
import type { DjoserEmailKind, DjoserEmailRequest, MailUser } from '../../src/mail/mail.types';
import { User } from '../../src/users/user.entity';
import { ENGINE_ENV } from '../support/database';
import { startTestApp, TEST_ENV, TestApp } from '../support/test-app';
import { REFERENCE, REFERENCE_ENV, REFERENCE_FROM, REFERENCE_UID, REFERENCE_USER } from './reference-mails';
import { sleep, SmtpSink } from './smtp-sink';

/** Env for an app that sends through the given SMTP sink, retrying fast. */
function smtpEnv(sink: SmtpSink, extra: Record<string, string> = {}): Record<string, string> {
  return {
    EMAIL_BACKEND: 'smtp',
    EMAIL_HOST: '127.0.0.1',
    EMAIL_PORT: String(sink.port),
    EMAIL_TIMEOUT: '2',
    EMAIL_OUTBOX_POLL_INTERVAL_MS: '100',
    EMAIL_OUTBOX_RETRY_BACKOFF_MS: '100',
    EMAIL_OUTBOX_MAX_ATTEMPTS: '1000',
    ...extra,
  };
}

/** A user row and its activation mail in one transaction, as registration does. */
async function register(t: TestApp, i: number, manager?: EntityManager): Promise<void> {
  const work = async (m: EntityManager) => {
    const user = await m.save(
      m.create(User, {
        password: '!unusable',
        isSuperuser: false,
        username: `user${i}`,
        firstName: '',
        lastName: '',
        email: `user${i}@example.com`,
        isStaff: false,
        isActive: false,
        dateJoined: new Date(),
      }),
    );
    await t.app.get(MailService).enqueue(activation({ id: user.id, username: user.username, email: user.email, firstName: '', lastName: '' }), m);
  };
  if (manager) await work(manager);
  else await t.app.get(DataSource).transaction(work);
}

/** Polls `read` until `done` holds (or 5 s pass) and returns the last value read. */
async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  const until = Date.now() + 5000;
  let value = await read();
  while (!done(value) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 20));
    value = await read();
  }
  return value;
}

function activation(user: MailUser): DjoserEmailRequest {
  return { kind: 'activation', to: user.email, user, uid: `uid${user.id}`, token: `token-${user.id}`, request: { host: 'testserver', secure: false } };
}

describe('mail over real SMTP: the six e-mails', () => {
  const sink = new SmtpSink();
  let t: TestApp;
  beforeAll(async () => {
    await sink.start();
    t = await startTestApp({ ...REFERENCE_ENV, ...smtpEnv(sink) });
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it('each arrives with the reference subject, text and HTML alternative, from DEFAULT_FROM_EMAIL', async () => {
    const mail = t.app.get(MailService);
    const kinds = Object.keys(REFERENCE) as DjoserEmailKind[];
    for (const kind of kinds) {
      const { token } = REFERENCE[kind];
      const extra = token ? { uid: REFERENCE_UID, token } : {};
      await mail.enqueue({ kind, to: REFERENCE_USER.email, user: REFERENCE_USER, request: { host: '127.0.0.1:8840', secure: false }, ...extra });
    }
    await mail.flush();
    const received = await sink.waitFor(kinds.length);
    expect(received).toHaveLength(kinds.length);
    for (const kind of kinds) {
      const got = received.find((r) => r.subject === REFERENCE[kind].mail.subject);
      expect(got).toBeDefined();
      expect({ subject: got!.subject, text: got!.text, html: got!.html }).toEqual(REFERENCE[kind].mail);
      expect(got!.contentType).toBe('multipart/alternative');
      expect(got!.from).toEqual([REFERENCE_FROM]);
      expect(got!.to).toEqual([REFERENCE_USER.email]);
      expect(got!.envelopeFrom).toBe(REFERENCE_FROM);
      expect(got!.envelopeTo).toEqual([REFERENCE_USER.email]);
    }
    expect(await mail.outboxCounts()).toEqual({ pending: 0, failed: 0 });
  });

  it('an empty address sends nothing (Django drops it)', async () => {
    const before = sink.received.length;
    await t.app.get(MailService).enqueue({ kind: 'confirmation', to: '', user: REFERENCE_USER, request: { host: 'h', secure: false } });
    await t.app.get(MailService).flush();
    expect(sink.received.length).toBe(before);
    expect(await t.app.get(MailService).outboxCounts()).toEqual({ pending: 0, failed: 0 });
  });
});

describe('mail outbox: transactions', () => {
  const sink = new SmtpSink();
  let t: TestApp;
  beforeAll(async () => {
    await sink.start();
    // A poll interval of a minute: only the after-commit nudge can deliver promptly.
    t = await startTestApp(smtpEnv(sink, { EMAIL_OUTBOX_POLL_INTERVAL_MS: '60000' }));
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });
  beforeEach(() => {
    sink.received.length = 0;
  });

  it('a rolled-back transaction sends nothing', async () => {
    const ds = t.app.get(DataSource);
    await expect(
      ds.transaction(async (m) => {
        await register(t, 1, m);
        throw new Error('the change fails after the mail was queued');
      }),
    ).rejects.toThrow('the change fails');
    await t.app.get(MailService).flush();
    await sleep(300);
    expect(sink.received).toEqual([]);
    expect(await t.app.get(MailService).outboxCounts()).toEqual({ pending: 0, failed: 0 });
    expect(await ds.getRepository(User).countBy({ username: 'user1' })).toBe(0);
  });

  it('nothing leaves before the commit; the commit wakes the worker (no poll tick needed)', async () => {
    const ds = t.app.get(DataSource);
    const mail = t.app.get(MailService);
    await ds.transaction(async (m) => {
      await register(t, 2, m);
      // Another connection does not see the uncommitted row (the embedded engine has
      // only the one connection this transaction holds, so there it is not asked).
      if (process.env[ENGINE_ENV] === 'postgres') await mail.flush();
      await sleep(200);
      expect(sink.received).toEqual([]);
    });
    const [got] = await sink.waitFor(1, 3000);
    expect(got.to).toEqual(['user2@example.com']);
    expect(got.text).toContain('http://testserver/#/activate/uid');
  });

  it('without a manager, the mail is queued on its own and sent at once', async () => {
    const mail = t.app.get(MailService);
    await mail.enqueue(activation({ id: 99, username: 'solo', email: 'solo@example.com', firstName: '', lastName: '' }));
    const [got] = await sink.waitFor(1, 3000);
    expect(got.to).toEqual(['solo@example.com']);
  });
});

describe('mail outbox: an SMTP outage loses nothing and sends nothing twice', () => {
  const sink = new SmtpSink();
  let t: TestApp;
  beforeAll(async () => {
    await sink.start();
    await sink.stop(); // the port is known; the server is down
    t = await startTestApp(smtpEnv(sink));
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it('20 registrations commit while SMTP is down; when it is back, all 20 e-mails arrive exactly once', async () => {
    for (let i = 0; i < 20; i++) await register(t, 100 + i);
    const mail = t.app.get(MailService);
    await sleep(500); // several failed attempts with backoff
    expect(await mail.outboxCounts()).toEqual({ pending: 20, failed: 0 });
    expect(await t.app.get(DataSource).getRepository(User).count()).toBe(20);

    await sink.start(); // same port
    await sink.waitFor(20, 20000); // the worker retries on its own
    await sleep(800); // any duplicate would arrive by now
    const recipients = sink.received.map((r) => r.to[0]).sort();
    const expected = Array.from({ length: 20 }, (_, i) => `user${100 + i}@example.com`).sort();
    expect(recipients).toEqual(expected);
    expect(await mail.outboxCounts()).toEqual({ pending: 0, failed: 0 });
  });
});

describe('mail outbox: retry limit and re-queue', () => {
  const sink = new SmtpSink();
  let t: TestApp;
  beforeAll(async () => {
    await sink.start();
    await sink.stop();
    t = await startTestApp(smtpEnv(sink, { EMAIL_OUTBOX_MAX_ATTEMPTS: '3', EMAIL_OUTBOX_RETRY_BACKOFF_MS: '10' }));
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it('marks mail failed after EMAIL_OUTBOX_MAX_ATTEMPTS, and requeueFailed sends it again', async () => {
    const mail = t.app.get(MailService);
    await register(t, 1);
    for (let i = 0; i < 3; i++) await mail.flush();
    expect(await mail.outboxCounts()).toEqual({ pending: 0, failed: 1 });
    await sink.start();
    await mail.flush();
    expect(sink.received).toEqual([]); // failed mail stays failed
    expect(await mail.requeueFailed()).toBe(1);
    const [got] = await sink.waitFor(1, 5000);
    expect(got.to).toEqual(['user1@example.com']);
    // The sink has the message before the worker records it as sent: wait for the row.
    expect(await eventually(() => mail.outboxCounts(), (c) => c.pending === 0 && c.failed === 0)).toEqual({ pending: 0, failed: 0 });
  });
});

describe('mail outbox: two server instances on one database', () => {
  const sink = new SmtpSink(15);
  const onPostgres = process.env[ENGINE_ENV] === 'postgres';
  let a: TestApp;
  let b: TestApp | undefined;
  /** The second instance's worker and backend. */
  let second: { flush(): Promise<void>; stop(): Promise<void>; backend: MailBackend };
  const sentBy = new Map<MailBackend, number>();

  function count(backend: MailBackend): void {
    const send = backend.send.bind(backend);
    sentBy.set(backend, 0);
    backend.send = async (d) => {
      await send(d);
      sentBy.set(backend, sentBy.get(backend)! + 1);
    };
  }

  beforeAll(async () => {
    await sink.start();
    a = await startTestApp(smtpEnv(sink, { EMAIL_OUTBOX_POLL_INTERVAL_MS: '20' }));
    if (onPostgres) {
      // A second server on the first one's database.
      b = await startTestApp(smtpEnv(sink, { EMAIL_OUTBOX_POLL_INTERVAL_MS: '20', DATABASE_URL: a.settings.databaseUrl }));
      const app = b.app;
      second = { flush: () => app.get(MailService).flush(), stop: async () => undefined, backend: app.get<MailBackend>(MAIL_BACKEND) };
    } else {
      // The embedded engine cannot share a database between servers: a second worker on the same one.
      const backend = createMailBackend(a.settings.email);
      const worker = new OutboxWorker(a.settings, backend, a.app.get(DataSource));
      await worker.onApplicationBootstrap();
      second = { flush: () => worker.flush(), stop: () => worker.onModuleDestroy(), backend };
    }
    count(a.app.get<MailBackend>(MAIL_BACKEND));
    count(second.backend);
  });
  afterAll(async () => {
    await second.stop();
    await b?.close();
    await a.close();
    await sink.stop();
  });

  it('both workers send, and no message is sent twice', async () => {
    const total = 60;
    await a.app.get(DataSource).transaction(async (m) => {
      for (let i = 0; i < total; i++) await register(a, 200 + i, m);
    });
    await Promise.all([a.app.get(MailService).flush(), second.flush()]);
    await sink.waitFor(total, 30000);
    await sleep(500);
    const recipients = sink.received.map((r) => r.to[0]);
    expect(recipients).toHaveLength(total);
    expect(new Set(recipients).size).toBe(total);
    const [first, other] = [...sentBy.values()];
    expect(first).toBeGreaterThan(0);
    expect(other).toBeGreaterThan(0);
    expect(first + other).toBe(total);
  });
});

describe('mail:retry (npm run mail:requeue)', () => {
  // The command is a separate process. On PostgreSQL it runs next to the server,
  // whose worker then sends the mail; the embedded engine keeps its data in a folder
  // one process at a time, so there the server is stopped while the command runs.
  const onPostgres = process.env[ENGINE_ENV] === 'postgres';
  const sink = new SmtpSink();
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nest-djoser-requeue-'));
    await sink.start();
    await sink.stop();
  });
  afterAll(async () => {
    await sink.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function requeueCommand(env: Record<string, string>) {
    return spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli.ts', 'mail:retry'], {
      cwd: join(__dirname, '..', '..'),
      env: { ...process.env, ...TEST_ENV, ...env },
      encoding: 'utf8',
    });
  }

  it('makes failed mail pending again, and the worker sends it', async () => {
    const extra: Record<string, string> = onPostgres ? {} : { DATABASE_URL: '', PGLITE_DATA_DIR: dir };
    const env = smtpEnv(sink, { EMAIL_OUTBOX_MAX_ATTEMPTS: '1', ...extra });
    let t = await startTestApp(env);
    try {
      await register(t, 1);
      await t.app.get(MailService).flush();
      expect(await t.app.get(MailService).outboxCounts()).toEqual({ pending: 0, failed: 1 });
      if (!onPostgres) await t.close();

      const run = requeueCommand({ ...env, DATABASE_URL: onPostgres ? t.settings.databaseUrl : '' });
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe('re-queued 1 failed e-mail; outbox 1 pending, 0 failed\n');
      expect(run.status).toBe(0);

      await sink.start();
      if (!onPostgres) t = await startTestApp(env);
      const [got] = await sink.waitFor(1, 10000); // the next poll (100 ms here)
      expect(got.to).toEqual(['user1@example.com']);
    } finally {
      await t.close();
    }
  });
});
