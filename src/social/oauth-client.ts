import type * as Oidc from 'openid-client' with { 'resolution-mode': 'import' };
import type { SocialProviderConfig } from './social-settings';
import { nonceFor } from './social-state';

/**
 * The provider side of a login, on openid-client (discovery, PKCE, the code exchange, ID
 * token and userinfo checks). openid-client is ESM-only, so it is loaded with import().
 */
let library: Promise<typeof Oidc> | undefined;
const oidc = () => (library ??= import('openid-client'));

/** What the login pipeline needs from the provider, after its checks passed. */
export interface ProviderIdentity {
  uid: string;
  email: string;
  emailVerified: boolean;
  username: string;
  firstName: string;
  lastName: string;
  /** social_auth_usersocialauth.extra_data, as python-social-auth's OAuth2 backends fill it. */
  extraData: Record<string, unknown>;
}

/** A failure python-social-auth raises as an AuthException: its text becomes the 400 answer. */
export class ProviderError extends Error {}

const GITHUB = {
  issuer: 'https://github.com',
  authorization_endpoint: 'https://github.com/login/oauth/authorize',
  token_endpoint: 'https://github.com/login/oauth/access_token',
};
const GITHUB_API = 'https://api.github.com';

const isLoopback = (url: string) => ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);

export class OAuthClient {
  private config?: Promise<Oidc.Configuration>;

  constructor(readonly provider: SocialProviderConfig) {}

  /** Discovery once per process; a failed discovery is retried by the next request. */
  private configuration(): Promise<Oidc.Configuration> {
    if (!this.config) {
      this.config = (async () => {
        const lib = await oidc();
        const p = this.provider;
        const options = isLoopback(p.issuer) ? { execute: [lib.allowInsecureRequests] } : undefined;
        if (p.kind === 'github') return new lib.Configuration(GITHUB, p.clientId, p.clientSecret);
        return lib.discovery(new URL(p.issuer), p.clientId, p.clientSecret, undefined, options);
      })();
      this.config.catch(() => (this.config = undefined));
    }
    return this.config;
  }

  async authorizationUrl(redirectUri: string, state: string, browserSecret: string): Promise<string> {
    const lib = await oidc();
    const config = await this.configuration().catch(() => {
      throw new ProviderError('The authentication provider could not be reached');
    });
    const params: Record<string, string> = {
      redirect_uri: redirectUri,
      scope: this.provider.scope.join(' '),
      state,
      code_challenge: await lib.calculatePKCECodeChallenge(browserSecret),
      code_challenge_method: 'S256',
    };
    if (this.provider.kind === 'oidc') params.nonce = nonceFor(browserSecret);
    return lib.buildAuthorizationUrl(config, params).href;
  }

  /** The code exchange and the user's identity; every provider-side failure is a ProviderError. */
  async complete(redirectUri: string, query: { code: string; state: string; iss?: string }, browserSecret: string): Promise<ProviderIdentity> {
    const lib = await oidc();
    const config = await this.configuration().catch((e: unknown) => {
      throw new ProviderError(`Network error during authentication: ${(e as Error).message}`);
    });
    const current = new URL(redirectUri);
    current.searchParams.set('code', query.code);
    current.searchParams.set('state', query.state);
    const meta = config.serverMetadata();
    // RFC 9207: Djoser clients forward only code and state; this URL serves one issuer, so mix-up is not possible.
    if (meta.authorization_response_iss_parameter_supported) current.searchParams.set('iss', query.iss || meta.issuer);
    const oidcKind = this.provider.kind === 'oidc';
    let tokens: Awaited<ReturnType<typeof lib.authorizationCodeGrant>>;
    try {
      tokens = await lib.authorizationCodeGrant(config, current, {
        expectedState: query.state,
        pkceCodeVerifier: browserSecret,
        expectedNonce: oidcKind ? nonceFor(browserSecret) : undefined,
        idTokenExpected: oidcKind,
      });
    } catch (e) {
      throw translate(lib, e);
    }
    try {
      return oidcKind ? await this.oidcIdentity(lib, config, tokens) : await this.githubIdentity(lib, config, tokens);
    } catch (e) {
      throw translate(lib, e);
    }
  }

