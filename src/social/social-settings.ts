/**
 * Social login settings, named as djoser.social and python-social-auth name them
 * (SOCIAL_AUTH_<BACKEND>_KEY / _SECRET / _SCOPE). OpenID Connect issuers beyond
 * python-social-auth's single `oidc` backend come from SOCIAL_AUTH_OIDC_<NAME>_ISSUER.
 */
export interface SocialProviderConfig {
  /** The `{provider}` of auth/o/{provider}/ (python-social-auth's backend name). */
  name: string;
  /** `oidc`: discovery at `issuer`, ID token checked; `github`: GitHub's OAuth app endpoints and user API. */
  kind: 'oidc' | 'github';
  issuer: string;
  clientId: string;
  clientSecret: string;
  scope: string[];
  /** Which identity becomes `social_auth_usersocialauth.uid`. */
  uid: 'sub' | 'email' | 'id';
}

export interface SocialSettings {
  allowedRedirectUris: string[];
  tokenStrategy: 'jwt' | 'token';
  usernameIsFullEmail: boolean;
  stateTimeout: number;
  cookie: { secure: boolean; sameSite: 'Lax' | 'Strict' | 'None'; domain: string };
  providers: SocialProviderConfig[];
}

type Raw = Record<string, string | undefined>;
type Fail = (message: string) => never;

const OIDC_ISSUER = /^SOCIAL_AUTH_OIDC_([A-Z0-9_]+)_ISSUER$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** An issuer must be https, except on loopback (tests, local development). */
function checkIssuer(name: string, value: string, fail: Fail): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail(`Invalid environment variable ${name}=${JSON.stringify(value)}: expected an issuer URL such as https://accounts.example.com`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname)))
    fail(`Invalid environment variable ${name}=${JSON.stringify(value)}: expected an https URL (http only on loopback)`);
  return value;
}

function credentials(env: Raw, prefix: string, fail: Fail): { clientId: string; clientSecret: string } {
  const clientId = (env[`${prefix}_KEY`] ?? '').trim();
  const clientSecret = (env[`${prefix}_SECRET`] ?? '').trim();
  if (!clientId) fail(`Invalid environment variable ${prefix}_KEY="": expected the client id the provider issued`);
  if (!clientSecret) fail(`Invalid environment variable ${prefix}_SECRET="": expected the client secret the provider issued`);
  return { clientId, clientSecret };
}

const list = (text: string | undefined) => (text ?? '').split(/[,\s]+/).filter(Boolean);

function providersFrom(env: Raw, b: (k: string) => boolean, fail: Fail): SocialProviderConfig[] {
  const out: SocialProviderConfig[] = [];
  if (env.SOCIAL_AUTH_GOOGLE_OAUTH2_KEY?.trim())
    out.push({
      name: 'google-oauth2',
      kind: 'oidc',
      issuer: 'https://accounts.google.com',
      ...credentials(env, 'SOCIAL_AUTH_GOOGLE_OAUTH2', fail),
      scope: ['openid', 'email', 'profile', ...list(env.SOCIAL_AUTH_GOOGLE_OAUTH2_SCOPE)],
      uid: b('SOCIAL_AUTH_GOOGLE_OAUTH2_USE_UNIQUE_USER_ID') ? 'sub' : 'email',
    });
  if (env.SOCIAL_AUTH_GITHUB_KEY?.trim())
    out.push({
      name: 'github',
      kind: 'github',
      issuer: 'https://github.com',
      ...credentials(env, 'SOCIAL_AUTH_GITHUB', fail),
      scope: ['user:email', ...list(env.SOCIAL_AUTH_GITHUB_SCOPE)],
      uid: 'id',
    });
  const endpoint = env.SOCIAL_AUTH_OIDC_OIDC_ENDPOINT?.trim();
  if (endpoint)
    out.push({
      name: 'oidc',
      kind: 'oidc',
      issuer: checkIssuer('SOCIAL_AUTH_OIDC_OIDC_ENDPOINT', endpoint, fail),
      ...credentials(env, 'SOCIAL_AUTH_OIDC', fail),
      scope: ['openid', 'profile', 'email', ...list(env.SOCIAL_AUTH_OIDC_SCOPE)],
      uid: 'sub',
    });
  for (const key of Object.keys(env).sort()) {
    const m = OIDC_ISSUER.exec(key);
    const value = env[key]?.trim();
    if (!m || !value) continue;
    const prefix = `SOCIAL_AUTH_OIDC_${m[1]}`;
    const name = m[1].toLowerCase().replace(/_/g, '-');
    // social_auth_usersocialauth.provider is varchar(32)
    if (name.length > 32) fail(`Invalid environment variable ${key}: the provider name ${JSON.stringify(name)} is longer than 32 characters`);
    if (out.some((p) => p.name === name)) fail(`Invalid environment variable ${key}: provider ${JSON.stringify(name)} is configured twice`);
    out.push({
      name,
      kind: 'oidc',
      issuer: checkIssuer(key, value, fail),
      ...credentials(env, prefix, fail),
      scope: ['openid', 'profile', 'email', ...list(env[`${prefix}_SCOPE`])],
      uid: 'sub',
    });
  }
  return out;
}

/** The SPA pages a provider may send users back to must be absolute http(s) URLs without a fragment. */
function checkRedirectUris(uris: string[], fail: Fail): string[] {
  for (const u of uris) {
    let url: URL | null = null;
    try {
      url = new URL(u);
    } catch {
      /* reported below */
    }
    if (!url || !/^https?:$/.test(url.protocol) || url.hash || url.search)
      fail(`Invalid environment variable DJOSER_SOCIAL_AUTH_ALLOWED_REDIRECT_URIS=${JSON.stringify(uris.join(','))}: ${JSON.stringify(u)} is not an absolute http(s) URL without query or fragment`);
  }
  return uris;
}

export function parseSocialSettings(
  env: Raw,
  s: (k: string) => string,
  b: (k: string) => boolean,
  n: (k: string) => number,
  l: (k: string) => string[],
  fail: Fail,
): SocialSettings {
  const cookie = { secure: b('SESSION_COOKIE_SECURE'), sameSite: s('SESSION_COOKIE_SAMESITE') as SocialSettings['cookie']['sameSite'], domain: s('SESSION_COOKIE_DOMAIN') };
  // Browsers drop a SameSite=None cookie that is not Secure: every POST would lose its state.
  if (cookie.sameSite === 'None' && !cookie.secure)
    fail('Invalid environment variable SESSION_COOKIE_SECURE="false": expected true when SESSION_COOKIE_SAMESITE=None');
  if (/[;\s]/.test(cookie.domain)) fail(`Invalid environment variable SESSION_COOKIE_DOMAIN=${JSON.stringify(cookie.domain)}: expected a domain name`);
  return {
    allowedRedirectUris: checkRedirectUris(l('DJOSER_SOCIAL_AUTH_ALLOWED_REDIRECT_URIS'), fail),
    tokenStrategy: s('DJOSER_SOCIAL_AUTH_TOKEN_STRATEGY') as SocialSettings['tokenStrategy'],
    usernameIsFullEmail: b('SOCIAL_AUTH_USERNAME_IS_FULL_EMAIL'),
    stateTimeout: n('SOCIAL_AUTH_STATE_TIMEOUT'),
    cookie,
    providers: providersFrom(env, b, fail),
  };
}
