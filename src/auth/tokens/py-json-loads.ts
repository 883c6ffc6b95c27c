/**
 * `json.loads(data: bytes)` on CPython 3.11 as PyJWT calls it for a JWT header and
 * payload: `detect_encoding` (UTF-8/16/32 by BOM or NUL pattern), decoding with
 * 'surrogatepass', then the C scanner with the default decoder (NaN/Infinity
 * allowed, ints unbounded but at most 4300 digits, floats may overflow to inf,
 * repeated keys keep the first position and the last value).
 *
 * Failures are ValueErrors (PyJWT turns them into DecodeError); only the reason
 * matters to callers, so no positions are tracked. Nesting deeper than Python's
 * stack allows raises PyRecursionError, which nothing in SimpleJWT catches.
 */
import { PyDictBuilder } from './claim-order';
import { ClaimValue, PyFloat } from './claim-value';

export class PyValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PyValueError';
  }
}

export class PyRecursionError extends Error {
  constructor() {
    super('maximum recursion depth exceeded while decoding a JSON document');
    this.name = 'PyRecursionError';
  }
}

/** CPython 3.11's `sys.get_int_max_str_digits()` default. */
const INT_MAX_STR_DIGITS = 4300;

export function pyJsonLoadsBytes(bytes: Uint8Array, maxDepth: number): ClaimValue {
  return new Scanner(decodeDetected(bytes), maxDepth).document();
}

// ---------------------------------------------------------------- byte decoding

function decodeDetected(b: Uint8Array): string {
  const startsWith = (...prefix: number[]) => prefix.every((x, i) => b[i] === x);
  if (startsWith(0x00, 0x00, 0xfe, 0xff)) return decodeUtf32(b.subarray(4), false);
  if (startsWith(0xff, 0xfe, 0x00, 0x00)) return decodeUtf32(b.subarray(4), true);
  if (startsWith(0xfe, 0xff)) return decodeUtf16(b.subarray(2), false);
  if (startsWith(0xff, 0xfe)) return decodeUtf16(b.subarray(2), true);
  if (startsWith(0xef, 0xbb, 0xbf)) return decodeUtf8(b.subarray(3));
  if (b.length >= 4) {
    if (!b[0]) return b[1] ? decodeUtf16(b, false) : decodeUtf32(b, false);
    if (!b[1]) return b[2] || b[3] ? decodeUtf16(b, true) : decodeUtf32(b, true);
  } else if (b.length === 2) {
    if (!b[0]) return decodeUtf16(b, false);
    if (!b[1]) return decodeUtf16(b, true);
  }
  return decodeUtf8(b);
}

/** UTF-16 with 'surrogatepass': every code unit is kept, lone surrogates included. */
function decodeUtf16(b: Uint8Array, littleEndian: boolean): string {
  if (b.length % 2) throw new PyValueError("'utf-16' codec can't decode: truncated data");
  let out = '';
  for (let i = 0; i < b.length; i += 2) {
    out += String.fromCharCode(littleEndian ? b[i] | (b[i + 1] << 8) : (b[i] << 8) | b[i + 1]);
  }
  return out;
}

/** UTF-32 with 'surrogatepass': surrogate code points pass, > U+10FFFF fails. */
function decodeUtf32(b: Uint8Array, littleEndian: boolean): string {
  if (b.length % 4) throw new PyValueError("'utf-32' codec can't decode: truncated data");
  let out = '';
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < b.length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    if (cp > 0x10ffff) throw new PyValueError("'utf-32' codec can't decode: code point not in range");
    out += String.fromCodePoint(cp);
  }
  return out;
}

