import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-jwt';
import { SETTINGS } from '../../config/config.module';
import type { Settings } from '../../config/settings';
import { ApiException } from '../../drf/exceptions';
import type { DrfRequest } from '../../drf/request';
import type { User } from '../../users/user.entity';
import { UserLookup } from '../credentials/user-lookup';
import { revokeTokenDigest } from '../jwt/claims';
import { jwtOptionsOf } from '../tokens-provider';
import { invalidTokenBody, JwtHeaderResult, parseJwtAuthorization } from '../tokens/auth-header';
import { MAX_TOKEN_BYTES, TokenCodec, TokenError, TokenPayload } from '../tokens/token-codec';

export const JWT_STRATEGY = 'simplejwt';

/** passport-jwt's `fail` when jwtFromRequest found no token: DRF moves on to the next authenticator. */
const NO_AUTH_TOKEN = 'No auth token';

/**
 * SimpleJWT's `JWTAuthentication` as passport-jwt's Strategy: jwtFromRequest reads
 * `<AUTH_HEADER_NAME>: <AUTH_HEADER_TYPES> <token>` as SimpleJWT does (a foreign keyword
 * is no token: skipped; a malformed header is SimpleJWT's 401), jsonwebtoken verifies with
 * JwtModule's key and options, and `validate` adds SimpleJWT's steps on top:
 * AccessToken checks → user by id claim (one primary-key query) → active → CHECK_REVOKE_TOKEN.
 * Resolves `[user, payload]`; every refusal is the 401 SimpleJWT raises (see `failure`).
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, JWT_STRATEGY) {
  constructor(
    private readonly codec: TokenCodec,
    private readonly users: UserLookup,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {
    const { verifyingKey, verifyOptions } = jwtOptionsOf(settings);
    const { authHeaderTypes: types, authHeaderName: name } = settings.simpleJwt;
    super({
      jwtFromRequest: (req: DrfRequest) => tokenFrom(jwtHeaderOf(req, name, types), codec),
      // jsonwebtoken takes the prebuilt KeyObject (passport-jwt's types only name string | Buffer)
      secretOrKey: verifyingKey as unknown as Buffer,
      jsonWebTokenOptions: verifyOptions,
      // passport-jwt writes these three over jsonWebTokenOptions, undefined included: pass them again
      algorithms: verifyOptions.algorithms,
      audience: verifyOptions.audience as string | undefined,
      issuer: verifyOptions.issuer as string | undefined,
    });
  }

  /**
   * JWTAuthentication.authenticate's first step (no `<AUTH_HEADER_NAME>: <type> ...` header: None),
   * taken before passport-jwt runs: its "No auth token" failure builds an Error, stack trace
   * included, on every request that carries no JWT (≈ 8 µs each, BENCHMARKS.md).
   */
  carriesToken(req: DrfRequest): boolean {
    const { authHeaderTypes: types, authHeaderName: name } = this.settings.simpleJwt;
    return jwtHeaderOf(req, name, types).kind !== 'skip';
  }

  async validate(verified: unknown): Promise<[User, TokenPayload]> {
    let payload: TokenPayload;
    try {
      // AUTH_TOKEN_CLASSES = (AccessToken,)
      payload = this.codec.checkVerified(verified, 'access');
    } catch (e) {
      if (e instanceof TokenError) throw invalidAccessToken(e);
      throw e;
    }
    return [await this.userFor(payload), payload];
  }

  /** passport-jwt's `fail(info)`: no token is "not this authenticator" (null), anything else jsonwebtoken refused. */
  failure(info: unknown): ApiException | null {
    if (info instanceof Error && info.message === NO_AUTH_TOKEN) return null;
    return invalidAccessToken(this.codec.tokenError(info));
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

const JWT_HEADER = Symbol('jwtHeader');

/** JWTAuthentication.get_header + the split of get_raw_token, read once per request (carriesToken, then passport-jwt). */
function jwtHeaderOf(req: DrfRequest, name: string, types: string[]): JwtHeaderResult {
  const r = req as DrfRequest & { [JWT_HEADER]?: JwtHeaderResult };
  if (!r[JWT_HEADER]) {
    const value = req.headers[name];
    r[JWT_HEADER] = parseJwtAuthorization(Array.isArray(value) ? value.join(', ') : value, types);
  }
  return r[JWT_HEADER];
}

/** get_raw_token; null = no JWT header (skip). */
function tokenFrom(header: JwtHeaderResult, codec: TokenCodec): string | null {
  if (header.kind === 'skip') return null;
  if (header.kind === 'error') throw new ApiException(401, header.body);
  if (header.raw.length > MAX_TOKEN_BYTES) throw invalidAccessToken(codec.tokenError(new Error('oversized')));
  return header.raw;
}

function invalidAccessToken(e: TokenError): ApiException {
  return new ApiException(401, invalidTokenBody([{ tokenClass: 'AccessToken', tokenType: 'access', message: e.message }]));
}
