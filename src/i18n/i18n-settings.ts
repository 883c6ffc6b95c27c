import { isLanguageCode } from './language';

/** Django's i18n settings (LANGUAGE_CODE, USE_I18N, LANGUAGES, LANGUAGE_COOKIE_NAME) and LocaleMiddleware on/off. */
export interface I18nSettings {
  languageCode: string;
  useI18n: boolean;
  /** settings.LANGUAGES codes, lower-cased; null = Django's global default list of the stack. */
  languages: string[] | null;
  localeMiddleware: boolean;
  cookieName: string;
}

export function readI18nSettings(
  v: { languageCode: string; useI18n: boolean; languages: string[]; localeMiddleware: boolean; cookieName: string },
  fail: (name: string, value: string, why: string) => Error,
): I18nSettings {
  if (!isLanguageCode(v.languageCode)) throw fail('LANGUAGE_CODE', v.languageCode, 'expected a language code such as en-us, de or pt-br');
  for (const code of v.languages)
    if (!isLanguageCode(code)) throw fail('LANGUAGES', v.languages.join(','), `${JSON.stringify(code)} is not a language code`);
  return {
    languageCode: v.languageCode,
    useI18n: v.useI18n,
    languages: v.languages.length ? v.languages.map((c) => c.toLowerCase()) : null,
    localeMiddleware: v.localeMiddleware,
    cookieName: v.cookieName,
  };
}