/** Strict UTF-8, except that 'surrogatepass' accepts encoded surrogates (ED A0..BF xx). */
function decodeUtf8(b: Uint8Array): string {
  const units: number[] = [];
  const cont = (i: number) => i < b.length && (b[i] & 0xc0) === 0x80;
  const fail = () => new PyValueError("'utf-8' codec can't decode bytes");
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let cp: number;
    if (c < 0x80) {
      cp = c;
      i += 1;
    } else if (c >= 0xc2 && c <= 0xdf && cont(i + 1)) {
      cp = ((c & 0x1f) << 6) | (b[i + 1] & 0x3f);
      i += 2;
    } else if (c >= 0xe0 && c <= 0xef && cont(i + 1) && cont(i + 2)) {
      cp = ((c & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f);
      if (cp < 0x800) throw fail(); // overlong
      i += 3;
    } else if (c >= 0xf0 && c <= 0xf4 && cont(i + 1) && cont(i + 2) && cont(i + 3)) {
      cp = ((c & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12) | ((b[i + 2] & 0x3f) << 6) | (b[i + 3] & 0x3f);
      if (cp < 0x10000 || cp > 0x10ffff) throw fail();
      i += 4;
    } else {
      throw fail();
    }
    if (cp >= 0x10000) units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
    else units.push(cp);
  }
  let out = '';
  for (let k = 0; k < units.length; k += 8192) out += String.fromCharCode(...units.slice(k, k + 8192));
  return out;
}

// ---------------------------------------------------------------- scanner

const SIMPLE_ESCAPES: { [c: string]: string } = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

class Scanner {
  private depth = 0;

  constructor(
    private readonly s: string,
    private readonly maxDepth: number,
  ) {}

  document(): ClaimValue {
    const [value, end] = this.value(this.ws(0));
    if (this.ws(end) !== this.s.length) throw new PyValueError('Extra data');
    return value;
  }

  private ws(i: number): number {
    const s = this.s;
    while (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r') i++;
    return i;
  }

  private value(i: number): [ClaimValue, number] {
    const s = this.s;
    const c = s[i];
    if (c === '"') return this.string(i + 1);
    if (c === '{') return this.container(i, () => this.object(i + 1));
    if (c === '[') return this.container(i, () => this.array(i + 1));
    if (s.startsWith('null', i)) return [null, i + 4];
    if (s.startsWith('true', i)) return [true, i + 4];
    if (s.startsWith('false', i)) return [false, i + 5];
    if (s.startsWith('NaN', i)) return [new PyFloat(NaN), i + 3];
    if (s.startsWith('Infinity', i)) return [new PyFloat(Infinity), i + 8];
    if (s.startsWith('-Infinity', i)) return [new PyFloat(-Infinity), i + 9];
    return this.number(i);
  }

  private container(i: number, scan: () => [ClaimValue, number]): [ClaimValue, number] {
    if (++this.depth > this.maxDepth) throw new PyRecursionError();
    const result = scan();
    this.depth--;
    return result;
  }

  private object(i: number): [ClaimValue, number] {
    const s = this.s;
    const dict = new PyDictBuilder();
    i = this.ws(i);
    if (s[i] === '}') return [dict.build(), i + 1];
    for (;;) {
      if (s[i] !== '"') throw new PyValueError('Expecting property name enclosed in double quotes');
      const [key, afterKey] = this.string(i + 1);
      i = this.ws(afterKey);
      if (s[i] !== ':') throw new PyValueError("Expecting ':' delimiter");
      const [value, afterValue] = this.value(this.ws(i + 1));
      dict.set(key, value);
      i = this.ws(afterValue);
      if (s[i] === '}') return [dict.build(), i + 1];
      if (s[i] !== ',') throw new PyValueError("Expecting ',' delimiter");
      i = this.ws(i + 1);
    }
  }

  private array(i: number): [ClaimValue, number] {
    const s = this.s;
    const list: ClaimValue[] = [];
    i = this.ws(i);
    if (s[i] === ']') return [list, i + 1];
    for (;;) {
      const [value, afterValue] = this.value(i);
      list.push(value);
      i = this.ws(afterValue);
      if (s[i] === ']') return [list, i + 1];
      if (s[i] !== ',') throw new PyValueError("Expecting ',' delimiter");
      i = this.ws(i + 1);
    }
  }

  /** `_match_number_unicode`: ASCII digits only; "1." and "1e" end the number early. */
  private number(start: number): [ClaimValue, number] {
    const s = this.s;
    let i = start;
    if (s[i] === '-') i++;
    if (s[i] >= '1' && s[i] <= '9') {
      while (isDigit(s[++i]));
    } else if (s[i] === '0') {
      i++;
    } else {
      throw new PyValueError('Expecting value');
    }
    let isFloat = false;
    if (s[i] === '.' && isDigit(s[i + 1])) {
      isFloat = true;
      i += 2;
      while (isDigit(s[i])) i++;
    }
    if (s[i] === 'e' || s[i] === 'E') {
      let j = i + 1;
      if (s[j] === '-' || s[j] === '+') j++;
      if (isDigit(s[j])) {
        while (isDigit(s[++j]));
        isFloat = true;
        i = j;
      }
    }
    const text = s.slice(start, i);
    if (isFloat) return [new PyFloat(Number(text)), i];
    if (text.length - (text[0] === '-' ? 1 : 0) > INT_MAX_STR_DIGITS) {
      throw new PyValueError('Exceeds the limit (4300 digits) for integer string conversion');
    }
    const n = Number(text);
    return [Number.isSafeInteger(n) ? (n === 0 ? 0 : n) : BigInt(text), i];
  }

  /** `scanstring_unicode`, from just after the opening quote. */
  private string(i: number): [string, number] {
    const s = this.s;
    let out = '';
    let runStart = i;
    for (;;) {
      const c = s[i];
      if (c === undefined) throw new PyValueError('Unterminated string');
      if (c === '"') return [out + s.slice(runStart, i), i + 1];
      if (c < ' ') throw new PyValueError('Invalid control character');
      if (c !== '\\') {
        i++;
        continue;
      }
      out += s.slice(runStart, i);
      const e = s[i + 1];
      if (e === undefined) throw new PyValueError('Unterminated string');
      if (e !== 'u') {
        const mapped = SIMPLE_ESCAPES[e];
        if (mapped === undefined) throw new PyValueError('Invalid \\escape');
        out += mapped;
        i += 2;
      } else {
        let cp = this.hex4(i + 2);
        i += 6;
        // a high surrogate directly followed by an escaped low surrogate is one code point
        if (cp >= 0xd800 && cp <= 0xdbff && s[i] === '\\' && s[i + 1] === 'u') {
          const low = this.hex4(i + 2);
          if (low >= 0xdc00 && low <= 0xdfff) {
            cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
            i += 6;
          }
        }
        out += String.fromCodePoint(cp);
      }
      runStart = i;
    }
  }

  private hex4(i: number): number {
    const digits = this.s.slice(i, i + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(digits)) throw new PyValueError('Invalid \\uXXXX escape');
    return parseInt(digits, 16);
  }
}
