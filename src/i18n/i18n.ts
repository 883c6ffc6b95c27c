import { AsyncLocalStorage } from 'node:async_hooks';
import type { CompatStack } from '../compat/compat-profile';
import { catalogFile, CatalogEntry } from './catalog-file';
import type { I18nSettings } from './i18n-settings';
import { LanguageTable, languageFromRequest, supportedVariant } from './language';
import { compilePatterns, Translator } from './translator';

interface RequestLike {
  raw?: object;
  headers: Record<string, string | string[] | undefined>;
}

/** Django's `en` catalogs translate nothing: English answers need no catalog at all. */
const ENGLISH = /^en(-us)?$/i;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Django's parse_cookie for one name: `;`-separated `name=value` pairs, stripped; the last one wins. */
function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  let found: string | undefined;
  for (const chunk of header.split(';')) {
    const i = chunk.indexOf('=');
    const [key, value] = i < 0 ? ['', chunk] : [chunk.slice(0, i), chunk.slice(i + 1)];
    if (key.trim() === name) found = value.trim();
  }
  return found;
}

/**
 * The active language of each answer and the translators of the stack's catalogs.
 * English (or USE_I18N off) has no translator: nothing is looked up, nothing is loaded.
 */
export class I18n {
  private static readonly instances = new WeakMap<I18nSettings, I18n>();
  private readonly perRequest = new WeakMap<object, string>();
  private readonly translators = new Map<string, Translator | null>();
  private readonly mailTranslators = new Map<string, Translator | null>();
  private readonly mailLanguage = new AsyncLocalStorage<string>();
  private table?: LanguageTable;

  static of(settings: I18nSettings, stack: CompatStack): I18n {
    let i18n = I18n.instances.get(settings);
    if (!i18n) I18n.instances.set(settings, (i18n = new I18n(settings, stack)));
    return i18n;
  }

  private constructor(
    readonly settings: I18nSettings,
    private readonly stack: CompatStack,
  ) {
    // Django's check translation.E004: LANGUAGE_CODE must be one of LANGUAGES (or a variant).
    if (settings.useI18n && !(ENGLISH.test(settings.languageCode) && !settings.languages) && !supportedVariant(this.languages(), settings.languageCode))
      throw new Error(`Invalid environment variable LANGUAGE_CODE=${JSON.stringify(settings.languageCode)}: not in LANGUAGES (or a variant of one)`);
  }

  /** The language LocaleMiddleware activates for the request (else LANGUAGE_CODE), computed once per request. */
  languageOf(req: RequestLike): string {
    const { settings } = this;
    if (!settings.localeMiddleware || !settings.useI18n) return settings.languageCode;
    const key = req.raw ?? req;
    let lang = this.perRequest.get(key);
    if (lang === undefined) {
      const cookie = cookieValue(first(req.headers.cookie), settings.cookieName);
      lang = languageFromRequest(this.languages(), settings.languageCode, cookie, first(req.headers['accept-language']));
      this.perRequest.set(key, lang);
    }
    return lang;
  }

  /** The translator of a language, or undefined when its texts are the English ones. */
  translator(lang: string): Translator | undefined {
    if (!this.settings.useI18n || ENGLISH.test(lang)) return undefined;
    return this.cached(this.translators, lang, (file, catalog) => new Translator(catalog, compilePatterns(file)));
  }

  /** Translates every string of an error body (DRF's `detail`, field message lists); keys stay. */
  translateData(lang: string, data: unknown): unknown {
    const t = this.translator(lang);
    return t ? deepTranslate(t, data) : data;
  }

  /** Runs `fn` (a request's handler) with `lang` as the language of the e-mails it renders. */
  runWithMailLanguage<T>(lang: string, fn: () => T): T {
    return this.mailLanguage.run(lang, fn);
  }

  /** The translator of the mails rendered now: the request's language (LocaleMiddleware) or LANGUAGE_CODE. */
  mailTranslator(): Translator | undefined {
    if (!this.settings.useI18n) return undefined;
    const lang = this.mailLanguage.getStore() ?? this.settings.languageCode;
    if (ENGLISH.test(lang)) return undefined;
    return this.cached(this.mailTranslators, lang, (file, catalog) => {
      // Only the templates' own texts: a user's value on a line of its own is never translated.
      const ids = new Set(file.mail);
      const own = Object.fromEntries(Object.entries(catalog).filter(([id]) => ids.has(id)));
      return new Translator(own, compilePatterns(file, ids));
    });
  }

  private cached(
    map: Map<string, Translator | null>,
    lang: string,
    make: (file: ReturnType<typeof catalogFile>, catalog: Record<string, CatalogEntry>) => Translator,
  ): Translator | undefined {
    let t = map.get(lang);
    if (t === undefined) {
      const file = catalogFile(this.stack);
      const code = lang.toLowerCase();
      // DjangoTranslation('de-at') reads de_AT, then de.
      const catalog = file.catalogs[code] ?? file.catalogs[code.split('-')[0]];
      t = catalog ? make(file, catalog) : null;
      map.set(lang, t);
    }
    return t ?? undefined;
  }

  private languages(): LanguageTable {
    if (!this.table) {
      const file = catalogFile(this.stack);
      const available = new Set(file.available);
      this.table = {
        supported: this.settings.languages ?? file.languages,
        // check_for_language: a compiled catalog of the code, or of its language (gettext's fallback).
        hasCatalog: (code) => available.has(code.toLowerCase()) || available.has(code.toLowerCase().split('-')[0]),
        fallbacks: file.fallbacks,
      };
    }
    return this.table;
  }
}

function deepTranslate(t: Translator, data: unknown): unknown {
  if (typeof data === 'string') return t.translate(data);
  if (Array.isArray(data)) return data.map((d) => deepTranslate(t, d));
  if (data && typeof data === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(data)) out[k] = deepTranslate(t, v);
    return out;
  }
  return data;
}

/** patch_vary_headers(response, ('Accept-Language',)) */
export function varyWithAcceptLanguage(vary: string | undefined): string {
  if (!vary) return 'Accept-Language';
  const present = vary.split(',').map((s) => s.trim().toLowerCase());
  return present.includes('accept-language') || present.includes('*') ? vary : `${vary}, Accept-Language`;
}

/**
 * DRF's OPTIONS description of a ModelSerializer: its labels and help texts are the model
 * fields' lazy verbose names, so they are in the request's language ("E-Mail-Adresse").
 */
export function translateFieldDescriptions(i18n: I18n, lang: string, fields: Record<string, unknown>): Record<string, unknown> {
  const t = i18n.translator(lang);
  if (!t) return fields;
  const out: Record<string, unknown> = {};
  for (const [name, d] of Object.entries(fields)) {
    const field = { ...(d as Record<string, unknown>) };
    // DRF's label is capfirst(verbose_name): the lower-case msgid ("email address") is translated, then capitalised.
    if (typeof field.label === 'string') {
      const label = field.label;
      const lower = label.charAt(0).toLowerCase() + label.slice(1);
      const translated = t.translate(lower);
      field.label = translated !== lower ? translated.charAt(0).toUpperCase() + translated.slice(1) : t.translate(label);
    }
    if (typeof field.help_text === 'string') field.help_text = t.translate(field.help_text);
    out[name] = field;
  }
  return out;
}
