import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MailService } from '../../src/mail/mail.service';
import { FileMailbox } from '../conformance/target';
import { startTestApp, TestApp } from '../support/test-app';
import { REFERENCE, REFERENCE_ENV, REFERENCE_UID, REFERENCE_USER } from './reference-mails';

jest.setTimeout(60000);

const SEPARATOR = '\n' + '-'.repeat(79) + '\n';

/**
 * The first lines of the reference's activation file (../shared/djoser-ref,
 * Django's filebased backend), to show one reader takes both servers' folders.
 */
function referenceActivationFile(): string {
  const { mail } = REFERENCE.activation;
  const b = '===============8718209221197379009==';
  return [
    'Content-Type: multipart/alternative;',
    ` boundary="${b}"`,
    'MIME-Version: 1.0',
    `Subject: ${mail.subject}`,
    'From: webmaster@localhost',
    'To: alice@example.com',
    'Date: Sun, 22 Nov 2026 15:04:10 -0000',
    'Message-ID: <179535985013.17350.17388370758905533795@localhost>',
    '',
    `--${b}`,
    'Content-Type: text/plain; charset="utf-8"',
    'MIME-Version: 1.0',
    'Content-Transfer-Encoding: 7bit',
    '',
    mail.text,
    `--${b}`,
    'Content-Type: text/html; charset="utf-8"',
    'MIME-Version: 1.0',
    'Content-Transfer-Encoding: 7bit',
    '',
    mail.html,
    `--${b}--`,
    '',
  ].join('\n');
}

describe('EMAIL_BACKEND=file: Django\'s filebased format', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nest-djoser-mail-'));
    t = await startTestApp({ ...REFERENCE_ENV, EMAIL_BACKEND: 'file', EMAIL_FILE_PATH: join(dir, 'ours') });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('one file per message, named like Django\'s, the message followed by a line of 79 dashes', async () => {
    const mail = t.app.get(MailService);
    const { token } = REFERENCE.activation;
    await mail.enqueue({ kind: 'activation', to: REFERENCE_USER.email, user: REFERENCE_USER, uid: REFERENCE_UID, token, request: { host: 'h', secure: false } });
    await mail.enqueue({ kind: 'confirmation', to: REFERENCE_USER.email, user: REFERENCE_USER, request: { host: 'h', secure: false } });
    await mail.flush();

    const files = readdirSync(join(dir, 'ours')).sort();
    expect(files).toHaveLength(2);
    for (const f of files) {
      expect(f).toMatch(/^\d{8}-\d{6}-\d+\.log$/); // Django: "%Y%m%d-%H%M%S-<id>.log"
      const content = readFileSync(join(dir, 'ours', f), 'utf8');
      expect(content.endsWith(SEPARATOR)).toBe(true);
      expect(content.indexOf(SEPARATOR)).toBe(content.length - SEPARATOR.length);
      expect(content.startsWith('Content-Type: multipart/alternative;\n boundary="===============')).toBe(true);
    }
  });

  it('the conformance FileMailbox reads our folder and the reference\'s alike', async () => {
    const mail = t.app.get(MailService);
    const ours = new FileMailbox(join(dir, 'ours'), { beforeRead: () => mail.flush() });
    await ours.skipExisting();
    const { token } = REFERENCE.activation;
    await mail.enqueue({ kind: 'activation', to: REFERENCE_USER.email, user: REFERENCE_USER, uid: REFERENCE_UID, token, request: { host: 'h', secure: false } });

    const refDir = join(dir, 'reference');
    mkdirSync(refDir);
    writeFileSync(join(refDir, '20261122-150410-139974278287440.log'), referenceActivationFile() + SEPARATOR);

    const [fromUs] = await ours.takeMail();
    const [fromReference] = await new FileMailbox(refDir).takeMail();
    expect(fromUs).toEqual(fromReference);
    expect(fromUs).toEqual({ to: [REFERENCE_USER.email], ...REFERENCE.activation.mail });
    expect(await ours.takeMail()).toEqual([]);
  });
});

describe('EMAIL_BACKEND=memory (tests): delivered() after flush()', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DOMAIN: 'front.example', SITE_NAME: 'Front' });
  });
  afterAll(() => t.close());

  it('keeps the rendered message and the request behind it', async () => {
    const mail = t.app.get(MailService);
    const request = { kind: 'password_reset' as const, to: REFERENCE_USER.email, user: REFERENCE_USER, uid: 'Mg', token: 'abc-123', request: { host: 'h', secure: true } };
    await mail.enqueue(request);
    await mail.flush();
    const [message] = mail.delivered();
    expect(message).toMatchObject({ kind: 'password_reset', from: 'webmaster@localhost', to: [REFERENCE_USER.email], subject: 'Password reset on Front' });
    expect(message.text).toContain('\nhttps://front.example/#/password/reset/confirm/Mg/abc-123\n');
    expect(message.html).toContain('<a href="https://front.example/#/password/reset/confirm/Mg/abc-123">');
    expect(mail.deliveredRequests()).toEqual([request]);
  });
});

describe('EMAIL_BACKEND=console: the whole message on stdout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ EMAIL_BACKEND: 'console', EMAIL_OUTBOX_WORKER: 'false' });
  });
  afterAll(() => t.close());

  it('prints the message with its link whole, then 79 dashes', async () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: string, cb?: (err?: Error) => void) => {
      written.push(String(chunk));
      cb?.();
      return true;
    }) as typeof process.stdout.write);
    try {
      const mail = t.app.get(MailService);
      await mail.enqueue({ kind: 'activation', to: 'x@example.com', user: REFERENCE_USER, uid: 'Mg', token: 'abc-123', request: { host: 'localhost:8000', secure: false } });
      await mail.flush();
    } finally {
      spy.mockRestore();
    }
    const out = written.join('');
    expect(out).toContain('Subject: Account activation on localhost:8000\n');
    expect(out).toContain('\nhttp://localhost:8000/#/activate/Mg/abc-123\n');
    expect(out.endsWith(SEPARATOR)).toBe(true);
  });
});
