import { isUtf8 } from 'node:buffer';

/**
 * The few CPython text codecs a request body can name, with CPython's exact
 * decoding rules and error texts (they reach clients inside DRF's
 * `JSON parse error - 'utf-8' codec can't decode byte 0xff in position 14: invalid start byte`).
 *
 * Exact: utf-8 (and aliases), utf-8-sig, ascii, latin-1, cp1252.
 * Any other label that Node's TextDecoder knows (koi8-r, shift_jis, utf-16...) is decoded with it
 * (error texts approximate; a label only WHATWG knows would be accepted although Python is not);
 * a label neither knows is unknown, and Django then uses DEFAULT_CHARSET (utf-8).
 */

import { TextDecoder } from 'util';

export type DecodeErrors = 'strict' | 'replace';

/** Python's `UnicodeDecodeError`; `message` is `str(exc)`. */
export class PyUnicodeDecodeError extends Error {
  constructor(
    readonly codec: string,
    readonly bytes: Uint8Array,
    readonly start: number,
    readonly end: number,
    readonly reason: string,
  ) {
    super(
      end - start === 1
        ? `'${codec}' codec can't decode byte 0x${hex2(bytes[start])} in position ${start}: ${reason}`
        : `'${codec}' codec can't decode bytes in position ${start}-${end - 1}: ${reason}`,
    );
    this.name = 'PyUnicodeDecodeError';
  }
}

export interface PyCodec {
  /** `codecs.lookup(label).name` */
  readonly name: string;
  /** `bytes.decode(codec, errors)`: the whole input, as code points. */
  decode(bytes: Uint8Array, errors: DecodeErrors): number[];
  /**
   * `codecs.getreader(codec)(stream).read()` as DRF's JSONParser uses it: strict, and an
   * incomplete multi-byte sequence at the very end is silently left unread.
   */
  decodeStream(bytes: Uint8Array): number[];
}

const REPLACEMENT = 0xfffd;

function hex2(b: number): string {
  return b.toString(16).padStart(2, '0');
}

/** CPython's UTF-8 decoder (Objects/stringlib/codecs.h + unicode_decode_utf8). */
function decodeUtf8(bytes: Uint8Array, errors: DecodeErrors, final: boolean, offset = 0): number[] {
  const out: number[] = [];
  const n = bytes.length;
  const isCont = (b: number) => b >= 0x80 && b < 0xc0;
  let i = offset;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      out.push(b);
      i++;
      continue;
    }
    // kind: 0 = truncated at end of input, 1 = invalid start byte, k >= 2 = bad continuation after k-1 bytes
    let kind: number;
    const left = n - i;
    if (b < 0xe0) {
      if (b < 0xc2) kind = 1;
      else if (left < 2) kind = 0;
      else if (!isCont(bytes[i + 1])) kind = 2;
      else {
        out.push(((b & 0x1f) << 6) | (bytes[i + 1] & 0x3f));
        i += 2;
        continue;
      }
    } else if (b < 0xf0) {
      const b2 = bytes[i + 1];
      const badSecond = (x: number) => !isCont(x) || (x < 0xa0 ? b === 0xe0 : b === 0xed);
      if (left < 3) kind = left >= 2 && badSecond(b2) ? 2 : 0;
      else if (badSecond(b2)) kind = 2;
      else if (!isCont(bytes[i + 2])) kind = 3;
      else {
        out.push(((b & 0x0f) << 12) | ((b2 & 0x3f) << 6) | (bytes[i + 2] & 0x3f));
        i += 3;
        continue;
      }
    } else if (b < 0xf5) {
      const b2 = bytes[i + 1];
      const badSecond = (x: number) => !isCont(x) || (x < 0x90 ? b === 0xf0 : b === 0xf4);
      if (left < 4) {
        if (left >= 2 && badSecond(b2)) kind = 2;
        else if (left >= 3 && !isCont(bytes[i + 2])) kind = 3;
        else kind = 0;
      } else if (badSecond(b2)) kind = 2;
      else if (!isCont(bytes[i + 2])) kind = 3;
      else if (!isCont(bytes[i + 3])) kind = 4;
      else {
        out.push(((b & 0x07) << 18) | ((b2 & 0x3f) << 12) | ((bytes[i + 2] & 0x3f) << 6) | (bytes[i + 3] & 0x3f));
        i += 4;
        continue;
      }
    } else kind = 1;

    let end: number;
    let reason: string;
    if (kind === 0) {
      if (!final) break; // the stream reader keeps these bytes for a read that never comes
      end = n;
      reason = 'unexpected end of data';
    } else if (kind === 1) {
      end = i + 1;
      reason = 'invalid start byte';
    } else {
      // a truncated surrogate (ED A0..BF) at the end of a non-final chunk also counts as "incomplete"
      if (!final && kind === 2 && b === 0xed && left === 2 && bytes[i + 1] >= 0xa0 && bytes[i + 1] <= 0xbf) break;
      end = i + kind - 1;
      reason = 'invalid continuation byte';
    }
    if (errors === 'strict') throw new PyUnicodeDecodeError('utf-8', bytes.subarray(offset), i - offset, end - offset, reason);
    out.push(REPLACEMENT);
    i = end;
  }
  return out;
}

