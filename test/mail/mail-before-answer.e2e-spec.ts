import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { DjoserEmailKind } from '../../src/mail/mail.types';
import { FileMailbox } from '../conformance/target';
import { ENGINE_ENV } from '../support/database';
import { startTestApp, TestApp } from '../support/test-app';
import { REFERENCE, REFERENCE_ENV } from './reference-mails';
import { sleep, SmtpSink } from './smtp-sink';

jest.setTimeout(60000);

/**
 * Djoser sends its mail inside the request: a client that reads the mailbox as soon
 * as the answer arrives finds it there. These tests read the real SMTP server and
 * the file backend's folder right after each answer, with no flush and no waiting;
 * the worker polls once a minute, so only the request's own attempt can have sent it.
 */

const PASSWORD = 'Xy7!pass-word-1';

const ALL_SIX = {
  ...REFERENCE_ENV,
  DJOSER_SEND_ACTIVATION_EMAIL: 'true',
  DJOSER_SEND_CONFIRMATION_EMAIL: 'true',
  DJOSER_PASSWORD_CHANGED_EMAIL_CONFIRMATION: 'true',
  DJOSER_USERNAME_CHANGED_EMAIL_CONFIRMATION: 'true',
  EMAIL_OUTBOX_POLL_INTERVAL_MS: '60000',
};

function post(t: TestApp, path: string, body: unknown): Promise<Response> {
  return fetch(`${t.url}/auth/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

/** uid and token of the `http://shop.example.com:8443/<path>/{uid}/{token}` link in a mail's text. */
function link(text: string, path: string): { uid: string; token: string } {
  const m = new RegExp(`http://shop\\.example\\.com:8443/${path}/([^/\\s]+)/([^/\\s]+)\\n`).exec(text);
  if (!m) throw new Error(`no ${path} link in:\n${text}`);
  return { uid: m[1], token: m[2] };
}

interface Inbox {
  /** The mails that arrived since the previous call, read at once. */
  takeMail(): Promise<Array<{ to: string[]; subject: string; text: string }>>;
}

/** Sends one request and reads the inbox the moment its answer is in: exactly one mail, of `kind`. */
async function answerThenMail(t: TestApp, inbox: Inbox, path: string, body: unknown, kind: DjoserEmailKind): Promise<string> {
  const res = await post(t, path, body);
  expect(res.status).toBe(path === 'users/' ? 201 : 204);
  const mails = await inbox.takeMail();
  expect(mails.map((m) => m.subject)).toEqual([REFERENCE[kind].mail.subject]);
  expect(mails[0].to).toEqual(['frank@example.com']);
  return mails[0].text;
}

/** The six Djoser mails, each caused by its own request, each read right after its answer. */
async function sixMails(t: TestApp, inbox: Inbox): Promise<void> {
  const activation = await answerThenMail(t, inbox, 'users/', { username: 'frank', password: PASSWORD, email: 'frank@example.com' }, 'activation');
  await answerThenMail(t, inbox, 'users/activation/', link(activation, 'activate'), 'confirmation');
  const reset = await answerThenMail(t, inbox, 'users/reset_password/', { email: 'frank@example.com' }, 'password_reset');
  const newPassword = { ...link(reset, 'password/reset/confirm'), new_password: 'N3w-pass-word!x' };
  await answerThenMail(t, inbox, 'users/reset_password_confirm/', newPassword, 'password_changed_confirmation');
  const resetName = await answerThenMail(t, inbox, 'users/reset_username/', { email: 'frank@example.com' }, 'username_reset');
  const newName = { ...link(resetName, 'username/reset/confirm'), new_username: 'franklin' };
  await answerThenMail(t, inbox, 'users/reset_username_confirm/', newName, 'username_changed_confirmation');
  expect((await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM "nest_mail_outbox"`))[0].n).toBe(0);
}

describe('every mail is in the SMTP server when its answer arrives', () => {
  const sink = new SmtpSink();
  let t: TestApp;
  beforeAll(async () => {
    await sink.start();
    t = await startTestApp({ ...ALL_SIX, EMAIL_BACKEND: 'smtp', EMAIL_HOST: '127.0.0.1', EMAIL_PORT: String(sink.port), EMAIL_TIMEOUT: '5' });
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it('activation, confirmation, password reset, password changed, username reset, username changed', async () => {
    let seen = 0;
    await sixMails(t, {
      takeMail: async () => {
        const mails = sink.received.slice(seen);
        seen = sink.received.length;
        return mails;
      },
    });
  });
});

describe('every mail is in the file backend\'s folder when its answer arrives', () => {
  let dir: string;
  let t: TestApp;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nest-djoser-before-answer-'));
    t = await startTestApp({ ...ALL_SIX, EMAIL_BACKEND: 'file', EMAIL_FILE_PATH: dir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('activation, confirmation, password reset, password changed, username reset, username changed', async () => {
    const mailbox = new FileMailbox(dir); // no beforeRead: nothing is drained before reading
    await sixMails(t, mailbox);
  });
});

describe('SMTP down: the answer is still the success, the mail arrives once SMTP is back, exactly once', () => {
  const sink = new SmtpSink();
  let t: TestApp;
  beforeAll(async () => {
    await sink.start();
    await sink.stop(); // the port is known; nothing listens there
    t = await startTestApp({
      DJOSER_SEND_ACTIVATION_EMAIL: 'true',
      EMAIL_BACKEND: 'smtp',
      EMAIL_HOST: '127.0.0.1',
      EMAIL_PORT: String(sink.port),
      EMAIL_TIMEOUT: '2',
      EMAIL_OUTBOX_POLL_INTERVAL_MS: '100',
      EMAIL_OUTBOX_RETRY_BACKOFF_MS: '200',
      EMAIL_OUTBOX_MAX_ATTEMPTS: '1000',
    });
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it('registration answers 201 at once; the failed first attempt is retried by the worker', async () => {
    const started = Date.now();
    const res = await post(t, 'users/', { username: 'gina', password: PASSWORD, email: 'gina@example.com' });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ email: 'gina@example.com', username: 'gina', id: expect.any(Number) });
    expect(Date.now() - started).toBeLessThan(2000); // a refused connection is not a timeout
    const [row] = await t.app.get(DataSource).query(`SELECT "kind", "status", "attempts" FROM "nest_mail_outbox"`);
    expect(row).toMatchObject({ kind: 'activation', attempts: expect.any(Number) });
    expect(row.attempts).toBeGreaterThanOrEqual(1); // the request made the first attempt

    await sleep(500);
    await sink.start(); // same port
    const [mail] = await sink.waitFor(1, 10000);
    expect(mail.to).toEqual(['gina@example.com']);
    expect(mail.subject).toBe(`Account activation on ${new URL(t.url).host}`);
    await sleep(1000); // a second delivery would have arrived by now
    expect(sink.received).toHaveLength(1);
    expect((await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM "nest_mail_outbox"`))[0].n).toBe(0);
  });
});

