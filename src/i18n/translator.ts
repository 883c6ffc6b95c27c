import pluralForms from '@tannin/plural-forms';
import type { CatalogEntry, CatalogFile } from './catalog-file';

const PLACEHOLDER = /%\(([A-Za-z_]+)\)([sd])|\{([A-Za-z_0-9]*)\}|%([sd])|%%/g;

interface Pattern {
  msgid: string;
  regex: RegExp;
  /** Placeholder names in order (`#0`... for positional ones), and whether each is Django's `%(name)s`. */
  names: Array<{ name: string; lazy: boolean; numeric: boolean }>;
}

/**
 * Matches an English text the server rendered against a msgid with placeholders, so the
 * answer can be translated where it is rendered (the call sites keep building English).
 */
function compile(msgid: string): Pattern | undefined {
  const names: Pattern['names'] = [];
  let source = '^';
  let last = 0;
  let positional = 0;
  for (const m of msgid.matchAll(PLACEHOLDER)) {
    source += escape(msgid.slice(last, m.index));
    last = m.index! + m[0].length;
    if (m[0] === '%%') {
      source += '%';
      continue;
    }
    const numeric = m[2] === 'd' || m[4] === 'd';
    const name = m[1] ?? (m[3] !== undefined && m[3] !== '' ? m[3] : `#${positional++}`);
    names.push({ name, lazy: m[1] !== undefined && m[2] === 's', numeric });
    source += numeric ? '(-?\\d+)' : '([\\s\\S]*?)';
  }
  if (!names.length) return undefined;
  return { msgid, regex: new RegExp(source + escape(msgid.slice(last)) + '$'), names };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Python's `%` / str.format substitution of the translated text (gettext leaves it to the caller, as here). */
function format(text: string, params: Map<string, string>): string {
  let positional = 0;
  return text.replace(PLACEHOLDER, (all, named?: string, _t?: string, braced?: string) => {
    if (all === '%%') return '%';
    const key = named ?? (braced !== undefined && braced !== '' ? braced : `#${positional++}`);
    return params.get(key) ?? all;
  });
}

/** One language of one stack: gettext over the generated catalog. */
export class Translator {
  private readonly memo = new Map<string, string>();
  private readonly plural = new Map<string, (n: number) => number>();

  constructor(
    private readonly catalog: Record<string, CatalogEntry>,
    private readonly patterns: readonly Pattern[],
  ) {}

  /** The translation of an English text the server rendered (unchanged when no msgid matches it). */
  translate(text: string): string {
    const exact = this.catalog[text];
    if (typeof exact === 'string') return exact;
    let hit = this.memo.get(text);
    if (hit === undefined) {
      hit = this.match(text) ?? this.joined(text) ?? text;
      if (this.memo.size < 2000) this.memo.set(text, hit);
    }
    return hit;
  }

  /** The translation of the whole text, else of a msgid it starts with (followed by a space). */
  translateStart(text: string): string {
    const whole = this.translate(text);
    if (whole !== text) return whole;
    for (const [msgid, entry] of Object.entries(this.catalog))
      if (typeof entry === 'string' && text.startsWith(`${msgid} `)) return entry + text.slice(msgid.length);
    return text;
  }

  private match(text: string): string | undefined {
    for (const p of this.patterns) {
      const entry = this.catalog[p.msgid];
      if (entry === undefined) continue;
      const m = p.regex.exec(text);
      if (!m) continue;
      const params = new Map<string, string>();
      p.names.forEach(({ name, lazy }, i) => {
        const value = m[i + 1];
        // Django interpolates lazy verbose names ("user", "email address"): translated too.
        const t = lazy ? this.catalog[value] : undefined;
        params.set(name, typeof t === 'string' ? t : value);
      });
      if (typeof entry === 'string') return format(entry, params);
      const count = p.names.findIndex((n) => n.numeric);
      const n = count < 0 ? 1 : Number(m[count + 1]);
      const index = this.pluralIndex(entry.plural)(n);
      return format(entry.forms[index] ?? entry.forms[entry.forms.length - 1], params);
    }
    return undefined;
  }

  /**
   * DRF's Throttled joins two translated sentences: "Request was throttled." and
   * "Expected available in {wait} seconds." (ngettext over the already translated texts).
   */
  private joined(text: string): string | undefined {
    const i = text.indexOf('. ');
    if (i < 0) return undefined;
    const head = this.catalog[text.slice(0, i + 1)];
    return typeof head === 'string' ? `${head} ${this.translate(text.slice(i + 2))}` : undefined;
  }

  private pluralIndex(expr: string): (n: number) => number {
    let f = this.plural.get(expr);
    if (!f) this.plural.set(expr, (f = pluralForms(expr) as (n: number) => number));
    return f;
  }
}

/** The msgid patterns of a stack's catalog file (singular and plural English forms), compiled once. */
export function compilePatterns(file: CatalogFile, only?: ReadonlySet<string>): Pattern[] {
  const msgids = new Set<string>();
  for (const catalog of Object.values(file.catalogs)) for (const id of Object.keys(catalog)) if (!only || only.has(id)) msgids.add(id);
  const out: Pattern[] = [];
  for (const id of msgids) {
    const singular = compile(id);
    if (singular) out.push(singular);
    const plural = file.plurals[id] && compile(file.plurals[id]);
    if (plural) out.push({ ...plural, msgid: id });
  }
  return out;
}
