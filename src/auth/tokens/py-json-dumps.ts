/**
 * `json.dumps(value, separators=(",", ":"))` as PyJWT calls it: compact, and with
 * Python's default `ensure_ascii=True` (every character outside ' '..'~' becomes a
 * lowercase `\uXXXX` escape, astral characters as surrogate pairs) and
 * `allow_nan=True` (`NaN`, `Infinity`, `-Infinity`).
 */
import { pyStr } from '../../drf/parsing/python-value';
import { claimKeys } from './claim-order';
import { ClaimValue, isClaimObject, PyFloat, PyInt } from './claim-value';

const SHORT_ESCAPES: { [c: number]: string } = {
  0x22: '\\"',
  0x5c: '\\\\',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
  0x08: '\\b',
  0x0c: '\\f',
};

/** `py_encode_basestring_ascii` */
export function pyJsonString(s: string): string {
  let out = '"';
  let runStart = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e && c !== 0x22 && c !== 0x5c) continue;
    out += s.slice(runStart, i) + (SHORT_ESCAPES[c] ?? `\\u${c.toString(16).padStart(4, '0')}`);
    runStart = i + 1;
  }
  return `${out}${s.slice(runStart)}"`;
}

/** `float.__repr__` as the JSON encoder writes it (non-finite values spelled as JavaScript does). */
function pyFloatJson(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return pyStr(new PyFloat(x));
}

function pyNumberJson(x: number): string {
  if (!Number.isInteger(x)) return pyFloatJson(x);
  // an integral number is a Python int: exact decimal digits, never exponent notation
  return Number.isSafeInteger(x) ? String(x === 0 ? 0 : x) : BigInt(x).toString();
}

export function pyJsonDumps(value: ClaimValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return pyJsonString(value);
    case 'number':
      return pyNumberJson(value);
    case 'bigint':
      return value.toString();
  }
  if (value instanceof PyFloat) return pyFloatJson(value.value);
  if (value instanceof PyInt) return pyStr(value);
  if (Array.isArray(value)) return `[${value.map(pyJsonDumps).join(',')}]`;
  if (isClaimObject(value)) {
    const parts: string[] = [];
    for (const key of claimKeys(value)) {
      parts.push(`${pyJsonString(key)}:${pyJsonDumps(value[key])}`);
    }
    return `{${parts.join(',')}}`;
  }
  throw new TypeError(`Object of type ${typeof value} is not JSON serializable`);
}