  private async oidcIdentity(lib: typeof Oidc, config: Oidc.Configuration, tokens: Oidc.TokenEndpointResponse & Oidc.TokenEndpointResponseHelpers): Promise<ProviderIdentity> {
    const claims = tokens.claims()!;
    // python-social-auth's OpenIdConnectAuth reads the userinfo endpoint too; the ID token's claims win.
    const info = config.serverMetadata().userinfo_endpoint ? await lib.fetchUserInfo(config, tokens.access_token, claims.sub) : {};
    const all = { ...info, ...claims } as Record<string, unknown>;
    const str = (k: string) => (typeof all[k] === 'string' ? (all[k] as string) : '');
    const email = str('email');
    const uid = this.provider.uid === 'email' ? email : claims.sub;
    if (!uid) throw new ProviderError("Email couldn't be validated");
    return {
      uid,
      email,
      emailVerified: all.email_verified === true || all.email_verified === 'true',
      // GoogleOAuth2: the part of the address before @; OpenIdConnectAuth: preferred_username.
      username: this.provider.name === 'google-oauth2' ? email.split('@')[0] : str('preferred_username'),
      firstName: str('given_name'),
      lastName: str('family_name'),
      extraData: extraData(tokens, { id_token: tokens.id_token }),
    };
  }

  /** GithubOAuth2: /user, and /user/emails for the verified primary address. */
  private async githubIdentity(lib: typeof Oidc, config: Oidc.Configuration, tokens: Oidc.TokenEndpointResponse): Promise<ProviderIdentity> {
    const get = async <T>(path: string): Promise<T> => {
      const res = await lib.fetchProtectedResource(config, tokens.access_token, new URL(GITHUB_API + path), 'GET', undefined, new Headers({ Accept: 'application/vnd.github+json' }));
      if (res.status === 401) throw new ProviderError("Your credentials aren't allowed");
      if (!res.ok) throw new ProviderError(`Authentication failed: GitHub answered ${res.status}`);
      return (await res.json()) as T;
    };
    const user = await get<{ id: number; login: string; name?: string | null; email?: string | null }>('/user');
    const emails = await get<Array<{ email: string; primary: boolean; verified: boolean }>>('/user/emails');
    const primary = emails.find((e) => e.primary && e.verified) ?? emails.find((e) => e.verified);
    const [first, ...rest] = (user.name ?? '').split(' ');
    return {
      uid: String(user.id),
      email: primary?.email ?? user.email ?? '',
      emailVerified: Boolean(primary),
      username: user.login,
      firstName: first ?? '',
      lastName: rest.join(' '),
      extraData: extraData(tokens, { login: user.login, id: user.id }),
    };
  }
}

function extraData(tokens: Oidc.TokenEndpointResponse, more: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = { auth_time: Math.floor(Date.now() / 1000), ...more, access_token: tokens.access_token, token_type: tokens.token_type };
  if (tokens.expires_in !== undefined) data.expires = tokens.expires_in;
  if (tokens.refresh_token) data.refresh_token = tokens.refresh_token;
  return data;
}

/**
 * openid-client's errors in python-social-auth's words: a refused code (400) is
 * AuthCanceled, a refused client (401) AuthForbidden, an unreachable provider
 * AuthUnreachableProvider or Djoser 2.3.4's network error, a bad ID token AuthTokenError.
 */
function translate(lib: typeof Oidc, e: unknown): ProviderError {
  if (e instanceof ProviderError) return e;
  if (e instanceof lib.ResponseBodyError) {
    if (e.status === 401) return new ProviderError("Your credentials aren't allowed");
    if (e.status === 503) return new ProviderError('The authentication provider could not be reached');
    if (e.status === 400) return new ProviderError('Authentication process canceled');
    return new ProviderError(`Authentication failed: ${e.error_description || e.error}`);
  }
  if (e instanceof lib.AuthorizationResponseError) return new ProviderError(`Authentication failed: ${e.error_description || e.error}`);
  const err = e as Error & { code?: string; cause?: unknown };
  if (err instanceof TypeError || err?.name === 'AbortError' || err?.name === 'TimeoutError' || err?.code === 'OAUTH_TIMEOUT')
    return new ProviderError(`Network error during authentication: ${err.message}`);
  if (err instanceof lib.ClientError && /^OAUTH_(JWT|JWS|JWT_CLAIM|INVALID_RESPONSE|RESPONSE_IS_NOT_CONFORM|RESPONSE_BODY|JSON)/.test(err.code ?? ''))
    return new ProviderError(`Token error: ${err.message}`);
  return new ProviderError(`Authentication failed: ${err?.message ?? String(e)}`);
}
