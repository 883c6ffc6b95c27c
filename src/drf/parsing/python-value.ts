/**
 * In-memory form of a parsed request body, typed the way Python sees it, so
 * later stages can reproduce DRF's type checks (`Expected a dictionary, but got
 * list.`) and its `str()` coercion of numbers (`1e20` -> `"1e+20"`).
 */

/** A JSON integer, kept as its decimal text (Python ints are unbounded). */
export class PyInt {
  constructor(readonly text: string) {}
}

/** A JSON number written with a fraction and/or exponent (a Python float). */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** A Python dict: made with `Object.create(null)`; a repeated key keeps the last value. */
export type PyDict = { [key: string]: PyValue };

export type PyValue = null | boolean | string | PyInt | PyFloat | PyValue[] | PyDict;

/**
 * A file part of a multipart body. DRF merges uploaded files into `request.data`, so a file
 * sent under a field's name reaches that field (CharField: "Not a valid string.").
 * Structurally it is a PyDict (keeping the PyValue union unchanged); tell it apart with
 * `instanceof PyUploadedFile` -- pyTypeName and isPyDict do.
 */
export class PyUploadedFile {
  [key: string]: PyValue;

  constructor(
    /** Sanitized file name (what `str(file)` gives). */
    readonly name: string,
    /** Django's class: InMemoryUploadedFile, or TemporaryUploadedFile for bodies over 2.5 MB. */
    readonly typeName: 'InMemoryUploadedFile' | 'TemporaryUploadedFile',
  ) {}
}

/** A fresh, prototype-less dict (so keys like `__proto__` are plain data). */
export function newPyDict(): PyDict {
  return Object.create(null) as PyDict;
}

export function isPyDict(v: PyValue): v is PyDict {
  return (
    v !== null &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    !(v instanceof PyInt) &&
    !(v instanceof PyFloat) &&
    !(v instanceof PyUploadedFile)
  );
}

/** Python's `type(v).__name__`. */
export function pyTypeName(v: PyValue): string {
  if (v === null) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'str';
  if (v instanceof PyInt) return 'int';
  if (v instanceof PyFloat) return 'float';
  if (v instanceof PyUploadedFile) return v.typeName;
  if (Array.isArray(v)) return 'list';
  return 'dict';
}

/** Python's `str()` of a number: `str(int)` or `repr(float)`. */
export function pyStr(v: PyInt | PyFloat): string {
  return v instanceof PyInt ? intText(v.text) : floatRepr(v.value);
}

/** Decimal text as `int(text)` prints it: no '+', no leading zeros, no '-0'. */
function intText(text: string): string {
  const m = /^([+-]?)0*(\d+)$/.exec(text.trim());
  if (!m) throw new Error(`not an integer literal: ${text}`);
  const digits = m[2];
  return m[1] === '-' && /[1-9]/.test(digits) ? `-${digits}` : digits;
}

/**
 * CPython's `float.__repr__` (format code 'r'): the shortest digits that round-trip
 * (ECMAScript's `toExponential()` picks the same digits), shown in positional
 * notation when the decimal exponent is in [-4, 16), else as `d.ddde+XX`.
 */
function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mantissa, expText] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const expAbs = String(Math.abs(exp)).padStart(2, '0');
    return `${sign}${digits[0]}${frac}e${exp < 0 ? '-' : '+'}${expAbs}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const fracPart = digits.slice(exp + 1) || '0';
  return `${sign}${intPart}.${fracPart}`;
}
