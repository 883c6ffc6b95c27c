import { randomInt } from 'node:crypto';
import { hostname } from 'node:os';
import { domainToASCII } from 'node:url';
import * as qp from 'nodemailer/lib/qp';
import type { OutgoingMessage } from '../mail.types';

/**
 * The RFC 822 message as Django 3.2's `EmailMultiAlternatives.message().as_bytes()`
 * lays it out (header order, `multipart/alternative` with Python's boundary shape,
 * `charset="utf-8"` parts in 7bit/8bit, quoted-printable only for lines over 998
 * bytes), with `\n` line ends: what the file and console backends write, and what
 * the SMTP backend sends (the SMTP client turns line ends into CRLF).
 * Nodemailer's own composer would quoted-print every line over 76 characters,
 * splitting the links people click in console output.
 */
export interface MimeOptions {
  /** Date header; default now. */
  date?: Date;
  /** Message-ID header; default `<time.pid.random@hostname>` like Python's make_msgid. */
  messageId?: string;
  /** multipart boundary; default Python's shape, `===============<19 digits>==`. */
  boundary?: string;
}

const LONG_LINE = 998; // RFC 5322 line limit (django.core.mail.message.RFC5322_EMAIL_LINE_LENGTH_LIMIT)
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const isAscii = (s: string) => /^[\x00-\x7f]*$/.test(s);
const pad2 = (n: number) => String(n).padStart(2, '0');

/** `email.utils.formatdate()` (UTC, "-0000"), as Django writes it with EMAIL_USE_LOCALTIME off. */
export function formatDate(d: Date): string {
  return (
    `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} -0000`
  );
}

function makeMessageId(): string {
  return `<${Math.floor(Date.now() / 10)}.${process.pid}.${randomInt(2 ** 47)}${randomInt(2 ** 16)}@${hostname() || 'localhost'}>`;
}

/** RFC 2047 encoded words (UTF-8, base64), split on character boundaries. */
function encodeWords(text: string): string {
  const words: string[] = [];
  let chunk: Buffer[] = [];
  let size = 0;
  for (const ch of text) {
    const bytes = Buffer.from(ch, 'utf8');
    if (size + bytes.length > 45) {
      words.push(Buffer.concat(chunk).toString('base64'));
      chunk = [];
      size = 0;
    }
    chunk.push(bytes);
    size += bytes.length;
  }
  if (chunk.length) words.push(Buffer.concat(chunk).toString('base64'));
  return words.map((w) => `=?utf-8?b?${w}?=`).join('\n ');
}

/** Folds an ASCII header line at spaces so lines stay under 78 characters where possible. */
function fold(line: string): string {
  const out: string[] = [];
  let rest = line;
  while (rest.length > 78) {
    const at = rest.lastIndexOf(' ', 78);
    if (at <= 0) break;
    out.push(rest.slice(0, at));
    rest = rest.slice(at); // the space starts the continuation line
  }
  out.push(rest);
  return out.join('\n');
}

/** A header value Django would refuse (newlines: header injection) raises like BadHeaderError. */
function header(name: string, value: string): string {
  if (/[\r\n]/.test(value)) throw new Error(`Header values can't contain newlines (got ${JSON.stringify(value)} for header '${name}')`);
  return isAscii(value) ? fold(`${name}: ${value}`) : `${name}: ${encodeWords(value)}`;
}

/** One address, `Name <user@host>` or bare: a non-ASCII name is encoded, the domain IDNA-encoded. */
export function formatAddress(address: string): string {
  const m = /^(.*?)\s*<([^<>]+)>\s*$/.exec(address.trim());
  const [name, addr] = m ? [m[1].replace(/^"(.*)"$/, '$1'), m[2]] : ['', address.trim()];
  const at = addr.lastIndexOf('@');
  const ascii = at > 0 && !isAscii(addr.slice(at + 1)) ? `${addr.slice(0, at)}@${domainToASCII(addr.slice(at + 1))}` : addr;
  if (!name) return ascii;
  return isAscii(name) ? `${/[()<>@,;:\\".[\]]/.test(name) ? JSON.stringify(name) : name} <${ascii}>` : `${encodeWords(name)} <${ascii}>`;
}

/** The bare address of `Name <user@host>` (the SMTP envelope). */
export function envelopeAddress(address: string): string {
  const m = /<([^<>]+)>\s*$/.exec(address);
  return (m ? m[1] : address).trim();
}

/** A text part's body and transfer encoding, as Django's SafeMIMEText chooses them. */
function encodeBody(text: string): { body: string; encoding: string } {
  const normalised = text.replace(/\r\n?/g, '\n');
  const long = normalised.split('\n').some((l) => Buffer.byteLength(l, 'utf8') > LONG_LINE);
  if (long) {
    const body = qp.wrap(qp.encode(Buffer.from(normalised, 'utf8')), 76).replace(/\r\n/g, '\n');
    return { body, encoding: 'quoted-printable' };
  }
  return { body: normalised, encoding: isAscii(normalised) ? '7bit' : '8bit' };
}

function partHeaders(subtype: 'plain' | 'html', encoding: string): string[] {
  return [`Content-Type: text/${subtype}; charset="utf-8"`, 'MIME-Version: 1.0', `Content-Transfer-Encoding: ${encoding}`];
}

function boundaryFor(bodies: string[]): string {
  for (;;) {
    const token = String(randomInt(2 ** 47)) + String(randomInt(10 ** 6)).padStart(6, '0');
    const boundary = `===============${token.padStart(19, '0').slice(-19)}==`;
    if (!bodies.some((b) => b.includes(boundary))) return boundary;
  }
}

/** Builds the message; the text part is the body, a non-empty `html` its alternative (or the sole body when text is empty). */
export function buildMimeMessage(message: OutgoingMessage, options: MimeOptions = {}): string {
  const envelope = [
    header('Subject', message.subject),
    header('From', formatAddress(message.from)),
    header('To', message.to.map(formatAddress).join(', ')),
    header('Date', formatDate(options.date ?? new Date())),
    header('Message-ID', options.messageId ?? makeMessageId()),
  ];
  const html = message.html ?? '';
  if (message.text && html) {
    const text = encodeBody(message.text);
    const alt = encodeBody(html);
    const boundary = options.boundary ?? boundaryFor([text.body, alt.body]);
    return [
      `Content-Type: multipart/alternative;\n boundary="${boundary}"`,
      'MIME-Version: 1.0',
      ...envelope,
      '',
      `--${boundary}`,
      ...partHeaders('plain', text.encoding),
      '',
      text.body,
      `--${boundary}`,
      ...partHeaders('html', alt.encoding),
      '',
      alt.body,
      `--${boundary}--`,
      '',
    ].join('\n');
  }
  const single = message.text || !html ? { subtype: 'plain' as const, ...encodeBody(message.text) } : { subtype: 'html' as const, ...encodeBody(html) };
  return [...partHeaders(single.subtype, single.encoding), ...envelope, '', single.body].join('\n');
}
