import { pkInRange, type PkType } from '../model/user-model';
import { isPythonSpace, pythonDecimalValue } from './python-unicode';

// Djoser's uid: `urlsafe_base64_encode(force_bytes(pk))`, decoded with Django's lenient
// `urlsafe_base64_decode` and looked up with `User.objects.get(pk=<str>)`. Every failure of
// that chain (binascii/Unicode/ValueError, OverflowError, DoesNotExist) is the same
// "Invalid user id" answer, so decoding returns null for all of them.

/** Python 3.11 `sys.get_int_max_str_digits()`: longer decimal strings raise ValueError. */
const PYTHON_INT_MAX_STR_DIGITS = 4300;

export function encodeUid(pk: number | string): string {
  return Buffer.from(String(pk), 'utf8').toString('base64url');
}

/**
 * The integer pk a uid designates for Django, or null when Django would answer "invalid uid"
 * (also a bigint pk beyond JavaScript's safe integers: no such row is made by a sequence).
 */
export function decodeUidToPk(uid: string, pkType: PkType = 'integer'): number | null {
  const text = decodeUidText(uid);
  if (text === null) return null;
  const value = pythonInt(text);
  if (value === null || !pkInRange(pkType, value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}

/** Djoser's `decode_uid`: the uid's text (`force_str(urlsafe_base64_decode(uid))`), or null on its ValueErrors. */
export function decodeUidText(uid: string): string | null {
  const raw = pythonUrlsafeB64Decode(uid);
  if (raw === null) return null;
  try {
    // Python's strict UTF-8 codec; unlike TextDecoder's default it keeps a leading BOM.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(raw);
  } catch {
    return null;
  }
}

/**
 * Django's `urlsafe_base64_decode`: UTF-8 encode, append `len % 4` "=" (sic), then
 * `base64.urlsafe_b64decode`, i.e. binascii's non-strict decoder (3.11): characters outside
 * the alphabet are skipped, a complete pad sequence ends decoding, a dangling quad is an error.
 */
function pythonUrlsafeB64Decode(input: string): Buffer | null {
  if (/\p{Cs}/u.test(input)) return null; // lone surrogate: UnicodeEncodeError (a ValueError)
  const encoded = Buffer.from(input, 'utf8');
  const data = Buffer.concat([encoded, Buffer.alloc(encoded.length % 4, '=')]);
  const out: number[] = [];
  let quadPos = 0;
  let leftChar = 0;
  let pads = 0;
  for (const byte of data) {
    if (byte === 0x3d /* = */) {
      if (quadPos >= 2 && quadPos + ++pads >= 4) return Buffer.from(out);
      continue;
    }
    const sextet = base64Value(byte);
    if (sextet < 0) continue;
    pads = 0;
    switch (quadPos) {
      case 0:
        leftChar = sextet;
        break;
      case 1:
        out.push(((leftChar << 2) | (sextet >> 4)) & 0xff);
        leftChar = sextet & 0x0f;
        break;
      case 2:
        out.push(((leftChar << 4) | (sextet >> 2)) & 0xff);
        leftChar = sextet & 0x03;
        break;
      case 3:
        out.push(((leftChar << 6) | sextet) & 0xff);
        leftChar = 0;
        break;
    }
    quadPos = (quadPos + 1) % 4;
  }
  return quadPos === 0 ? Buffer.from(out) : null;
}

/** Standard and URL-safe alphabets both decode (urlsafe_b64decode only maps -_ to +/). */
function base64Value(byte: number): number {
  if (byte >= 0x41 && byte <= 0x5a) return byte - 0x41;
  if (byte >= 0x61 && byte <= 0x7a) return byte - 0x61 + 26;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30 + 52;
  if (byte === 0x2b || byte === 0x2d) return 62;
  if (byte === 0x2f || byte === 0x5f) return 63;
  return -1;
}

/**
 * Python `int(text)` (base 10): non-ASCII whitespace and decimal digits are first mapped to
 * ASCII, then optional ASCII whitespace, sign, digits with single underscores between them.
 */
export function pythonInt(text: string): bigint | null {
  let ascii = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) ascii += ch;
    else if (isPythonSpace(cp)) ascii += ' ';
    else {
      const digit = pythonDecimalValue(cp);
      if (digit < 0) return null;
      ascii += String(digit);
    }
  }
  const match = /^[ \t\n\v\f\r]*([+-]?)(\d(?:_?\d)*)[ \t\n\v\f\r]*$/.exec(ascii);
  if (!match) return null;
  const digits = match[2].replace(/_/g, '');
  if (digits.length > PYTHON_INT_MAX_STR_DIGITS) return null;
  const magnitude = BigInt(digits);
  return match[1] === '-' ? -magnitude : magnitude;
}
