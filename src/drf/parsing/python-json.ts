/**
 * DRF 3.14 `JSONParser.parse` as it runs on CPython 3.11: the body is decoded by
 * `codecs.getreader(charset)`, then `json.load(..., parse_constant=strict_constant)`
 * scans it with the C scanner (Modules/_json.c). Error texts and positions are
 * reproduced exactly; positions count code points, as Python's str indices do.
 *
 * The scanner is iterative (no JS recursion), so any nesting depth is safe here.
 * Python itself gives up at a depth that depends on its stack: on the reference
 * server (gunicorn, Django 3.2) the 944th nested container raises RecursionError,
 * which DRF does not catch, so Django answers 500. That is reported as
 * PythonJsonRecursionError (not a PythonJsonError) at the same point of the scan.
 */
import { codePointsToString, decodesAsNodeUtf8, PyUnicodeDecodeError, requestCodec } from './python-codecs';
import { newPyDict, PyDict, PyFloat, PyInt, PyValue } from './python-value';

/** A ValueError DRF turns into `ParseError('JSON parse error - ' + message)`. */
export class PythonJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PythonJsonError';
  }
}

/** Python's RecursionError: DRF lets it escape, so the reference answers HTTP 500. */
export class PythonJsonRecursionError extends Error {
  constructor(readonly depth: number) {
    super('maximum recursion depth exceeded while decoding a JSON array from a unicode string');
    this.name = 'PythonJsonRecursionError';
  }
}

export interface PythonJsonOptions {
  /** Deepest nesting Python survives; the next container raises RecursionError. Default 943 (reference server). */
  maxDepth?: number;
}

/** Nesting the reference server accepts (measured: 943 nested `[` parse, 944 -> HTTP 500). */
export const REFERENCE_MAX_JSON_DEPTH = 943;

/** CPython 3.11's `sys.get_int_max_str_digits()` default. */
const INT_MAX_STR_DIGITS = 4300;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const SIMPLE_ESCAPES: { [c: number]: number } = {
  0x22: 0x22, // \"
  0x5c: 0x5c, // \\
  0x2f: 0x2f, // \/
  0x62: 0x08, // \b
  0x66: 0x0c, // \f
  0x6e: 0x0a, // \n
  0x72: 0x0d, // \r
  0x74: 0x09, // \t
};

type Frame = { list: PyValue[] } | { dict: PyDict; key: string };

/** Parses a request body exactly as DRF's JSONParser does (see module comment). */
export function parsePythonJson(bytes: Buffer, charset?: string, options: PythonJsonOptions = {}): PyValue {
  const codec = requestCodec(charset);
  const maxDepth = options.maxDepth ?? REFERENCE_MAX_JSON_DEPTH;
  if (decodesAsNodeUtf8(codec, bytes)) {
    const value = parseWithoutNumbers(bytes.toString('utf8'), maxDepth);
    if (value !== NOT_EXACT) return value;
  }
  return scanPythonJson(bytes, charset, options);
}

/** CPython's scanner itself (parsePythonJson takes it for every document its fast path leaves). */
export function scanPythonJson(bytes: Buffer, charset?: string, options: PythonJsonOptions = {}): PyValue {
  const codec = requestCodec(charset);
  const maxDepth = options.maxDepth ?? REFERENCE_MAX_JSON_DEPTH;
  let cps: number[];
  try {
    cps = codec.decodeStream(bytes);
  } catch (e) {
    if (e instanceof PyUnicodeDecodeError) throw new PythonJsonError(e.message);
    throw e;
  }
  return new Scanner(cps, maxDepth).document();
}

const NOT_EXACT = Symbol('not exact');

/**
 * The common case, fast: a document that JSON.parse accepts and that holds no number and
 * no deeper nesting than maxDepth is one CPython's scanner reads to the same value (same
 * grammar, whitespace, escapes, lone surrogates, and a repeated key keeps its first place and
 * last value). Numbers (ints kept as text, float repr) and every error take the scanner.
 */
function parseWithoutNumbers(text: string, maxDepth: number): PyValue | typeof NOT_EXACT {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return NOT_EXACT;
  }
  return toPyValue(parsed, 0, Math.min(maxDepth, FAST_PATH_MAX_DEPTH));
}

/** toPyValue recurses: deeper documents (rare, and bounded by the JS stack) take the iterative scanner. */
const FAST_PATH_MAX_DEPTH = 256;

function toPyValue(v: unknown, depth: number, maxDepth: number): PyValue | typeof NOT_EXACT {
  if (typeof v === 'string' || typeof v === 'boolean' || v === null) return v;
  if (typeof v !== 'object' || depth >= maxDepth) return NOT_EXACT; // a number, or nesting Python gives up on
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const item = toPyValue(v[i], depth + 1, maxDepth);
      if (item === NOT_EXACT) return NOT_EXACT;
      v[i] = item;
    }
    return v as PyValue[];
  }
  const dict = newPyDict(); // prototype-less, like every dict the scanner builds
  for (const key in v) {
    const item = toPyValue((v as Record<string, unknown>)[key], depth + 1, maxDepth);
    if (item === NOT_EXACT) return NOT_EXACT;
    dict[key] = item;
  }
  return dict;
}

