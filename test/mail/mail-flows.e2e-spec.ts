import { createServer, Server, Socket } from 'node:net';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/test-app';
import { ReceivedMail, sleep, SmtpSink } from './smtp-sink';

jest.setTimeout(60000);

const PASSWORD = 'Xy7!pass-word-1';

function post(t: TestApp, path: string, body: unknown): Promise<Response> {
  return fetch(`${t.url}/auth/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

/** uid and token from `{protocol}://{domain}/#/<path>/{uid}/{token}` in a mail's text. */
function link(mail: ReceivedMail, path: string): { url: string; uid: string; token: string } {
  const m = new RegExp(`(http://\\S+/#/${path}/([^/\\s]+)/([^/\\s]+))\\n`).exec(mail.text);
  if (!m) throw new Error(`no ${path} link in:\n${mail.text}`);
  return { url: m[1], uid: m[2], token: m[3] };
}

function smtp(port: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    EMAIL_BACKEND: 'smtp',
    EMAIL_HOST: '127.0.0.1',
    EMAIL_PORT: String(port),
    EMAIL_TIMEOUT: '5',
    EMAIL_OUTBOX_POLL_INTERVAL_MS: '100',
    EMAIL_OUTBOX_RETRY_BACKOFF_MS: '100',
    EMAIL_OUTBOX_MAX_ATTEMPTS: '1000',
    DJOSER_SEND_ACTIVATION_EMAIL: 'true',
    ...extra,
  };
}

describe('e-mail flows end to end over SMTP', () => {
  const sink = new SmtpSink();
  let t: TestApp;
  beforeAll(async () => {
    await sink.start();
    t = await startTestApp(smtp(sink.port, { DJOSER_SEND_CONFIRMATION_EMAIL: 'true' }));
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });
  beforeEach(() => {
    sink.received.length = 0;
  });

  it('register → activation e-mail → its link activates the account → confirmation e-mail → login', async () => {
    const res = await post(t, 'users/', { username: 'carol', password: PASSWORD, email: 'carol@example.com' });
    expect(res.status).toBe(201);
    const [activation] = await sink.waitFor(1);
    const host = new URL(t.url).host;
    expect(activation.subject).toBe(`Account activation on ${host}`);
    expect(activation.to).toEqual(['carol@example.com']);
    const { url, uid, token } = link(activation, 'activate');
    expect(url.startsWith(`http://${host}/#/activate/`)).toBe(true);

    expect((await post(t, 'jwt/create/', { username: 'carol', password: PASSWORD })).status).toBe(401); // inactive
    const activated = await post(t, 'users/activation/', { uid, token });
    expect(activated.status).toBe(204);
    const [, confirmation] = await sink.waitFor(2);
    expect(confirmation.subject).toBe(`${host} - Your account has been successfully created and activated!`);
    expect((await post(t, 'jwt/create/', { username: 'carol', password: PASSWORD })).status).toBe(200);
  });

  it('reset_password → e-mail → its link sets the new password', async () => {
    await post(t, 'users/', { username: 'dave', password: PASSWORD, email: 'dave@example.com' });
    const { uid, token } = link((await sink.waitFor(1))[0], 'activate');
    expect((await post(t, 'users/activation/', { uid, token })).status).toBe(204);
    await sink.waitFor(2);
    sink.received.length = 0;

    expect((await post(t, 'users/reset_password/', { email: 'dave@example.com' })).status).toBe(204);
    const [reset] = await sink.waitFor(1);
    expect(reset.subject).toBe(`Password reset on ${new URL(t.url).host}`);
    expect(reset.text).toContain("Your username, in case you've forgotten: dave\n");
    const r = link(reset, 'password/reset/confirm');
    const confirmed = await post(t, 'users/reset_password_confirm/', { uid: r.uid, token: r.token, new_password: 'N3w-pass-word!x' });
    expect(confirmed.status).toBe(204);
    expect((await post(t, 'jwt/create/', { username: 'dave', password: PASSWORD })).status).toBe(401);
    expect((await post(t, 'jwt/create/', { username: 'dave', password: 'N3w-pass-word!x' })).status).toBe(200);
  });
});

describe('registration during an SMTP outage', () => {
  const sink = new SmtpSink();
  let t: TestApp;
  beforeAll(async () => {
    await sink.start();
    await sink.stop();
    t = await startTestApp(smtp(sink.port));
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it('20 registrations answer 201; when SMTP is back, all 20 activation e-mails arrive exactly once', async () => {
    for (let i = 0; i < 20; i++) {
      const res = await post(t, 'users/', { username: `out${i}`, password: PASSWORD, email: `out${i}@example.com` });
      expect(res.status).toBe(201);
    }
    await sleep(300);
    await sink.start();
    await sink.waitFor(20, 20000);
    await sleep(800);
    expect(sink.received.map((m) => m.to[0]).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `out${i}@example.com`).sort());
    expect(new Set(sink.received.map((m) => link(m, 'activate').token)).size).toBe(20);
  });
});

describe('reset_password while SMTP never answers: the answer waits EMAIL_TIMEOUT at most', () => {
  // An SMTP server that accepts connections and never greets: the first attempt
  // runs into EMAIL_TIMEOUT (1 s), the answer is still the 204 and the mail stays queued.
  let blackhole: Server;
  const sockets: Socket[] = [];
  let t: TestApp;
  beforeAll(async () => {
    blackhole = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => blackhole.listen(0, '127.0.0.1', () => r()));
    t = await startTestApp(smtp((blackhole.address() as { port: number }).port, { DJOSER_SEND_ACTIVATION_EMAIL: 'false', EMAIL_TIMEOUT: '1' }));
    expect((await post(t, 'users/', { username: 'erin', password: PASSWORD, email: 'erin@example.com' })).status).toBe(201);
  });
  afterAll(async () => {
    await t.close();
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => blackhole.close(() => r()));
  });

  it('a known and an unknown address both answer 204 with the same empty body, within EMAIL_TIMEOUT', async () => {
    for (const email of ['erin@example.com', 'nobody@example.com']) {
      const started = Date.now();
      const res = await post(t, 'users/reset_password/', { email });
      expect(res.status).toBe(204);
      expect(await res.text()).toBe('');
      expect(Date.now() - started).toBeLessThan(2500);
    }
    const [row] = await t.app.get(DataSource).query(`SELECT "kind", "recipients" FROM "nest_mail_outbox"`);
    expect(row).toEqual({ kind: 'password_reset', recipients: ['erin@example.com'] }); // kept for the worker
  });
});
