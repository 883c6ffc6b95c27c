/**
 * The two header-parameter parsers a multipart request goes through:
 * `cgi.parse_header` (Django's HttpRequest, for the charset) and
 * `django.http.multipartparser.parse_header` (boundary and part headers, on bytes).
 * Bytes are carried as latin-1 strings: one char per byte.
 */
import { DjangoServerError } from './django-errors';
import { decodeToString, lookupPyCodec, PyUnicodeDecodeError, requestCodec } from './python-codecs';
import { pyUnquote } from './python-urllib';

/** Python `ValueError` while parsing a header line (the caller skips the line). */
export class HeaderValueError extends Error {}

/** A multipart header parameter: raw bytes, or text when it came RFC 2231-encoded (`name*=utf-8''...`). */
export type HeaderParam = { bytes: string } | { text: string };

const ASCII_WS = ' \t\n\r\x0b\x0c';

/** `bytes.strip()` */
export function stripBytes(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && ASCII_WS.includes(s[a])) a++;
  while (b > a && ASCII_WS.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

/** `bytes.lower()`: ASCII letters only. */
function lowerBytes(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** `bytes.decode('ascii')` */
function asciiOnly(s: string): string {
  if (/[^\x00-\x7f]/.test(s)) throw new HeaderValueError('non-ASCII');
  return s;
}

/** `cgi.parse_header(line)` -> [main value, params] (params lower-cased, quotes removed). */
export function cgiParseHeader(line: string): [string, Map<string, string>] {
  const parts: string[] = [];
  let s = ';' + line;
  while (s[0] === ';') {
    s = s.slice(1);
    let end = s.indexOf(';');
    const quotesBefore = (e: number) => count(s.slice(0, e), '"') - count(s.slice(0, e), '\\"');
    while (end > 0 && quotesBefore(end) % 2) end = s.indexOf(';', end + 1);
    if (end < 0) end = s.length;
    parts.push(s.slice(0, end).trim());
    s = s.slice(end);
  }
  const params = new Map<string, string>();
  for (const p of parts.slice(1)) {
    const i = p.indexOf('=');
    if (i < 0) continue;
    let value = p.slice(i + 1).trim();
    if (value.length >= 2 && value[0] === '"' && value[value.length - 1] === '"') {
      value = value.slice(1, -1).replace(/\\\\/g, '\\').replace(/\\"/g, '"');
    }
    params.set(p.slice(0, i).trim().toLowerCase(), value);
  }
  return [parts[0], params];
}

function count(s: string, sub: string): number {
  return s.split(sub).length - 1;
}

/** Django's `_parse_header_params(b';' + line)` */
function splitParams(line: string): string[] {
  const plist: string[] = [];
  let s = ';' + line;
  while (s[0] === ';') {
    s = s.slice(1);
    let end = s.indexOf(';');
    while (end > 0 && count(s.slice(0, end), '"') % 2) end = s.indexOf(';', end + 1);
    if (end < 0) end = s.length;
    plist.push(stripBytes(s.slice(0, end)));
    s = s.slice(end);
  }
  return plist;
}

/**
 * `django.http.multipartparser.parse_header(line)` on a latin-1 byte string.
 * Throws HeaderValueError where Python raises ValueError, DjangoServerError for an unknown
 * RFC 2231 charset (LookupError, which nothing catches).
 */
export function multipartParseHeader(line: string): [string, Map<string, HeaderParam>] {
  const plist = splitParams(line);
  const key = asciiOnly(lowerBytes(plist[0]));
  const params = new Map<string, HeaderParam>();
  for (const p of plist.slice(1)) {
    const i = p.indexOf('=');
    if (i < 0) continue;
    let name = asciiOnly(lowerBytes(stripBytes(p.slice(0, i))));
    let hasEncoding = false;
    if (name.endsWith('*')) {
      name = name.slice(0, -1);
      hasEncoding = count(p, "'") === 2;
    }
    let value = stripBytes(p.slice(i + 1));
    if (value.length >= 2 && value[0] === '"' && value[value.length - 1] === '"') {
      value = value.slice(1, -1).replace(/\\\\/g, '\\').replace(/\\"/g, '"');
    }
    params.set(name, hasEncoding ? { text: decodeRfc2231(value) } : { bytes: value });
  }
  return [key, params];
}

/** `encoding, lang, value = value.split(b"'"); unquote(value.decode(), encoding=encoding.decode())` */
function decodeRfc2231(raw: string): string {
  const pieces = raw.split("'");
  if (pieces.length !== 3) throw new HeaderValueError('not enough values to unpack');
  const [encodingName, , value] = pieces.map(utf8Strict);
  if (!value.includes('%')) return value;
  const codec = lookupPyCodec(encodingName);
  if (!codec) throw new DjangoServerError('LookupError', `unknown encoding: ${encodingName}`);
  return pyUnquote(value, codec);
}

function utf8Strict(latin1: string): string {
  try {
    return decodeToString(Buffer.from(latin1, 'latin1'), requestCodec('utf-8'), 'strict');
  } catch (e) {
    if (e instanceof PyUnicodeDecodeError) throw new HeaderValueError(e.message);
    throw e;
  }
}