const BOM_UTF8 = [0xef, 0xbb, 0xbf];

function startsWithBom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

const utf8: PyCodec = {
  name: 'utf-8',
  decode: (bytes, errors) => decodeUtf8(bytes, errors, true),
  decodeStream: (bytes) => decodeUtf8(bytes, 'strict', false),
};

const utf8Sig: PyCodec = {
  name: 'utf-8-sig',
  decode: (bytes, errors) => decodeUtf8(bytes, errors, true, startsWithBom(bytes) ? 3 : 0),
  decodeStream: (bytes) => {
    // fewer than 3 bytes that could still be a BOM: the reader waits for more and gets nothing
    if (bytes.length < 3 && BOM_UTF8.slice(0, bytes.length).every((b, i) => bytes[i] === b)) return [];
    return decodeUtf8(bytes, 'strict', false, startsWithBom(bytes) ? 3 : 0);
  },
};

/** A single-byte codec; `table[b]` is the code point or -1 where CPython reports an error. */
function singleByteCodec(name: string, errorCodec: string, reason: string, table: (b: number) => number): PyCodec {
  const decode = (bytes: Uint8Array, errors: DecodeErrors): number[] => {
    const out = new Array<number>(bytes.length);
    for (let i = 0; i < bytes.length; i++) {
      const cp = table(bytes[i]);
      if (cp < 0) {
        if (errors === 'strict') throw new PyUnicodeDecodeError(errorCodec, bytes, i, i + 1, reason);
        out[i] = REPLACEMENT;
      } else out[i] = cp;
    }
    return out;
  };
  return { name, decode, decodeStream: (bytes) => decode(bytes, 'strict') };
}

const ascii = singleByteCodec('ascii', 'ascii', 'ordinal not in range(128)', (b) => (b < 0x80 ? b : -1));
const latin1 = singleByteCodec('iso8859-1', 'latin-1', '', (b) => b);

// cp1252 0x80..0x9F (-1 = undefined in CPython's table); every other byte maps to itself
const CP1252_HIGH = [
  0x20ac, -1, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, -1, 0x017d, -1,
  -1, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, -1, 0x017e, 0x0178,
];
const cp1252 = singleByteCodec('cp1252', 'charmap', 'character maps to <undefined>', (b) =>
  b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b,
);

/** The `encodings` modules implemented exactly above. */
const MODULES: { [module: string]: PyCodec } = {
  utf_8: utf8,
  utf_8_sig: utf8Sig,
  ascii: ascii,
  latin_1: latin1,
  cp1252: cp1252,
};

