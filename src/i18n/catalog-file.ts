import type { CompatStack } from '../compat/compat-profile';

/** A translation: a string, or plural forms indexed by the catalog's Plural-Forms expression. */
export type CatalogEntry = string | { plural: string; forms: string[] };

/** src/i18n/catalogs/<stack>.json, written by scripts/i18n/extract-catalogs.mjs. */
export interface CatalogFile {
  /** Django's global_settings.LANGUAGES codes of the stack. */
  languages: string[];
  /** The codes check_for_language() accepts (a compiled catalog exists). */
  available: string[];
  /** django.conf.locale.LANG_INFO fallbacks (zh-hk -> zh-hant). */
  fallbacks: Record<string, string[]>;
  /** Every msgid the generator selected from our sources, translated anywhere or not (its --check compares them). */
  msgids: string[];
  /** msgid -> English msgid_plural. */
  plurals: Record<string, string>;
  /** The msgids of the mail templates. */
  mail: string[];
  catalogs: Record<string, Record<string, CatalogEntry>>;
}

const loaded = new Map<CompatStack, CatalogFile>();

/** The stack's catalogs, read once per process (only when a non-English language is configured or negotiated). */
export function catalogFile(stack: CompatStack): CatalogFile {
  let file = loaded.get(stack);
  if (!file) {
    file = require(`./catalogs/${stack}.json`) as CatalogFile;
    loaded.set(stack, file);
  }
  return file;
}
