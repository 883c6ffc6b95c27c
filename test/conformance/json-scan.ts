/**
 * Rewrites scalar values inside JSON text while keeping every other byte
 * (key order, spacing, escapes) as it was — fixtures must show the exact body.
 */

export type JsonPath = Array<string | number>;

export interface JsonScalar {
  kind: 'string' | 'number' | 'literal';
  /** Decoded value (string content, number, true/false/null). */
  value: string | number | boolean | null;
  /** The token as it appears in the text (strings include their quotes). */
  raw: string;
}

/**
 * Calls `replace` for every scalar; a returned string replaces the token
 * (inside quotes for strings, bare for numbers). Returns undefined when the
 * text is not a single JSON value.
 */
export function rewriteJsonScalars(
  text: string,
  replace: (path: JsonPath, scalar: JsonScalar) => string | undefined,
): string | undefined {
  const scanner = new Scanner(text, replace);
  try {
    scanner.skipWs();
    scanner.value([]);
    scanner.skipWs();
    if (scanner.pos !== text.length) return undefined;
    return scanner.out;
  } catch {
    return undefined;
  }
}

/** Renders a path like `[0].id` or `.access` (leading dot for keys). */
export function formatJsonPath(path: JsonPath): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`))
    .join('');
}

/** Reads a value at a path like `id`, `[0].id`, `a.b[2]` from parsed JSON. */
export function getAtPath(data: unknown, path: string): unknown {
  const parts = path.match(/[^.[\]]+|\[\d+\]/g) ?? [];
  let cur: unknown = data;
  for (const part of parts) {
    if (cur === null || typeof cur !== 'object') return undefined;
    const key = part.startsWith('[') ? Number(part.slice(1, -1)) : part;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

class Scanner {
  pos = 0;
  out = '';

  constructor(
    private readonly text: string,
    private readonly replace: (path: JsonPath, scalar: JsonScalar) => string | undefined,
  ) {}

  skipWs(): void {
    const start = this.pos;
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos])) this.pos++;
    this.out += this.text.slice(start, this.pos);
  }

  value(path: JsonPath): void {
    const c = this.text[this.pos];
    if (c === '{') return this.object(path);
    if (c === '[') return this.array(path);
    if (c === '"') return this.scalar(path, 'string', this.stringEnd());
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (m) return this.scalar(path, 'number', this.pos + m[0].length);
    for (const lit of ['true', 'false', 'null']) {
      if (this.text.startsWith(lit, this.pos)) return this.scalar(path, 'literal', this.pos + lit.length);
    }
    throw new Error(`unexpected character at ${this.pos}`);
  }

  private object(path: JsonPath): void {
    this.expect('{');
    this.skipWs();
    if (this.text[this.pos] === '}') return this.expect('}');
    for (;;) {
      const keyEnd = this.stringEnd();
      const rawKey = this.text.slice(this.pos, keyEnd);
      this.out += rawKey;
      this.pos = keyEnd;
      const key = JSON.parse(rawKey) as string;
      this.skipWs();
      this.expect(':');
      this.skipWs();
      this.value([...path, key]);
      this.skipWs();
      if (this.text[this.pos] === '}') return this.expect('}');
      this.expect(',');
      this.skipWs();
    }
  }

  private array(path: JsonPath): void {
    this.expect('[');
    this.skipWs();
    if (this.text[this.pos] === ']') return this.expect(']');
    for (let i = 0; ; i++) {
      this.value([...path, i]);
      this.skipWs();
      if (this.text[this.pos] === ']') return this.expect(']');
      this.expect(',');
      this.skipWs();
    }
  }

  private scalar(path: JsonPath, kind: JsonScalar['kind'], end: number): void {
    const raw = this.text.slice(this.pos, end);
    const value = JSON.parse(raw) as JsonScalar['value'];
    const replacement = this.replace(path, { kind, value, raw });
    this.out += replacement === undefined ? raw : kind === 'string' ? `"${replacement}"` : replacement;
    this.pos = end;
  }

  private stringEnd(): number {
    if (this.text[this.pos] !== '"') throw new Error(`expected string at ${this.pos}`);
    let i = this.pos + 1;
    while (i < this.text.length) {
      const c = this.text[i];
      if (c === '\\') i += 2;
      else if (c === '"') return i + 1;
      else i++;
    }
    throw new Error('unterminated string');
  }

  private expect(c: string): void {
    if (this.text[this.pos] !== c) throw new Error(`expected ${c} at ${this.pos}`);
    this.out += c;
    this.pos++;
  }
}
