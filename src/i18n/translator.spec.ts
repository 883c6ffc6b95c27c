import { I18n } from './i18n';

/** Expected texts are what the oracle answers (fixtures/<stack>/i18n-accept) or the upstream catalog entry. */
describe('Translator over the generated catalogs', () => {
  const i18n = I18n.of({ languageCode: 'en-us', useI18n: true, languages: null, localeMiddleware: true, cookieName: 'django_language' }, 'current');

  it('English has no translator at all (no catalog lookups)', () => {
    expect(i18n.translator('en-us')).toBeUndefined();
    expect(i18n.translator('en')).toBeUndefined();
  });

  it('exact msgids, and DRF {name} placeholders', () => {
    const de = i18n.translator('de')!;
    expect(de.translate('This field may not be blank.')).toBe('Dieses Feld darf nicht leer sein.');
    expect(de.translate('Method "DELETE" not allowed.')).toBe('Methode "DELETE" nicht erlaubt.');
    expect(de.translate('Ensure this field has no more than 150 characters.')).toBe('Stelle sicher, dass dieses Feld nicht mehr als 150 Zeichen lang ist.');
  });

  it('Django %(name)s placeholders get the translated verbose name, as Django interpolates lazy strings', () => {
    expect(i18n.translator('de')!.translate('The password is too similar to the username.')).toBe('Das Passwort ist zu ähnlich zu Benutzername.');
  });

  it('plural forms follow the catalog Plural-Forms (ngettext)', () => {
    const pl = i18n.translator('pl')!;
    expect(pl.translate('This password is too short. It must contain at least 8 characters.')).toBe('To hasło jest za krótkie. Musi zawierać co najmniej 8 znaków.');
    expect(pl.translate('This password is too short. It must contain at least 3 characters.')).toBe('To hasło jest za krótkie. Musi zawierać co najmniej 3 znaki.');
    expect(pl.translate('This password is too short. It must contain at least 1 character.')).toBe('To hasło jest za krótkie. Musi zawierać co najmniej 1 znak.');
  });

  it("DRF's Throttled: two sentences, each translated (the plural picked on the English n != 1, as DRF)", () => {
    const de = i18n.translator('de')!;
    expect(de.translate('Request was throttled. Expected available in 5 seconds.')).toBe('Die Anfrage wurde gedrosselt. Erwarte Verfügbarkeit in 5 Sekunden.');
    expect(de.translate('Request was throttled. Expected available in 1 second.')).toBe('Die Anfrage wurde gedrosselt. Erwarte Verfügbarkeit in 1 Sekunde.');
  });

  it('unknown texts and user values stay as they are', () => {
    const fr = i18n.translator('fr')!;
    expect(fr.translate('JSON parse error - Expecting value: line 1 column 6 (char 5)')).toBe('JSON parse error - Expecting value: line 1 column 6 (char 5)');
    expect(i18n.translateData('fr', { username: ['This field is required.'], x: 3 })).toEqual({ username: ['Ce champ est obligatoire.'], x: 3 });
  });

  it('a region without its own catalog reads the language (DjangoTranslation de_AT -> de)', () => {
    expect(i18n.translator('de-at')!.translate('Not found.')).toBe('Nicht gefunden.');
  });
});

describe('USE_I18N=false', () => {
  it('translates nothing, whatever LANGUAGE_CODE says', () => {
    const off = I18n.of({ languageCode: 'de', useI18n: false, languages: null, localeMiddleware: false, cookieName: 'django_language' }, '2.1');
    expect(off.translator('de')).toBeUndefined();
    expect(off.translateData('de', { detail: 'Not found.' })).toEqual({ detail: 'Not found.' });
  });
});
