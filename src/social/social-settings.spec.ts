import { parseSettings, SettingsError } from '../config/settings';

const parse = (env: Record<string, string>) => parseSettings({ NODE_ENV: 'test', ...env }).social;

describe('social settings', () => {
  it('serves Google, GitHub and OIDC issuers under python-social-auth backend names', () => {
    const s = parse({
      SOCIAL_AUTH_GOOGLE_OAUTH2_KEY: 'g',
      SOCIAL_AUTH_GOOGLE_OAUTH2_SECRET: 'gs',
      SOCIAL_AUTH_GITHUB_KEY: 'h',
      SOCIAL_AUTH_GITHUB_SECRET: 'hs',
      SOCIAL_AUTH_OIDC_MY_IDP_ISSUER: 'https://id.example.com',
      SOCIAL_AUTH_OIDC_MY_IDP_KEY: 'k',
      SOCIAL_AUTH_OIDC_MY_IDP_SECRET: 's',
    });
    expect(s.providers.map((p) => [p.name, p.kind, p.issuer, p.uid])).toEqual([
      ['google-oauth2', 'oidc', 'https://accounts.google.com', 'email'],
      ['github', 'github', 'https://github.com', 'id'],
      ['my-idp', 'oidc', 'https://id.example.com', 'sub'],
    ]);
  });

  it.each([
    [{ SOCIAL_AUTH_GOOGLE_OAUTH2_KEY: 'g' }, 'SOCIAL_AUTH_GOOGLE_OAUTH2_SECRET'],
    [{ SOCIAL_AUTH_OIDC_X_ISSUER: 'http://id.example.com', SOCIAL_AUTH_OIDC_X_KEY: 'k', SOCIAL_AUTH_OIDC_X_SECRET: 's' }, 'SOCIAL_AUTH_OIDC_X_ISSUER'],
    [{ DJOSER_SOCIAL_AUTH_ALLOWED_REDIRECT_URIS: 'https://app.example.com/cb?x=1' }, 'DJOSER_SOCIAL_AUTH_ALLOWED_REDIRECT_URIS'],
    [{ SESSION_COOKIE_SAMESITE: 'None' }, 'SESSION_COOKIE_SECURE'],
  ])('refuses %j naming %s', (env, name) => {
    expect(() => parse(env as Record<string, string>)).toThrow(SettingsError);
    expect(() => parse(env as Record<string, string>)).toThrow(name);
  });
});
