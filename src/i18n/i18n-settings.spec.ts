import { parseSettings } from '../config/settings';

const parse = (env: Record<string, string>) => parseSettings({ SECRET_KEY: 'unit-test-secret', ...env });

describe('i18n settings (Django names)', () => {
  it('defaults as Django: en-us, USE_I18N on, LocaleMiddleware off, every language', () => {
    expect(parse({}).i18n).toEqual({ languageCode: 'en-us', useI18n: true, languages: null, localeMiddleware: false, cookieName: 'django_language' });
  });

  it('LANGUAGES is a lower-cased list', () => {
    expect(parse({ LANGUAGES: 'de,pt-BR', LOCALE_MIDDLEWARE: 'true' }).i18n).toMatchObject({ languages: ['de', 'pt-br'], localeMiddleware: true });
  });

  it.each([
    ['LANGUAGE_CODE', 'de_DE', 'Invalid environment variable LANGUAGE_CODE="de_DE"'],
    ['LANGUAGES', 'de,x y', 'Invalid environment variable LANGUAGES="de,x y"'],
    ['USE_I18N', 'maybe', 'Invalid environment variable USE_I18N="maybe"'],
  ])('a bad %s stops the start with a message naming it', (name, value, message) => {
    expect(() => parse({ [name]: value })).toThrow(message);
  });
});