/** Thrown inside the scanner where CPython raises StopIteration(idx): "Expecting value" at idx. */
class StopIteration {
  constructor(readonly idx: number) {}
}

class Scanner {
  private readonly n: number;
  private depth = 0;

  constructor(
    private readonly s: number[],
    private readonly maxDepth: number,
  ) {
    this.n = s.length;
  }

  /** `json.loads` + `JSONDecoder.decode`. */
  document(): PyValue {
    if (this.s[0] === 0xfeff) throw this.error('Unexpected UTF-8 BOM (decode using utf-8-sig)', 0);
    let value: PyValue;
    let end: number;
    try {
      [value, end] = this.scanValue(this.skipWs(0));
    } catch (e) {
      if (e instanceof StopIteration) throw this.error('Expecting value', e.idx);
      throw e;
    }
    end = this.skipWs(end);
    if (end !== this.n) throw this.error('Extra data', end);
    return value;
  }

  /** `JSONDecodeError(msg, doc, pos)`: only '\n' starts a line. */
  private error(msg: string, pos: number): PythonJsonError {
    let lineno = 1;
    let lastNewline = -1;
    for (let i = 0; i < pos; i++) {
      if (this.s[i] === 0x0a) {
        lineno++;
        lastNewline = i;
      }
    }
    return new PythonJsonError(`${msg}: line ${lineno} column ${pos - lastNewline} (char ${pos})`);
  }

  private skipWs(idx: number): number {
    const s = this.s;
    while (idx < this.n && (s[idx] === 0x20 || s[idx] === 0x09 || s[idx] === 0x0a || s[idx] === 0x0d)) idx++;
    return idx;
  }

  private enterContainer(): void {
    if (++this.depth > this.maxDepth) throw new PythonJsonRecursionError(this.depth);
  }

  /** `scan_once_unicode`, with `_parse_object`/`_parse_array` unrolled onto an explicit stack. */
  private scanValue(start: number): [PyValue, number] {
    const s = this.s;
    const stack: Frame[] = [];
    let idx = start;
    let value: PyValue;
    for (;;) {
      // --- one term starting at idx ---
      if (idx >= this.n) throw new StopIteration(idx);
      const c = s[idx];
      if (c === QUOTE) {
        [value, idx] = this.scanString(idx + 1);
      } else if (c === 0x7b /* { */) {
        this.enterContainer();
        idx = this.skipWs(idx + 1);
        if (idx < this.n && s[idx] === 0x7d /* } */) {
          value = newPyDict();
          idx++;
          this.depth--;
        } else {
          const frame = { dict: newPyDict(), key: '' };
          idx = this.scanKey(frame, idx);
          stack.push(frame);
          continue;
        }
      } else if (c === 0x5b /* [ */) {
        this.enterContainer();
        idx = this.skipWs(idx + 1);
        if (idx < this.n && s[idx] === 0x5d /* ] */) {
          value = [];
          idx++;
          this.depth--;
        } else {
          stack.push({ list: [] });
          continue;
        }
      } else {
        [value, idx] = this.scanScalar(idx);
      }

      // --- hand the finished term to the enclosing containers ---
      for (;;) {
        const top = stack[stack.length - 1];
        if (!top) return [value, idx];
        const close = 'list' in top ? 0x5d : 0x7d;
        if ('list' in top) top.list.push(value);
        else top.dict[top.key] = value;
        idx = this.skipWs(idx);
        if (idx < this.n && s[idx] === close) {
          value = 'list' in top ? top.list : top.dict;
          idx++;
          stack.pop();
          this.depth--;
          continue;
        }
        if (idx >= this.n || s[idx] !== 0x2c /* , */) throw this.error("Expecting ',' delimiter", idx);
        idx = this.skipWs(idx + 1);
        if ('dict' in top) idx = this.scanKey(top, idx);
        break;
      }
    }
  }

  /** Key, ':' and the whitespace before the value; returns the value's index. */
  private scanKey(frame: { key: string }, idx: number): number {
    if (idx >= this.n || this.s[idx] !== QUOTE) {
      throw this.error('Expecting property name enclosed in double quotes', idx);
    }
    [frame.key, idx] = this.scanString(idx + 1);
    idx = this.skipWs(idx);
    if (idx >= this.n || this.s[idx] !== 0x3a /* : */) throw this.error("Expecting ':' delimiter", idx);
    return this.skipWs(idx + 1);
  }

  private matches(idx: number, word: string): boolean {
    if (idx + word.length > this.n) return false;
    for (let i = 0; i < word.length; i++) if (this.s[idx + i] !== word.charCodeAt(i)) return false;
    return true;
  }

