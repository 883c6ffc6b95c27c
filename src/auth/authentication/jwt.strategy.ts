import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy as CustomStrategy } from 'passport-custom';
import { SETTINGS } from '../../config/config.module';
import type { Settings } from '../../config/settings';
import { ApiException } from '../../drf/exceptions';
import type { DrfRequest } from '../../drf/request';
import type { User } from '../../users/user.entity';
import { UserLookup } from '../credentials/user-lookup';
import { revokeTokenDigest } from '../jwt/claims';
import { invalidTokenBody, parseJwtAuthorization } from '../tokens/auth-header';
import { TokenCodec, TokenError, TokenPayload } from '../tokens/token-codec';

export const JWT_STRATEGY = 'simplejwt';

/**
 * SimpleJWT's `JWTAuthentication` as a Passport strategy. passport-jwt's own flow does
 * not fit: SimpleJWT skips (rather than fails) on foreign header keywords, reports every
 * failure with its own body, and decodes tokens exactly as PyJWT does (the codec). So the
 * strategy is passport-custom around SimpleJWT's steps:
 * header → two parts → AccessToken(raw) → user by id claim (one primary-key query) → active.
 * Resolves `[user, payload]` (success), `null` (not a JWT header: the next authenticator
 * tries) or throws the 401 ApiException SimpleJWT raises.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(CustomStrategy, JWT_STRATEGY) {
  constructor(
    private readonly codec: TokenCodec,
    private readonly users: UserLookup,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {
    super();
  }

  async validate(req: DrfRequest): Promise<[User, TokenPayload] | null> {
    const header = parseJwtAuthorization(req.headers.authorization, this.settings.simpleJwt.authHeaderTypes);
    if (header.kind === 'skip') return null;
    if (header.kind === 'error') throw new ApiException(401, header.body);
    let payload: TokenPayload;
    try {
      // AUTH_TOKEN_CLASSES = (AccessToken,)
      payload = await this.codec.decode(header.rawBytes, 'access', { path: 'authentication' });
    } catch (caught) {
      const e = this.codec.asTokenError(caught);
      if (!(e instanceof TokenError)) throw e;
      throw new ApiException(401, invalidTokenBody([{ tokenClass: 'AccessToken', tokenType: 'access', message: e.message }]));
    }
    return [await this.userFor(payload), payload];
  }

  /** JWTAuthentication.get_user */
  private async userFor(payload: TokenPayload): Promise<User> {
    const claim = this.settings.simpleJwt.userIdClaim;
    if (!Object.prototype.hasOwnProperty.call(payload, claim)) {
      throw new ApiException(401, { detail: 'Token contained no recognizable user identification', code: 'token_not_valid' });
    }
    const user = await this.users.byIdClaim(payload[claim]);
    if (!user) throw new ApiException(401, { detail: 'User not found', code: 'user_not_found' });
    const s = this.settings.simpleJwt;
    if (s.checkUserIsActive && !user.isActive) throw new ApiException(401, { detail: 'User is inactive', code: 'user_inactive' });
    // CHECK_REVOKE_TOKEN (5.3+): a token minted before the password changed carries another digest
    if (s.checkRevokeToken && payload[s.revokeTokenClaim] !== revokeTokenDigest(user.password))
      throw new ApiException(401, { detail: "The user's password has been changed.", code: 'password_changed' });
    return user;
  }
}
