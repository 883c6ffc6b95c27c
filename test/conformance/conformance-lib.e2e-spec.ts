import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CONFIGS } from './configs';
import { getAtPath, rewriteJsonScalars } from './json-scan';
import { forgeJwt } from './jwt-forge';
import { Normaliser, RawAnswer } from './normalise';
import { FileMailbox } from './target';

// Pure-library checks of the suite's own machinery (no server involved).

const answer = (body: string | Buffer, extra: Partial<RawAnswer> = {}): RawAnswer => ({
  status: 200,
  headers: { 'content-type': 'application/json', vary: 'Accept', 'x-other': 'dropped' },
  body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
  mails: [],
  ...extra,
});

describe('rewriteJsonScalars', () => {
  it('replaces scalars and keeps every other byte (indentation, escapes, key order)', () => {
    const text = '{\n    "b": "x\\"y",\n    "id": 12,\n    "list": [ 1 , {"id":3} ]\n}';
    const out = rewriteJsonScalars(text, (p, s) => (p[p.length - 1] === 'id' ? `ID${s.raw}` : undefined));
    expect(out).toBe('{\n    "b": "x\\"y",\n    "id": ID12,\n    "list": [ 1 , {"id":ID3} ]\n}');
  });

  it('keeps the quotes of replaced strings, so the JSON type stays visible', () => {
    expect(rewriteJsonScalars('{"id":"7"}', () => 'N')).toBe('{"id":"N"}');
  });

  it('returns undefined for text that is not JSON', () => {
    expect(rewriteJsonScalars('<h1>Not Found</h1>', () => 'x')).toBeUndefined();
    expect(rewriteJsonScalars('{"a":1} trailing', () => 'x')).toBeUndefined();
  });

  it('reads values at dotted / indexed paths', () => {
    expect(getAtPath([{ id: 4 }], '[0].id')).toBe(4);
    expect(getAtPath({ a: { b: [0, 'x'] } }, 'a.b[1]')).toBe('x');
    expect(getAtPath({ a: 1 }, 'b.c')).toBeUndefined();
  });
});

describe('Normaliser', () => {
  const settings = CONFIGS.default.settings;
  const now = Math.floor(Date.now() / 1000);

  it('names ids and auth tokens after their first appearance and reuses the name', () => {
    const n = new Normaliser(settings);
    const key = 'fc61ed24ea3bb8ae75318886627a7c67448ec263';
    expect(n.answer('register', answer('{"email":"","username":"jim","id":3}'), now).answer.body).toBe(
      '{"email":"","username":"jim","id":{{register.body.id}}}',
    );
    expect(n.answer('login', answer(`{"auth_token":"${key}"}`), now).answer.body).toBe('{"auth_token":"{{login.body.auth_token}}"}');
    expect(n.answer('again', answer(`{"auth_token":"${key}"}`), now).answer.body).toBe('{"auth_token":"{{login.body.auth_token}}"}');
    expect(n.answer('list', answer('[{"id":1},{"id":3},{"id":"3"}]'), now).answer.body).toBe(
      '[{"id":{{admin.id}}},{"id":{{register.body.id}}},{"id":"{{register.body.id}}"}]',
    );
    expect(n.known(3)).toBe('{{register.body.id}}');
  });

  it('leaves values of the wrong shape visible', () => {
    const n = new Normaliser(settings);
    expect(n.answer('login', answer('{"auth_token":"not-a-key"}'), now).answer.body).toBe('{"auth_token":"not-a-key"}');
  });

  it('keeps only the recorded headers', () => {
    const n = new Normaliser(settings);
    expect(n.answer('x', answer('{}'), now).answer.headers).toEqual({ 'Content-Type': 'application/json', Vary: 'Accept' });
  });

  it('describes JWTs: header, payload with placeholders and relative times, signature check', () => {
    const n = new Normaliser(settings);
    n.answer('register', answer('{"id":2}'), now);
    const jti = 'a'.repeat(32);
    const good = forgeJwt({ token_type: 'access', exp: now + 300, iat: now, jti, user_id: 2 });
    const bad = forgeJwt({ token_type: 'refresh', exp: now + 86400, iat: now - 1, jti: 'b'.repeat(32), user_id: 1 }, { key: 'other' });
    const { answer: a } = n.answer('create', answer(`{"refresh":"${bad}","access":"${good}"}`), now);
    expect(a.body).toBe('{"refresh":"{{create.body.refresh}}","access":"{{create.body.access}}"}');
    expect(a.jwts).toEqual({
      '{{create.body.refresh}}': {
        header: '{"alg":"HS256","typ":"JWT"}',
        payload: `{"token_type":"refresh","exp":{{now+86400}},"iat":{{now}},"jti":"{{create.body.refresh.jti}}","user_id":{{admin.id}}}`,
        signature: 'invalid',
      },
      '{{create.body.access}}': {
        header: '{"alg":"HS256","typ":"JWT"}',
        payload: `{"token_type":"access","exp":{{now+300}},"iat":{{now}},"jti":"{{create.body.access.jti}}","user_id":{{register.body.id}}}`,
        signature: 'valid',
      },
    });
  });

  it('names e-mail link parts: uid once per user, each token by its own mail', () => {
    const n = new Normaliser(settings);
    const mail = (token: string) => ({
      to: ['a@example.com'],
      subject: 'S',
      text: `Go to\nhttp://localhost:3000/activate/Mg/${token}\n\nThanks`,
    });
    const first = n.answer('register', answer('', { mails: [mail('dig9az-f4c55d2be2cbca2bc874a4412038c966')] }), now);
    const second = n.answer('resend', answer('', { mails: [mail('dig9az-f4c55d2be2cbca2bc874a4412038c966')] }), now);
    expect(first.answer.mails[0].text).toBe('Go to\nhttp://localhost:3000/activate/{{register.mail[0].uid}}/{{register.mail[0].token}}\n\nThanks');
    expect(second.answer.mails[0].text).toBe('Go to\nhttp://localhost:3000/activate/{{register.mail[0].uid}}/{{resend.mail[0].token}}\n\nThanks');
    expect(second.links).toEqual([
      {
        kind: 'activation',
        uid: { value: 'Mg', placeholder: '{{register.mail[0].uid}}' },
        token: { value: 'dig9az-f4c55d2be2cbca2bc874a4412038c966', placeholder: '{{resend.mail[0].token}}' },
      },
    ]);
  });

  it('keeps a body that is not UTF-8 as base64', () => {
    const n = new Normaliser(settings);
    const { answer: a } = n.answer('x', answer(Buffer.from([0x7b, 0xff, 0x7d])), now);
    expect(a).toMatchObject({ body: '', bodyBase64: 'e/99' });
  });
});