/** `encodings.aliases.aliases` entries that point at those modules. */
const ALIASES: { [alias: string]: string } = {
  utf8: 'utf_8',
  u8: 'utf_8',
  utf: 'utf_8',
  utf8_ucs2: 'utf_8',
  utf8_ucs4: 'utf_8',
  cp65001: 'utf_8',
  '646': 'ascii',
  'ansi_x3.4_1968': 'ascii',
  'ansi_x3.4_1986': 'ascii',
  ansi_x3_4_1968: 'ascii',
  cp367: 'ascii',
  csascii: 'ascii',
  ibm367: 'ascii',
  iso646_us: 'ascii',
  'iso_646.irv_1991': 'ascii',
  iso_ir_6: 'ascii',
  us: 'ascii',
  us_ascii: 'ascii',
  '8859': 'latin_1',
  cp819: 'latin_1',
  csisolatin1: 'latin_1',
  ibm819: 'latin_1',
  iso8859: 'latin_1',
  iso8859_1: 'latin_1',
  iso_8859_1: 'latin_1',
  iso_8859_1_1987: 'latin_1',
  iso_ir_100: 'latin_1',
  l1: 'latin_1',
  latin: 'latin_1',
  latin1: 'latin_1',
  '1252': 'cp1252',
  windows_1252: 'cp1252',
};

/** `encodings.normalize_encoding` after lower-casing: punctuation runs become one '_'. */
function normalizeEncoding(label: string): string {
  let out = '';
  let punct = false;
  for (const c of label.toLowerCase()) {
    if (/^[\p{L}\p{N}.]$/u.test(c)) {
      if (punct && out) out += '_';
      if (c.charCodeAt(0) < 0x80) out += c;
      punct = false;
    } else punct = true;
  }
  return out;
}

function textDecoderCodec(label: string): PyCodec | null {
  let probe: TextDecoder;
  try {
    probe = new TextDecoder(label);
  } catch {
    return null;
  }
  const name = probe.encoding;
  // every utf-8 spelling Python knows is in ALIASES: any other one is unknown to Python
  if (name === 'utf-8') return null;
  const run = (bytes: Uint8Array, errors: DecodeErrors): number[] => {
    let text: string;
    try {
      text = new TextDecoder(name, { fatal: errors === 'strict', ignoreBOM: false }).decode(bytes);
    } catch {
      // TextDecoder does not say where; report the whole input (approximation)
      throw new PyUnicodeDecodeError(name, bytes, 0, Math.max(bytes.length, 2), 'invalid data');
    }
    return Array.from(text, (c) => c.codePointAt(0) as number);
  };
  return { name, decode: run, decodeStream: (bytes) => run(bytes, 'strict') };
}

/** `codecs.lookup(label)`, or null when the label names no codec. */
export function lookupPyCodec(label: string): PyCodec | null {
  // encodings.search_function: alias (also tried with '.' -> '_'), else the name is the module
  const norm = normalizeEncoding(label);
  const module = ALIASES[norm] ?? ALIASES[norm.replace(/\./g, '_')] ?? norm;
  if (MODULES[module]) return MODULES[module];
  if (!norm || module.includes('.')) return null;
  return textDecoderCodec(label.trim());
}

/** Whether bytes decode with `codec` exactly as `Buffer#toString('utf8')` decodes them: Python's strict utf-8 on valid UTF-8. */
export function decodesAsNodeUtf8(codec: PyCodec, bytes: Uint8Array): boolean {
  return codec === utf8 && isUtf8(bytes);
}

/** Django's `HttpRequest.encoding` rule: the charset parameter if Python knows it, else utf-8. */
export function requestCodec(charset?: string | null): PyCodec {
  return (charset != null && lookupPyCodec(charset)) || utf8;
}

/** Code points (lone surrogates allowed) to a JS string. */
export function codePointsToString(cps: ArrayLike<number>, start = 0, end = cps.length): string {
  let out = '';
  const CHUNK = 8192; // stay well below the engine's argument-count limit
  for (let i = start; i < end; i += CHUNK) {
    out += String.fromCodePoint(...Array.prototype.slice.call(cps, i, Math.min(end, i + CHUNK)));
  }
  return out;
}

/** `bytes.decode(charset, errors)` straight to a JS string. */
export function decodeToString(bytes: Uint8Array, codec: PyCodec, errors: DecodeErrors): string {
  return codePointsToString(codec.decode(bytes, errors));
}
