/**
 * Python's `int(x)` applied to a claim value, as PyJWT does for `iat`, `nbf` and
 * `exp` (only `ValueError` is caught there; `TypeError`/`OverflowError` escape).
 */
import { ClaimValue, PyFloat, PyInt } from './claim-value';

export type PyIntResult = bigint | 'ValueError' | 'TypeError' | 'OverflowError';

/** Runs of Unicode decimal digits (`str.isdecimal()`, Unicode 14.0 as in CPython 3.11); each run starts at 0. */
const DECIMAL_RUNS: readonly (readonly [number, number])[] = [
  [0x30, 0x39], [0x660, 0x669], [0x6f0, 0x6f9], [0x7c0, 0x7c9], [0x966, 0x96f], [0x9e6, 0x9ef],
  [0xa66, 0xa6f], [0xae6, 0xaef], [0xb66, 0xb6f], [0xbe6, 0xbef], [0xc66, 0xc6f], [0xce6, 0xcef],
  [0xd66, 0xd6f], [0xde6, 0xdef], [0xe50, 0xe59], [0xed0, 0xed9], [0xf20, 0xf29], [0x1040, 0x1049],
  [0x1090, 0x1099], [0x17e0, 0x17e9], [0x1810, 0x1819], [0x1946, 0x194f], [0x19d0, 0x19d9], [0x1a80, 0x1a89],
  [0x1a90, 0x1a99], [0x1b50, 0x1b59], [0x1bb0, 0x1bb9], [0x1c40, 0x1c49], [0x1c50, 0x1c59], [0xa620, 0xa629],
  [0xa8d0, 0xa8d9], [0xa900, 0xa909], [0xa9d0, 0xa9d9], [0xa9f0, 0xa9f9], [0xaa50, 0xaa59], [0xabf0, 0xabf9],
  [0xff10, 0xff19], [0x104a0, 0x104a9], [0x10d30, 0x10d39], [0x11066, 0x1106f], [0x110f0, 0x110f9], [0x11136, 0x1113f],
  [0x111d0, 0x111d9], [0x112f0, 0x112f9], [0x11450, 0x11459], [0x114d0, 0x114d9], [0x11650, 0x11659], [0x116c0, 0x116c9],
  [0x11730, 0x11739], [0x118e0, 0x118e9], [0x11950, 0x11959], [0x11c50, 0x11c59], [0x11d50, 0x11d59], [0x11da0, 0x11da9],
  [0x16a60, 0x16a69], [0x16ac0, 0x16ac9], [0x16b50, 0x16b59], [0x1d7ce, 0x1d7ff], [0x1e140, 0x1e149], [0x1e2f0, 0x1e2f9],
  [0x1e950, 0x1e959], [0x1fbf0, 0x1fbf9],
];

/** Non-ASCII code points with `str.isspace()`; int() maps them to ' ' (ASCII \x1c-\x1f are NOT stripped). */
const NON_ASCII_SPACES = new Set([
  0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
  0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

const INT_MAX_STR_DIGITS = 4300;

function decimalValue(cp: number): number | null {
  for (const [from, to] of DECIMAL_RUNS) {
    if (cp >= from && cp <= to) return (cp - from) % 10;
  }
  return null;
}

/**
 * `int(s)` for a str (base 10): `_PyUnicode_TransformDecimalAndSpaceToASCII` then
 * `PyLong_FromString`: optional surrounding whitespace, optional sign, digits with
 * single underscores between them.
 */
export function pyIntFromString(s: string): bigint | 'ValueError' {
  let ascii = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 127) ascii += ch;
    else if (NON_ASCII_SPACES.has(cp)) ascii += ' ';
    else {
      const d = decimalValue(cp);
      if (d === null) return 'ValueError';
      ascii += String(d);
    }
  }
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d+(?:_\d+)*)[ \t\n\v\f\r]*$/.exec(ascii);
  if (!m) return 'ValueError';
  const digits = m[2].replace(/_/g, '');
  if (digits.length > INT_MAX_STR_DIGITS) return 'ValueError';
  const magnitude = BigInt(digits);
  return m[1] === '-' ? -magnitude : magnitude;
}

export function pyInt(v: ClaimValue): PyIntResult {
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'bigint') return v;
  if (typeof v === 'string') return pyIntFromString(v);
  if (typeof v === 'number' || v instanceof PyFloat) {
    const x = typeof v === 'number' ? v : v.value;
    if (Number.isNaN(x)) return 'ValueError';
    if (!Number.isFinite(x)) return 'OverflowError';
    return BigInt(Math.trunc(x));
  }
  if (v instanceof PyInt) return BigInt(v.text.trim());
  return 'TypeError'; // None, list, dict
}

/** A claim value as a number Python can compare with an int/float, or null when `<`/`>` raise TypeError. */
export function pyComparable(v: ClaimValue): number | bigint | null {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (v instanceof PyFloat) return v.value;
  if (v instanceof PyInt) return BigInt(v.text.trim());
  return null;
}