  /** null/true/false, the rejected constants, or a number (`_match_number_unicode`). */
  private scanScalar(idx: number): [PyValue, number] {
    if (this.matches(idx, 'null')) return [null, idx + 4];
    if (this.matches(idx, 'true')) return [true, idx + 4];
    if (this.matches(idx, 'false')) return [false, idx + 5];
    for (const constant of ['NaN', 'Infinity', '-Infinity']) {
      // DRF's parse_constant=strict_constant raises a plain ValueError (no position)
      if (this.matches(idx, constant)) {
        throw new PythonJsonError(`Out of range float values are not JSON compliant: '${constant}'`);
      }
    }
    return this.scanNumber(idx);
  }

  private scanNumber(start: number): [PyValue, number] {
    const s = this.s;
    const endIdx = this.n - 1;
    const isDigit = (i: number) => s[i] >= 0x30 && s[i] <= 0x39;
    let idx = start;
    if (s[idx] === 0x2d /* - */) {
      idx++;
      if (idx > endIdx) throw new StopIteration(start);
    }
    if (s[idx] >= 0x31 && s[idx] <= 0x39) {
      idx++;
      while (idx <= endIdx && isDigit(idx)) idx++;
    } else if (s[idx] === 0x30) {
      idx++;
    } else {
      throw new StopIteration(start);
    }
    let isFloat = false;
    if (idx < endIdx && s[idx] === 0x2e /* . */ && isDigit(idx + 1)) {
      isFloat = true;
      idx += 2;
      while (idx <= endIdx && isDigit(idx)) idx++;
    }
    if (idx < endIdx && (s[idx] === 0x65 || s[idx] === 0x45) /* e E */) {
      const eStart = idx;
      idx++;
      if (idx < endIdx && (s[idx] === 0x2d || s[idx] === 0x2b)) idx++;
      while (idx <= endIdx && isDigit(idx)) idx++;
      if (isDigit(idx - 1)) isFloat = true;
      else idx = eStart; // "1e", "1e+": the number ends before the 'e'
    }
    const text = codePointsToString(s, start, idx);
    if (isFloat) return [new PyFloat(Number(text)), idx];
    const digits = text.length - (text[0] === '-' ? 1 : 0);
    if (digits > INT_MAX_STR_DIGITS) {
      throw new PythonJsonError(
        `Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion: ` +
          `value has ${digits} digits; use sys.set_int_max_str_digits() to increase the limit`,
      );
    }
    return [new PyInt(text), idx];
  }

  /** `scanstring_unicode`: `end` is the index just after the opening quote. */
  private scanString(end: number): [string, number] {
    const s = this.s;
    const n = this.n;
    const begin = end - 1;
    let out = '';
    for (;;) {
      let next = end;
      for (; next < n; next++) {
        const d = s[next];
        if (d === QUOTE || d === BACKSLASH) break;
        if (d <= 0x1f) throw this.error('Invalid control character at', next);
      }
      if (next >= n) throw this.error('Unterminated string starting at', begin);
      if (next !== end) out += codePointsToString(s, end, next);
      const terminator = s[next];
      next++;
      if (terminator === QUOTE) return [out, next];
      if (next === n) throw this.error('Unterminated string starting at', begin);
      const escape = s[next];
      if (escape !== 0x75 /* u */) {
        end = next + 1;
        const mapped = SIMPLE_ESCAPES[escape];
        if (mapped === undefined) throw this.error('Invalid \\escape', end - 2);
        out += String.fromCharCode(mapped);
        continue;
      }
      next++;
      end = next + 4;
      if (end >= n) throw this.error('Invalid \\uXXXX escape', next - 1);
      let c = this.hex4(next, end);
      // a high surrogate directly followed by "\u" + low surrogate forms one code point
      if (c >= 0xd800 && c <= 0xdbff && end + 6 < n && s[end] === BACKSLASH && s[end + 1] === 0x75) {
        const c2 = this.hex4(end + 2, end + 6);
        if (c2 >= 0xdc00 && c2 <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (c2 - 0xdc00);
          end += 6;
        }
      }
      out += String.fromCodePoint(c);
    }
  }

  /** Four hex digits at [from, end); a bad digit reports `end - 5` (the 'u'), as CPython does. */
  private hex4(from: number, end: number): number {
    let c = 0;
    for (let i = from; i < end; i++) {
      const d = this.s[i];
      let v: number;
      if (d >= 0x30 && d <= 0x39) v = d - 0x30;
      else if (d >= 0x61 && d <= 0x66) v = d - 0x61 + 10;
      else if (d >= 0x41 && d <= 0x46) v = d - 0x41 + 10;
      else throw this.error('Invalid \\uXXXX escape', end - 5);
      c = (c << 4) | v;
    }
    return c;
  }
}
