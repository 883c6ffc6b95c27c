import { COMPAT_STACKS } from '../compat/compat-profile';
import { I18n } from './i18n';
import { parseAcceptLanguage } from './language';
import vectors from './language.vectors.json';

/** Vectors are Django's answers (scripts/i18n/gen-language-vectors.py; both stacks answer the same). */
describe.each(COMPAT_STACKS)("Django's language negotiation (%s)", (stack) => {
  const i18n = I18n.of({ languageCode: 'en-us', useI18n: true, languages: null, localeMiddleware: true, cookieName: 'django_language' }, stack);

  it.each(vectors.map((v) => [v.header.slice(0, 40), v.cookie ?? '', v] as const))('Accept-Language %j, cookie %j', (_h, _c, v) => {
    const headers: Record<string, string> = { 'accept-language': v.header };
    if (v.cookie) headers.cookie = `csrftoken=x; django_language=${v.cookie}`;
    expect(i18n.languageOf({ headers })).toBe(v.language);
    if (v.parsed) expect(parseAcceptLanguage(v.header)).toEqual(v.parsed);
  });
});

describe('LANGUAGES restricts the choice', () => {
  it('a language outside LANGUAGES falls back to LANGUAGE_CODE', () => {
    const i18n = I18n.of({ languageCode: 'fr', useI18n: true, languages: ['fr', 'pt-br'], localeMiddleware: true, cookieName: 'django_language' }, 'current');
    expect(i18n.languageOf({ headers: { 'accept-language': 'de' } })).toBe('fr');
    expect(i18n.languageOf({ headers: { 'accept-language': 'pt' } })).toBe('pt-br');
  });

  it('LANGUAGE_CODE outside LANGUAGES is refused at start (Django check translation.E004)', () => {
    expect(() => I18n.of({ languageCode: 'de', useI18n: true, languages: ['fr'], localeMiddleware: false, cookieName: 'django_language' }, 'current')).toThrow(
      'Invalid environment variable LANGUAGE_CODE="de"',
    );
  });
});
