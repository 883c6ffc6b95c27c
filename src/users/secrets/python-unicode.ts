// Python 3.11 (Unicode 14.0) character classes that Django's behaviour depends on:
// `int()` accepts any Unicode decimal digit and strips `str.isspace()` characters,
// `str.strip()` uses the same whitespace set, and `str.isdigit()` is wider than decimals
// (superscripts, circled digits...). Tables were dumped from /usr/bin/python3 with
// `chr(c).isdecimal()`, `unicodedata.decimal()`, `chr(c).isdigit()` and `chr(c).isspace()`
// so they follow Python's Unicode version, not the (newer) one of V8.

/** Code points of the digit zero of each decimal run (each run is exactly 10 code points). */
const DECIMAL_ZEROS: readonly number[] = [
  0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6,
  0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50,
  0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0,
  0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0,
  0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50, 0x1d7ce,
  0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/** `isdigit()` characters that are not decimals, as inclusive ranges. */
const NON_DECIMAL_DIGITS: readonly (readonly [number, number])[] = [
  [0xb2, 0xb3], [0xb9, 0xb9], [0x1369, 0x1371], [0x19da, 0x19da], [0x2070, 0x2070],
  [0x2074, 0x2079], [0x2080, 0x2089], [0x2460, 0x2468], [0x2474, 0x247c], [0x2488, 0x2490],
  [0x24ea, 0x24ea], [0x24f5, 0x24fd], [0x24ff, 0x24ff], [0x2776, 0x277e], [0x2780, 0x2788],
  [0x278a, 0x2792], [0x10a40, 0x10a43], [0x10e60, 0x10e68], [0x11052, 0x1105a], [0x1f100, 0x1f10a],
];

const SPACES: ReadonlySet<number> = new Set([
  0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001,
  0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f,
  0x205f, 0x3000,
]);

/** Python `chr(cp).isspace()`. */
export function isPythonSpace(cp: number): boolean {
  return SPACES.has(cp);
}

/** Python `unicodedata.decimal(chr(cp), -1)`: 0–9 for decimal digits, -1 otherwise. */
export function pythonDecimalValue(cp: number): number {
  for (const zero of DECIMAL_ZEROS) {
    if (cp >= zero && cp < zero + 10) return cp - zero;
  }
  return -1;
}

/** Python `str.isdigit()`: non-empty and every character is a digit. */
export function pythonIsDigit(text: string): boolean {
  const chars = Array.from(text);
  return (
    chars.length > 0 &&
    chars.every((ch) => {
      const cp = ch.codePointAt(0)!;
      return pythonDecimalValue(cp) >= 0 || NON_DECIMAL_DIGITS.some(([a, b]) => cp >= a && cp <= b);
    })
  );
}

/** Python `str.strip()` with no argument. */
export function pythonStrip(text: string): string {
  const chars = Array.from(text);
  let start = 0;
  let end = chars.length;
  while (start < end && isPythonSpace(chars[start].codePointAt(0)!)) start++;
  while (end > start && isPythonSpace(chars[end - 1].codePointAt(0)!)) end--;
  return chars.slice(start, end).join('');
}