describe('the request\'s attempt and the workers never send a mail twice', () => {
  const sink = new SmtpSink(20);
  let a: TestApp;
  let b: TestApp | undefined;
  beforeAll(async () => {
    await sink.start();
    const env = {
      DJOSER_SEND_ACTIVATION_EMAIL: 'true',
      EMAIL_BACKEND: 'smtp',
      EMAIL_HOST: '127.0.0.1',
      EMAIL_PORT: String(sink.port),
      EMAIL_TIMEOUT: '5',
      EMAIL_OUTBOX_POLL_INTERVAL_MS: '10',
    };
    a = await startTestApp(env);
    // A second instance on the same database whose worker polls all the time (the embedded engine serves one process).
    if (process.env[ENGINE_ENV] === 'postgres') b = await startTestApp({ ...env, DATABASE_URL: a.settings.databaseUrl });
  });
  afterAll(async () => {
    await b?.close();
    await a.close();
    await sink.stop();
  });

  it('30 concurrent registrations on two instances: each mail is there at its answer, and arrives once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const t = i % 2 ? a : (b ?? a);
        const email = `race${i}@example.com`;
        const res = await post(t, 'users/', { username: `race${i}`, password: PASSWORD, email });
        return { status: res.status, there: sink.received.some((m) => m.to[0] === email) };
      }),
    );
    expect(answers.filter((x) => x.status === 201 && x.there)).toHaveLength(30);
    await sleep(1000); // a duplicate would have arrived by now
    const recipients = sink.received.map((m) => m.to[0]);
    expect(recipients).toHaveLength(30);
    expect(new Set(recipients).size).toBe(30);
  });
});
