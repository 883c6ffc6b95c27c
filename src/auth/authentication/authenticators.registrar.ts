import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { SETTINGS } from '../../config/config.module';
import type { Settings } from '../../config/settings';
import { AuthenticationRegistry } from '../../drf/authentication';
import { bindSettings } from '../app-settings';
import { PassportAuthenticator } from '../passport/passport-authenticator';
import { jwtAuthenticateHeader } from '../tokens/auth-header';
import { DrfTokenStrategy } from './drf-token.strategy';
import { JwtStrategy } from './jwt.strategy';

/** DEFAULT_AUTHENTICATION_CLASSES of the reference: JWTAuthentication, then TokenAuthentication. */
export const JWT_AUTHENTICATOR_ORDER = 0;
export const DRF_TOKEN_AUTHENTICATOR_ORDER = 1;

/** Puts the two authentication classes into the wire layer's registry at start. */
@Injectable()
export class AuthenticatorsRegistrar implements OnModuleInit {
  constructor(
    private readonly registry: AuthenticationRegistry,
    private readonly jwt: JwtStrategy,
    private readonly drfToken: DrfTokenStrategy,
    private readonly adapterHost: HttpAdapterHost,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  onModuleInit(): void {
    bindSettings(this.adapterHost.httpAdapter.getInstance(), this.settings);
    const challenge = jwtAuthenticateHeader(this.settings.simpleJwt.authHeaderTypes);
    this.registry.register(new PassportAuthenticator(this.jwt, challenge, (req) => this.jwt.carriesToken(req)), JWT_AUTHENTICATOR_ORDER);
    // TokenAuthentication.authenticate_header is "Token", but only the first class's header is ever sent
    this.registry.register(new PassportAuthenticator(this.drfToken, 'Token'), DRF_TOKEN_AUTHENTICATOR_ORDER);
  }
}
