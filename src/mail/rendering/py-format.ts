/**
 * Python's `str.format(**context)`, which Djoser uses to build the link path from
 * `ACTIVATION_URL` & co. (`"#/activate/{uid}/{token}".format(**context)`), so that
 * a URL setting copied from a Django project gives the same link here:
 * `{name}`, `{user.username}`, `{name[0]}`, `{{`/`}}`, `!s`/`!r`/`!a` and the
 * string/int format specs (fill, align, sign, zero, width, precision).
 * Whatever Python would refuse raises a `PyFormatError` carrying Python's message.
 */
export class PyFormatError extends Error {}

/** An object with attributes (Django's `User`): `str()` and `repr()` as Python prints them. */
export interface PyObject {
  readonly pyType: string;
  readonly attrs: Record<string, PyValue>;
  readonly str: string;
  readonly repr: string;
}

export type PyValue = string | number | boolean | PyObject;

function isObject(v: PyValue): v is PyObject {
  return typeof v === 'object';
}

function pyStr(v: PyValue): string {
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (isObject(v)) return v.str;
  return String(v);
}

function pyRepr(v: PyValue, asciiOnly: boolean): string {
  if (typeof v !== 'string') return isObject(v) ? v.repr : pyStr(v);
  const quote = v.includes("'") && !v.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of v) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\' || ch === quote) out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f || (asciiOnly && cp > 0x7e) || (cp >= 0x80 && cp < 0xa0))
      out += cp <= 0xff ? `\\x${hex(cp, 2)}` : cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
    else out += ch;
  }
  return out + quote;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function typeName(v: PyValue): string {
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'int';
  return v.pyType;
}

