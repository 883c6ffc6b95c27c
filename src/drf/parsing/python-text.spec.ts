import { readFileSync } from 'fs';
import { join } from 'path';
import { hasSurrogate, isPyDigitString, pyLen, pyStrip } from './python-text';

// read at run time (importing the JSON would make tsc parse it; the JSON vectors nest 500 deep)
const vectors = JSON.parse(readFileSync(join(__dirname, 'python-text.vectors.json'), 'utf8')) as {
  whitespace: number[];
  digitRanges: [number, number][];
  strip: [string, string][];
  isdigit: [string, boolean][];
  len: [string, number][];
  surrogate: [string, string | null][];
};

// Vectors: tools/gen-python-text-vectors.py (CPython 3.11.2 str methods, DRF's surrogate message).

describe('pyStrip', () => {
  it.each(vectors.strip)('strip(%j) === %j', (input, expected) => {
    expect(pyStrip(input)).toBe(expected);
  });

  it('strips exactly the code points Python calls whitespace (all of U+0000..U+10FFFF)', () => {
    const ws = new Set(vectors.whitespace);
    const wrong: number[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      const ch = String.fromCodePoint(cp);
      if (pyStrip(ch) !== (ws.has(cp) ? '' : ch)) wrong.push(cp);
    }
    expect(wrong).toEqual([]);
  });

  it('differs from JS trim() where Python does (spec §1.4 passwords are stripped this way)', () => {
    expect(pyStrip('\u001fpw\u0085')).toBe('pw');
    expect('\u001fpw\u0085'.trim()).not.toBe('pw');
    expect(pyStrip('\ufeffpw')).toBe('\ufeffpw');
  });
});

describe('isPyDigitString', () => {
  it.each(vectors.isdigit)('%j.isdigit() === %j', (input, expected) => {
    expect(isPyDigitString(input as string)).toBe(expected);
  });

  it('agrees with Python on every code point', () => {
    const digit = (cp: number) => vectors.digitRanges.some(([a, b]) => cp >= a && cp <= b);
    const wrong: number[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue; // not digits either way; skip lone-unit strings
      if (isPyDigitString(String.fromCodePoint(cp)) !== digit(cp)) wrong.push(cp);
    }
    expect(wrong).toEqual([]);
  });
});

describe('pyLen', () => {
  it.each(vectors.len)('len(%j) === %j', (input, expected) => {
    expect(pyLen(input as string)).toBe(expected);
  });
});

describe('hasSurrogate', () => {
  it.each(vectors.surrogate)('first surrogate of %j is %j', (input, expected) => {
    expect(hasSurrogate(input as string)).toBe(expected);
  });
});
