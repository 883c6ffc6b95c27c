import { simpleParser } from 'mailparser';
import { REFERENCE } from '../../../test/mail/reference-mails';
import { buildMimeMessage, envelopeAddress, formatAddress, formatDate } from './mime-message';

/**
 * The activation e-mail exactly as the reference's Django wrote it to its mail
 * folder (../shared/djoser-ref, file backend, without the trailing separator).
 */
const REFERENCE_ACTIVATION_RAW = [
  "Content-Type: multipart/alternative;",
  " boundary=\"===============8718209221197379009==\"",
  "MIME-Version: 1.0",
  "Subject: Account activation on Tom&#x27;s &lt;Shop&gt; &amp; &quot;Co&quot;",
  "From: webmaster@localhost",
  "To: alice@example.com",
  "Date: Sun, 22 Nov 2026 15:04:10 -0000",
  "Message-ID: <179535985013.17350.17388370758905533795@localhost>",
  "",
  "--===============8718209221197379009==",
  "Content-Type: text/plain; charset=\"utf-8\"",
  "MIME-Version: 1.0",
  "Content-Transfer-Encoding: 7bit",
  "",
  "You're receiving this email because you need to finish activation process on Tom&#x27;s &lt;Shop&gt; &amp; &quot;Co&quot;.",
  "",
  "Please go to the following page to activate account:",
  "http://shop.example.com:8443/activate/Mg/dig9uy-fc1b94512c3fb2fe1698f7dac6be1645",
  "",
  "Thanks for using our site!",
  "",
  "The Tom&#x27;s &lt;Shop&gt; &amp; &quot;Co&quot; team",
  "--===============8718209221197379009==",
  "Content-Type: text/html; charset=\"utf-8\"",
  "MIME-Version: 1.0",
  "Content-Transfer-Encoding: 7bit",
  "",
  "<p>You're receiving this email because you need to finish activation process on Tom&#x27;s &lt;Shop&gt; &amp; &quot;Co&quot;.</p>",
  "",
  "<p>Please go to the following page to activate account:</p>",
  "<p><a href=\"http://shop.example.com:8443/activate/Mg/dig9uy-fc1b94512c3fb2fe1698f7dac6be1645\">http://shop.example.com:8443/activate/Mg/dig9uy-fc1b94512c3fb2fe1698f7dac6be1645</a></p>",
  "",
  "<p>Thanks for using our site!</p>",
  "",
  "<p>The Tom&#x27;s &lt;Shop&gt; &amp; &quot;Co&quot; team</p>",
  "--===============8718209221197379009==--",
  "",
].join('\n');

