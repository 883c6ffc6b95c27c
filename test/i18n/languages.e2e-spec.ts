import { startTestApp, TestApp } from '../support/test-app';

/**
 * The settings the recorded set does not vary (test/conformance/i18n.e2e-spec.ts measures
 * LANGUAGE_CODE and LocaleMiddleware against the reference): LANGUAGES, USE_I18N.
 */
async function blankRegistration(t: TestApp, headers: Record<string, string>) {
  const res = await fetch(`${t.url}/auth/users/`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' });
  return { status: res.status, body: await res.text(), language: res.headers.get('content-language'), vary: res.headers.get('vary') };
}

describe('LANGUAGES restricts what Accept-Language may pick', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOCALE_MIDDLEWARE: 'true', LANGUAGE_CODE: 'fr', LANGUAGES: 'fr,pl' });
  });
  afterAll(() => t.close());

  it('a language outside LANGUAGES answers in LANGUAGE_CODE', async () => {
    const res = await blankRegistration(t, { 'Accept-Language': 'de' });
    expect(res).toEqual({ status: 400, body: '{"username":["Ce champ est obligatoire."],"password":["Ce champ est obligatoire."]}', language: 'fr', vary: 'Accept, Accept-Language' });
  });

  it('a listed one is used', async () => {
    const res = await blankRegistration(t, { 'Accept-Language': 'pl-PL' });
    expect(res.language).toBe('pl');
    expect(res.body).toBe('{"username":["To pole jest wymagane."],"password":["To pole jest wymagane."]}');
  });
});

describe('USE_I18N=false', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOCALE_MIDDLEWARE: 'true', LANGUAGE_CODE: 'de', USE_I18N: 'false' });
  });
  afterAll(() => t.close());

  it('answers English; LocaleMiddleware still names LANGUAGE_CODE', async () => {
    const res = await blankRegistration(t, { 'Accept-Language': 'fr' });
    expect(res).toEqual({ status: 400, body: '{"username":["This field is required."],"password":["This field is required."]}', language: 'de', vary: 'Accept, Accept-Language' });
  });
});