describe('FileMailbox', () => {
  // Written by Django 3.2's filebased.EmailBackend (one send_messages call, two messages).
  const DJANGO_FILE =
    'Content-Type: multipart/alternative;\n boundary="===============0865624452948783347=="\nMIME-Version: 1.0\nSubject: Password reset on Djoser Reference\nFrom: webmaster@localhost\nTo: =?utf-8?b?w7xuw68=?=@example.com\nDate: Sun, 22 Nov 2026 15:15:08 -0000\nMessage-ID: <179536050859.28577.5183710689694743277@localhost>\n\n--===============0865624452948783347==\nContent-Type: text/plain; charset="utf-8"\nMIME-Version: 1.0\nContent-Transfer-Encoding: 8bit\n\nHello ünïcødé\n\nhttp://localhost:3000/password/reset/confirm/Mg/abc123-0123456789abcdef0123456789abcdef\n--===============0865624452948783347==\nContent-Type: text/html; charset="utf-8"\nMIME-Version: 1.0\nContent-Transfer-Encoding: 8bit\n\n<p>Hello ünïcødé</p>\n--===============0865624452948783347==--\n\n-------------------------------------------------------------------------------\nContent-Type: text/plain; charset="utf-8"\nMIME-Version: 1.0\nContent-Transfer-Encoding: 7bit\nSubject: Plain subject\nFrom: webmaster@localhost\nTo: a@example.com, b@example.com\nDate: Sun, 22 Nov 2026 15:15:08 -0000\nMessage-ID: <179536050859.28577.5434889095007852795@localhost>\n\nPlain body line\n-- \nsig\n-------------------------------------------------------------------------------\n';
  const PLAIN = DJANGO_FILE.slice(DJANGO_FILE.indexOf('-'.repeat(79)) + 80);
  let dir: string;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'conformance-mailbox-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('parses every message of a file and returns each only once', async () => {
    let drained = 0;
    const mailbox = new FileMailbox(dir, {
      beforeRead: async () => {
        drained++;
      },
    });
    await fs.writeFile(path.join(dir, '20261122-151508-1.log'), DJANGO_FILE);
    expect(await mailbox.takeMail()).toEqual([
      {
        to: ['ünï@example.com'],
        subject: 'Password reset on Djoser Reference',
        text: 'Hello ünïcødé\n\nhttp://localhost:3000/password/reset/confirm/Mg/abc123-0123456789abcdef0123456789abcdef',
        html: '<p>Hello ünïcødé</p>',
      },
      { to: ['a@example.com', 'b@example.com'], subject: 'Plain subject', text: 'Plain body line\n-- \nsig' },
    ]);
    expect(await mailbox.takeMail()).toEqual([]);
    expect(drained).toBe(2);
  });

  it('picks up messages appended later and waits for unfinished ones', async () => {
    const mailbox = new FileMailbox(dir);
    const file = path.join(dir, 'm.log');
    await fs.writeFile(file, PLAIN);
    expect(await mailbox.takeMail()).toHaveLength(1);
    const half = PLAIN.length - 90;
    await fs.appendFile(file, PLAIN.slice(0, half));
    expect(await mailbox.takeMail()).toEqual([]);
    await fs.appendFile(file, PLAIN.slice(half));
    expect((await mailbox.takeMail()).map((m) => m.subject)).toEqual(['Plain subject']);
  });

  it('treats a missing folder as empty', async () => {
    expect(await new FileMailbox(path.join(dir, 'absent')).takeMail()).toEqual([]);
  });
});