describe('buildMimeMessage: Django\'s message layout', () => {
  it('is byte-identical to Django\'s activation message given the same boundary, date and Message-ID', () => {
    const { mail } = REFERENCE.activation;
    const raw = buildMimeMessage(
      { from: 'webmaster@localhost', to: ['alice@example.com'], subject: mail.subject, text: mail.text, html: mail.html },
      {
        boundary: '===============8718209221197379009==',
        date: new Date(Date.UTC(2026, 10, 22, 15, 4, 10)),
        messageId: '<179535985013.17350.17388370758905533795@localhost>',
      },
    );
    expect(raw).toBe(REFERENCE_ACTIVATION_RAW);
  });

  it('text only: a single text/plain part with the part headers first, as Django writes it', () => {
    const raw = buildMimeMessage(
      { from: 'webmaster@localhost', to: ['bob@example.com'], subject: 'Plain', text: 'text only' },
      { date: new Date(Date.UTC(2026, 10, 22, 15, 7, 10)), messageId: '<1.2.3@localhost>' },
    );
    // Django 3.2 (EmailMultiAlternatives without alternatives).message().as_bytes()
    expect(raw).toBe(
      'Content-Type: text/plain; charset="utf-8"\nMIME-Version: 1.0\nContent-Transfer-Encoding: 7bit\nSubject: Plain\nFrom: webmaster@localhost\nTo: bob@example.com\nDate: Sun, 22 Nov 2026 15:07:10 -0000\nMessage-ID: <1.2.3@localhost>\n\ntext only',
    );
  });

  it('HTML only: the sole text/html body (templated_mail with an empty text block)', () => {
    const raw = buildMimeMessage(
      { from: 'webmaster@localhost', to: ['bob@example.com'], subject: 'Html', text: '', html: '<p>x</p>' },
      { date: new Date(Date.UTC(2026, 10, 22, 15, 7, 10)), messageId: '<1.2.3@localhost>' },
    );
    expect(raw).toBe(
      'Content-Type: text/html; charset="utf-8"\nMIME-Version: 1.0\nContent-Transfer-Encoding: 7bit\nSubject: Html\nFrom: webmaster@localhost\nTo: bob@example.com\nDate: Sun, 22 Nov 2026 15:07:10 -0000\nMessage-ID: <1.2.3@localhost>\n\n<p>x</p>',
    );
  });

  it('non-ASCII: 8bit UTF-8 parts and an encoded subject that reads back the same', async () => {
    const subject = 'Café Ünïcode ✓ - Your password has been successfully changed! and a long tail to fold';
    const raw = buildMimeMessage({ from: 'Site Ñame <webmaster@localhost>', to: ['bob@example.com'], subject, text: 'The Café ✓ team', html: '<p>Café</p>' });
    expect(raw).toContain('Content-Transfer-Encoding: 8bit');
    expect(raw.split('\n').every((l) => l.length <= 998)).toBe(true);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe(subject);
    expect(parsed.text).toBe('The Café ✓ team');
    expect(parsed.html).toBe('<p>Café</p>');
    expect(parsed.from?.value).toEqual([{ name: 'Site Ñame', address: 'webmaster@localhost' }]);
  });

  it('lines over 998 bytes: quoted-printable, as Django switches to it', async () => {
    const text = 'a'.repeat(1000) + '\nb';
    const raw = buildMimeMessage({ from: 'webmaster@localhost', to: ['bob@example.com'], subject: 'S', text });
    // Django 3.2: the first body line is 75 "a" and a soft break
    expect(raw).toContain('Content-Transfer-Encoding: quoted-printable\n');
    expect(raw).toContain('\n\n' + 'a'.repeat(75) + '=\n');
    expect((await simpleParser(raw)).text).toBe(text);
  });

  it('long ASCII subjects are folded at spaces and unfold to the original', async () => {
    const subject = REFERENCE.confirmation.mail.subject;
    const raw = buildMimeMessage({ from: 'webmaster@localhost', to: ['bob@example.com'], subject, text: 'x' });
    expect(raw.split('\n').every((l) => l.length <= 78)).toBe(true);
    expect((await simpleParser(raw)).subject).toBe(subject);
  });

  it('refuses a header with a newline (Django: BadHeaderError)', () => {
    expect(() => buildMimeMessage({ from: 'webmaster@localhost', to: ['bob@example.com'], subject: 'a\nBcc: x@y', text: 'x' })).toThrow(
      "Header values can't contain newlines",
    );
  });

  it('formats dates like email.utils.formatdate and addresses like Django', () => {
    expect(formatDate(new Date(Date.UTC(2026, 0, 5, 3, 4, 5)))).toBe('Mon, 05 Jan 2026 03:04:05 -0000');
    expect(formatAddress('Site <noreply@example.com>')).toBe('Site <noreply@example.com>');
    expect(formatAddress('bob@bücher.example')).toBe('bob@xn--bcher-kva.example');
    expect(envelopeAddress('"Site, Inc" <noreply@example.com>')).toBe('noreply@example.com');
    expect(formatAddress('"Site, Inc" <noreply@example.com>')).toBe('"Site, Inc" <noreply@example.com>');
  });
});
