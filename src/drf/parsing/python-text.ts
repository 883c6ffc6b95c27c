/**
 * Python `str` operations DRF/Django apply to field values, on JS strings.
 * A JS string is read as Python reads the same text: a valid surrogate pair is one
 * code point, a lone surrogate is one (surrogate) code point.
 */
import { PY_DIGIT_RANGES, PY_WHITESPACE } from './python-unicode-tables';

const WHITESPACE = new Set(PY_WHITESPACE); // all in the BMP, none a surrogate

/** Python `str.strip()`: Python's whitespace (not JS `trim()`'s: U+001C..U+001F and U+0085 yes, U+FEFF no). */
export function pyStrip(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && WHITESPACE.has(s.charCodeAt(start))) start++;
  while (end > start && WHITESPACE.has(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}

/** Python `len()`: code points. */
export function pyLen(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++, n++) {
    if (isHigh(s.charCodeAt(i)) && isLow(s.charCodeAt(i + 1))) i++;
  }
  return n;
}

/**
 * The first lone surrogate as DRF's ProhibitSurrogateCharactersValidator prints it
 * (`U+D800`, uppercase hex), or null when there is none.
 */
export function hasSurrogate(s: string): string | null {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isHigh(c) && isLow(s.charCodeAt(i + 1))) i++;
    else if (c >= 0xd800 && c <= 0xdfff) return `U+${c.toString(16).toUpperCase()}`;
  }
  return null;
}

/** Python `str.isdigit()`: non-empty and every code point is a Unicode digit (incl. '²', '①', '١'). */
export function isPyDigitString(s: string): boolean {
  if (s.length === 0) return false;
  for (const ch of s) {
    if (!isDigitCodePoint(ch.codePointAt(0) as number)) return false;
  }
  return true;
}

function isDigitCodePoint(cp: number): boolean {
  let lo = 0;
  let hi = PY_DIGIT_RANGES.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [from, to] = PY_DIGIT_RANGES[mid];
    if (cp < from) hi = mid - 1;
    else if (cp > to) lo = mid + 1;
    else return true;
  }
  return false;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
