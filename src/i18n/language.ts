/**
 * Django's language negotiation (django.utils.translation.trans_real), per request:
 * get_language_from_request(), parse_accept_lang_header(), get_supported_language_variant().
 * Ported because Content-Language and the texts of every answer depend on its exact rules
 * (q ordering, `de-at` -> `de`, `pt-BR` -> `pt-br`, `*` stops the search, 500-char caps).
 */

const ACCEPT_LANGUAGE = /([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*)(?:\s*;\s*q=(0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?))?(?:\s*,\s*|$)/y;
const LANGUAGE_CODE = /^[a-z]{1,8}(?:-[a-z0-9]{1,8})*(?:@[a-z0-9]{1,20})?$/i;
const MAX_LENGTH = 500;

/** parse_accept_lang_header: [lang, q] by descending q (stable), or [] on any format error. */
export function parseAcceptLanguage(header: string): Array<[string, number]> {
  if (header.length > MAX_LENGTH) {
    const index = header.lastIndexOf(',', MAX_LENGTH - 1);
    if (index <= 0) return [];
    header = header.slice(0, index);
  }
  const text = header.toLowerCase();
  const result: Array<[string, number]> = [];
  let pos = 0;
  // re.split(): pieces between matches must be empty, and the text must end with a match.
  while (pos < text.length) {
    ACCEPT_LANGUAGE.lastIndex = pos;
    const m = ACCEPT_LANGUAGE.exec(text);
    if (!m || m[0].length === 0) return [];
    result.push([m[1], m[2] ? parseFloat(m[2]) : 1.0]);
    pos = ACCEPT_LANGUAGE.lastIndex;
  }
  return result.map((r, i) => [r, i] as const).sort((a, b) => b[0][1] - a[0][1] || a[1] - b[1]).map(([r]) => r);
}

export interface LanguageTable {
  /** settings.LANGUAGES codes, lower-cased (get_languages()). */
  supported: readonly string[];
  /** check_for_language() */
  hasCatalog(code: string): boolean;
  fallbacks: Record<string, string[]>;
}

/** get_supported_language_variant(code): a code of LANGUAGES, possibly more generic, else undefined. */
export function supportedVariant(table: LanguageTable, code: string | undefined): string | undefined {
  if (!code) return undefined;
  if (code.length > MAX_LENGTH) {
    const index = code.lastIndexOf('-', MAX_LENGTH - 1);
    if (index <= 0) return undefined;
    code = code.slice(0, index);
  }
  const possible = [code, ...(table.fallbacks[code] ?? [])];
  for (let i = code.lastIndexOf('-'); i > -1; i = i > 0 ? code.lastIndexOf('-', i - 1) : -1) possible.push(code.slice(0, i));
  const generic = possible[possible.length - 1];
  for (const c of possible) if (table.supported.includes(c.toLowerCase()) && table.hasCatalog(c)) return c;
  // "if fr-fr is not supported, try fr-ca"
  return table.supported.find((s) => s.startsWith(`${generic}-`));
}

/** get_language_from_request(request) without i18n_patterns: the language cookie, Accept-Language, then LANGUAGE_CODE. */
export function languageFromRequest(
  table: LanguageTable,
  languageCode: string,
  cookie: string | undefined,
  acceptLanguage: string | undefined,
): string {
  if (cookie !== undefined && table.supported.includes(cookie) && table.hasCatalog(cookie)) return cookie;
  const fromCookie = supportedVariant(table, cookie);
  if (fromCookie) return fromCookie;
  for (const [lang] of parseAcceptLanguage(acceptLanguage ?? '')) {
    if (lang === '*') break;
    if (!LANGUAGE_CODE.test(lang)) continue;
    const found = supportedVariant(table, lang);
    if (found) return found;
  }
  return supportedVariant(table, languageCode) ?? languageCode;
}

export const isLanguageCode = (code: string): boolean => LANGUAGE_CODE.test(code);