/** Resolves `user.username`, `uid[0]`... the way `string.Formatter.get_field` does. */
function resolveField(fieldName: string, context: Record<string, PyValue>): PyValue {
  const first = /^[^.[]*/.exec(fieldName)![0];
  if (first === '' || /^\d+$/.test(first)) throw new PyFormatError(`IndexError: Replacement index ${first || 0} out of range for positional args tuple`);
  if (!Object.prototype.hasOwnProperty.call(context, first)) throw new PyFormatError(`KeyError: '${first}'`);
  let value = context[first];
  let rest = fieldName.slice(first.length);
  while (rest) {
    let m: RegExpExecArray | null;
    if ((m = /^\.([^.[]*)/.exec(rest))) {
      const attr = m[1];
      if (!attr) throw new PyFormatError('ValueError: Empty attribute in format string');
      if (!isObject(value) || !Object.prototype.hasOwnProperty.call(value.attrs, attr))
        throw new PyFormatError(`AttributeError: '${typeName(value)}' object has no attribute '${attr}'`);
      value = value.attrs[attr];
    } else if ((m = /^\[([^\]]*)\]/.exec(rest))) {
      const key = m[1];
      if (!key) throw new PyFormatError('ValueError: Empty attribute in format string');
      if (typeof value !== 'string') throw new PyFormatError(`TypeError: '${typeName(value)}' object is not subscriptable`);
      if (!/^\d+$/.test(key)) throw new PyFormatError("TypeError: string indices must be integers, not 'str'");
      const chars = [...value];
      const i = Number(key);
      if (i >= chars.length) throw new PyFormatError('IndexError: string index out of range');
      value = chars[i];
    } else {
      throw new PyFormatError("ValueError: Only '.' or '[' may follow ']' in format field specifier");
    }
    rest = rest.slice(m[0].length);
  }
  return value;
}

const SPEC = /^(?:(.)?([<>=^]))?([+\- ])?(0)?(\d+)?(?:\.(\d+))?([a-zA-Z%])?$/su;

/** `format(value, spec)` for the types a Djoser context holds (str, int, bool, User). */
function applySpec(value: PyValue, spec: string): string {
  if (!spec) return pyStr(value);
  if (isObject(value)) throw new PyFormatError(`TypeError: unsupported format string passed to ${value.pyType}.__format__`);
  const m = SPEC.exec(spec);
  if (!m) throw new PyFormatError(`ValueError: unsupported format spec '${spec}'`);
  const [, fillGiven, alignGiven, sign, zero, widthText, precisionText, type] = m;
  const numeric = typeof value !== 'string';
  let text: string;
  if (!numeric) {
    if (type && type !== 's') throw new PyFormatError(`ValueError: Unknown format code '${type}' for object of type 'str'`);
    if (sign) throw new PyFormatError('ValueError: Sign not allowed in string format specifier');
    if (alignGiven === '=') throw new PyFormatError("ValueError: '=' alignment not allowed in string format specifier");
    text = precisionText !== undefined ? [...(value as string)].slice(0, Number(precisionText)).join('') : (value as string);
  } else {
    if (type && type !== 'd') throw new PyFormatError(`ValueError: unsupported format spec '${spec}'`);
    if (precisionText !== undefined) throw new PyFormatError('ValueError: Precision not allowed in integer format specifier');
    const n = Number(value);
    text = Math.abs(n).toString();
    const signText = n < 0 ? '-' : sign === '+' ? '+' : sign === ' ' ? ' ' : '';
    const width = Number(widthText ?? 0);
    if ((zero && !alignGiven) || alignGiven === '=') {
      const fill = alignGiven ? (fillGiven ?? ' ') : '0';
      return signText + text.padStart(width - signText.length, fill);
    }
    text = signText + text;
  }
  const width = Number(widthText ?? 0);
  const fill = fillGiven ?? (zero && !alignGiven ? '0' : ' ');
  const align = alignGiven ?? (numeric ? '>' : '<');
  const pad = Math.max(0, width - [...text].length);
  if (align === '<') return text + fill.repeat(pad);
  if (align === '>') return fill.repeat(pad) + text;
  const left = Math.floor(pad / 2);
  return fill.repeat(left) + text + fill.repeat(pad - left);
}

/** Python `template.format(**context)`. */
export function pyFormat(template: string, context: Record<string, PyValue>): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i];
    if (ch === '}') {
      if (template[i + 1] !== '}') throw new PyFormatError("ValueError: Single '}' encountered in format string");
      out += '}';
      i += 2;
      continue;
    }
    if (ch !== '{') {
      out += ch;
      i++;
      continue;
    }
    if (template[i + 1] === '{') {
      out += '{';
      i += 2;
      continue;
    }
    // field name: up to '}', ':' or '!', skipping over [...] (where those may appear)
    let j = i + 1;
    for (; j < template.length; j++) {
      const c = template[j];
      if (c === '{') throw new PyFormatError("ValueError: unexpected '{' in field name");
      if (c === '[') {
        const close = template.indexOf(']', j);
        j = close < 0 ? template.length - 1 : close;
        continue;
      }
      if (c === '}' || c === ':' || c === '!') break;
    }
    if (j >= template.length)
      throw new PyFormatError(
        i + 1 >= template.length ? "ValueError: Single '{' encountered in format string" : "ValueError: expected '}' before end of string",
      );
    const fieldName = template.slice(i + 1, j);
    let conversion = '';
    if (template[j] === '!') {
      conversion = template[j + 1] ?? '';
      j += 2;
      if (template[j] !== ':' && template[j] !== '}') throw new PyFormatError("ValueError: expected ':' after conversion specifier");
    }
    let spec = '';
    if (template[j] === ':') {
      const close = template.indexOf('}', j);
      if (close < 0) throw new PyFormatError("ValueError: expected '}' before end of string");
      spec = template.slice(j + 1, close);
      if (spec.includes('{')) throw new PyFormatError('ValueError: nested replacement fields in a format spec are not supported');
      j = close;
    }
    let value = resolveField(fieldName, context);
    if (conversion === 'r' || conversion === 'a') value = pyRepr(value, conversion === 'a');
    else if (conversion === 's') value = pyStr(value);
    else if (conversion) throw new PyFormatError(`ValueError: Unknown conversion specifier ${conversion}`);
    out += applySpec(value, spec);
    i = j + 1;
  }
  return out;
}
