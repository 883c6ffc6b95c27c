import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DrfTokenService } from '../auth/drf-token/drf-token.service';
import { SimpleJwtService } from '../auth/jwt/simple-jwt.service';
import { SETTINGS } from '../config/config.module';
import type { Settings } from '../config/settings';
import { ApiException, NotFound } from '../drf/exceptions';
import { nonFieldError } from '../drf/serializer';
import { PasswordHasher } from '../users/passwords/password-hasher';
import type { User } from '../users/user.entity';
import { OAuthClient, ProviderError } from './oauth-client';
import { userForIdentity } from './social-users';
import { checkState, issueState, newBrowserSecret } from './social-state';

/** Djoser's texts (djoser.social.serializers / python-social-auth's exceptions). */
export const SOCIAL_MESSAGES = {
  redirectUriNotAllowed: 'redirect_uri must be in SOCIAL_AUTH_ALLOWED_REDIRECT_URIS',
  notSupported: (p: string) => `Provider '${p}' not supported`,
  // state given in the query string: djoser's _validate_state
  queryStateEmpty: 'State could not be found in request data.',
  queryStateNoSession: 'State could not be found in server-side session data.',
  queryStateInvalid: 'Invalid state has been provided.',
  // state given in the form body (or not at all): python-social-auth's validate_state
  stateMissing: 'Missing needed parameter state',
  formStateNoSession: 'Session value state missing.',
  formStateInvalid: 'Wrong state parameter given.',
  inactive: 'No active account found with the given credentials',
} as const;

/** python-social-auth's OAuth2 process_error: AuthCanceled for a refusal, else AuthFailed. */
export function providerErrorText(error: string, description: string): string {
  if (error.includes('denied') || error.includes('cancelled'))
    return description ? `Authentication process canceled: ${description}` : 'Authentication process canceled';
  const msg = description || error;
  return msg === 'access_denied' ? 'Authentication process was canceled' : `Authentication failed: ${msg}`;
}

/** The parameters of the provider's answer, as python-social-auth reads them (query, then form body). */
export interface CallbackParams {
  code?: string;
  state?: string;
  /** Whether `state` came from the query string (djoser checks it first, with its own texts). */
  stateInQuery: boolean;
  error?: string;
  errorDescription?: string;
  iss?: string;
}

export type SocialTokens = { access: string; refresh: string; user: string } | { auth_token: string; user: string };

/** GET and POST auth/o/{provider}/: the authorization URL, then the callback's code for our tokens. */
@Injectable()
export class SocialLoginService {
  private readonly clients = new Map<string, OAuthClient>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly jwt: SimpleJwtService,
    private readonly drfTokens: DrfTokenService,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {
    for (const p of settings.social.providers) this.clients.set(p.name, new OAuthClient(p));
  }

  private client(provider: string): OAuthClient {
    const client = this.clients.get(provider);
    if (!client) throw NotFound(SOCIAL_MESSAGES.notSupported(provider));
    return client;
  }

  /** The authorization URL, and the browser secret to keep in the state cookie. */
  async begin(provider: string, redirectUri: string | undefined): Promise<{ authorizationUrl: string; browserSecret: string }> {
    const s = this.settings.social;
    // Djoser answers a bare JSON string here, before it looks at the provider.
    if (redirectUri === undefined || !s.allowedRedirectUris.includes(redirectUri)) throw new ApiException(400, SOCIAL_MESSAGES.redirectUriNotAllowed);
    const client = this.client(provider);
    const browserSecret = newBrowserSecret();
    const state = issueState(this.settings.secretKey, provider, redirectUri, browserSecret, s.stateTimeout);
    try {
      return { authorizationUrl: await client.authorizationUrl(redirectUri, state, browserSecret), browserSecret };
    } catch (e) {
      if (e instanceof ProviderError) throw nonFieldError(e.message);
      throw e;
    }
  }

  async complete(provider: string, params: CallbackParams, browserSecret: string | undefined): Promise<SocialTokens> {
    const client = this.client(provider);
    if (params.stateInQuery) this.validateState(provider, params, browserSecret);
    // python-social-auth's process_error comes before its own state check.
    if (params.error) throw nonFieldError(providerErrorText(params.error, params.errorDescription ?? ''));
    const payload = this.validateState(provider, params, browserSecret);
    if (!(await this.spend(payload.i, payload.e))) throw nonFieldError(params.stateInQuery ? SOCIAL_MESSAGES.queryStateInvalid : SOCIAL_MESSAGES.formStateInvalid);
    // python-social-auth sends an empty code to the provider, which refuses it (400: AuthCanceled).
    if (!params.code) throw nonFieldError('Authentication process canceled');

    try {
      const identity = await client.complete(payload.r, { code: params.code, state: params.state!, iss: params.iss }, browserSecret!);
      const user = await this.dataSource.transaction((m) =>
        userForIdentity(m, provider, identity, {
          emailLogin: this.settings.djoser.loginField === 'email',
          usernameIsFullEmail: this.settings.social.usernameIsFullEmail,
          unusablePassword: () => this.hasher.makeUnusable(),
          model: this.settings.userModel,
        }),
      );
      if (!user.isActive) throw nonFieldError(SOCIAL_MESSAGES.inactive);
      return this.tokensFor(user);
    } catch (e) {
      if (e instanceof ProviderError) throw nonFieldError(e.message);
      throw e;
    }
  }

  /** Djoser's checks in its order: state given, a session (here: the cookie), the same state. */
  private validateState(provider: string, params: CallbackParams, browserSecret: string | undefined) {
    const q = params.stateInQuery;
    if (!params.state) throw nonFieldError(q ? SOCIAL_MESSAGES.queryStateEmpty : SOCIAL_MESSAGES.stateMissing);
    if (!browserSecret) throw nonFieldError(q ? SOCIAL_MESSAGES.queryStateNoSession : SOCIAL_MESSAGES.formStateNoSession);
    const checked = checkState(this.settings.secretKey, params.state, provider, browserSecret);
    if (!checked.ok) throw nonFieldError(q ? SOCIAL_MESSAGES.queryStateInvalid : SOCIAL_MESSAGES.formStateInvalid);
    return checked.payload;
  }

  /** Records the state as used; false when it was used before (a replay, or a concurrent twin). */
  private async spend(id: string, expiresAtSeconds: number): Promise<boolean> {
    await this.dataSource.query('DELETE FROM nest_social_state WHERE expires_at < now()');
    const rows: unknown[] = await this.dataSource.query(
      'INSERT INTO nest_social_state (id, expires_at) VALUES ($1, to_timestamp($2)) ON CONFLICT (id) DO NOTHING RETURNING id',
      [id, expiresAtSeconds],
    );
    return rows.length === 1;
  }

  /** djoser.social.token.jwt.TokenStrategy: `user` is `str(user)`, the USERNAME_FIELD's value. */
  private async tokensFor(user: User): Promise<SocialTokens> {
    const name = this.settings.djoser.loginField === 'email' ? user.email : user.username;
    if (this.settings.social.tokenStrategy === 'token') return { auth_token: await this.drfTokens.getOrCreate(user.id), user: name };
    const pair = await this.jwt.obtainPair(user);
    return { access: pair.access, refresh: pair.refresh, user: name };
  }
}
