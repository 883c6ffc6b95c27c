/**
 * SimpleJWT's tokens (rest_framework_simplejwt/tokens.py) on @nestjs/jwt: JwtService
 * (jsonwebtoken) signs and verifies signature, alg, exp, nbf, aud and iss; this class adds
 * what SimpleJWT and PyJWT check beyond that and the claims SimpleJWT writes. Blacklist
 * checks are left to the caller (they need the database).
 */
import { JsonWebTokenError, JwtService, TokenExpiredError } from '@nestjs/jwt';
import { randomUUID } from 'crypto';
import { ClaimValue, isClaimObject, TokenPayload } from './claim-value';
import { JwtKeyError, JwtOptions, jwtOptions } from './jwt-options';
import { JwtSettings, SIMPLE_JWT_5_2, TokenRelease } from './jwt-settings';

export type { TokenPayload };

/** SimpleJWT's TokenError; `message` is the user-facing text SimpleJWT puts in `detail` / `messages[].message`. */
export class TokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenError';
  }
}

/**
 * Longest token (in bytes) looked at; longer ones are "Token is invalid or expired"
 * without parsing. SimpleJWT has no limit; SimpleJWT itself never issues more than a few
 * hundred bytes, and 8 KiB matches the usual HTTP header-line limits.
 */
export const MAX_TOKEN_BYTES = 8192;

export type TokenType = 'access' | 'refresh';

export interface IssuedToken {
  token: string;
  payload: TokenPayload;
}

export interface IssuedPair {
  refresh: string;
  access: string;
  /** The claims as SimpleJWT holds them (`token.payload`): without `aud`/`iss`, which encode adds. */
  refreshPayload: TokenPayload;
  accessPayload: TokenPayload;
}

export class TokenCodec {
  readonly options: JwtOptions;
  private readonly jwt: JwtService;
  private readonly release: TokenRelease;
  /** Tests pass a clock; the app runs on jsonwebtoken's own (whole seconds of Date.now, as PyJWT). */
  private readonly fixedClock: boolean;

  constructor(
    private readonly settings: JwtSettings,
    private readonly now: () => number = Date.now,
    /** `uuid4().hex` */
    private readonly newJti: () => string = () => randomUUID().replace(/-/g, ''),
    /** The app passes JwtModule's options and JwtService; built from the settings otherwise. */
    options?: JwtOptions,
    jwt?: JwtService,
  ) {
    this.options = options ?? jwtOptions(settings);
    this.jwt = jwt ?? new JwtService(this.options);
    this.release = settings.release ?? SIMPLE_JWT_5_2;
    this.fixedClock = now !== Date.now;
  }

  /** `RefreshToken.for_user(user)` (+ extra claims) and its `access_token`, as TokenObtainPairView returns them. */
  async issuePair(userId: number | bigint | string, extraClaims: TokenPayload = {}): Promise<IssuedPair> {
    const nowMs = this.now();
    const refreshPayload: TokenPayload = {
      ...this.newPayload('refresh', nowMs, this.settings.refreshTokenLifetime),
      [this.settings.userIdClaim]: userIdClaimValue(userId, this.release.userIdClaimAsString),
      ...extraClaims,
    };
    const accessPayload = this.deriveAccess(refreshPayload, nowMs, true);
    const [refresh, access] = await Promise.all([this.encode(refreshPayload), this.encode(accessPayload)]);
    return { refresh, access, refreshPayload, accessPayload };
  }

  /** `RefreshToken(token).access_token` for a refresh payload decoded now (TokenRefreshView). */
  async accessFromRefresh(refreshPayload: TokenPayload): Promise<IssuedToken> {
    const payload = this.deriveAccess(refreshPayload, this.now(), false);
    return { token: await this.encode(payload), payload };
  }

  /** ROTATE_REFRESH_TOKENS: the same claims with a new jti, then exp and iat from now (set_jti, set_exp, set_iat). */
  async rotate(refreshPayload: TokenPayload): Promise<IssuedToken> {
    const nowMs = this.now();
    const payload: TokenPayload = {
      ...refreshPayload,
      [this.settings.jtiClaim ?? 'null']: this.newJti(),
      exp: epochSeconds(nowMs, this.settings.refreshTokenLifetime),
      iat: epochSeconds(nowMs, 0),
    };
    return { token: await this.encode(payload), payload };
  }

  /** `TokenBackend.encode`: `aud` then `iss` set on a copy, signed by JwtService (header {"alg","typ":"JWT"}, as PyJWT). */
  encode(payload: TokenPayload): Promise<string> {
    if (!this.options.secret && !this.options.privateKey) return Promise.reject(new JwtKeyError(`SIGNING_KEY is needed to sign ${this.settings.algorithm}`));
    const claims: TokenPayload = { ...payload };
    if (this.settings.audience !== null) claims.aud = this.settings.audience;
    if (this.settings.issuer !== null) claims.iss = this.settings.issuer;
    return this.jwt.signAsync(claims as Record<string, unknown>);
  }

  /**
   * `AccessToken(token)` / `RefreshToken(token)` / `UntypedToken(token)` (expectedType null),
   * without the blacklist check. Throws TokenError with SimpleJWT's message.
   */
  decode(token: string, expectedType: TokenType | null): TokenPayload {
    if (Buffer.byteLength(token, 'utf8') > MAX_TOKEN_BYTES) throw new TokenError(this.release.tokenInvalidMessage);
    let payload: unknown;
    try {
      payload = this.fixedClock
        ? this.jwt.verify(token, { clockTimestamp: Math.floor(this.now() / 1000) })
        : this.jwt.verify(token);
    } catch (e) {
      throw this.tokenError(e);
    }
    return this.checkVerified(payload, expectedType);
  }

  /** SimpleJWT's message for a jsonwebtoken refusal (PyJWT's ExpiredSignatureError is told apart from 5.3 on). */
  tokenError(e: unknown): TokenError {
    if (e instanceof TokenExpiredError) return new TokenError(this.release.tokenExpiredMessage);
    if (e instanceof JsonWebTokenError || e instanceof Error) return new TokenError(this.release.tokenInvalidMessage);
    throw e;
  }

  /**
   * After jsonwebtoken accepted signature, alg, exp, nbf, aud and iss (`verified` is its
   * `complete` result): what PyJWT checks beyond it (no `b64: false` header, payload an
   * object, `aud` a string or list of strings, `iat` an int not in the future, `int(exp)`
   * truncates), then SimpleJWT's Token.verify (check_exp, jti, type; no type for UntypedToken).
   */
  checkVerified(verified: unknown, expectedType: TokenType | null): TokenPayload {
    const invalid = () => new TokenError(this.release.tokenInvalidMessage);
    const { header, payload } = verified as { header: { b64?: unknown }; payload: unknown };
    if (header.b64 === false || !isClaimObject(payload)) throw invalid();
    if (this.settings.audience !== null && Array.isArray(payload.aud) && payload.aud.some((a) => typeof a !== 'string')) throw invalid();
    const has = (claim: string) => Object.prototype.hasOwnProperty.call(payload, claim);
    const nowSeconds = this.now() / 1000;
    const { leeway } = this.settings;
    // PyJWT: int(iat) must work and iat must not be after now (whole seconds) + leeway
    if (has('iat') && !(typeof payload.iat === 'boolean' || (Number.isFinite(payload.iat) && (payload.iat as number) <= Math.floor(nowSeconds) + leeway))) {
      throw invalid();
    }
    if (!has('exp')) throw new TokenError("Token has no 'exp' claim");
    const exp = utcFromTimestamp(payload.exp);
    if (exp === null) throw invalid();
    // PyJWT compares int(exp), which truncates a fractional exp jsonwebtoken still accepts
    if (Math.trunc(exp) <= Math.floor(nowSeconds) - leeway) throw new TokenError(this.release.tokenExpiredMessage);
    // check_exp compares datetimes: microsecond-precise now, not PyJWT's whole seconds
    if (exp <= nowSeconds - leeway) throw new TokenError("Token 'exp' claim has expired");
    const { jtiClaim, tokenTypeClaim } = this.settings;
    if (jtiClaim !== null && !has(jtiClaim)) throw new TokenError('Token has no id');
    if (tokenTypeClaim !== null && expectedType !== null) {
      if (!has(tokenTypeClaim)) throw new TokenError('Token has no type');
      if (payload[tokenTypeClaim] !== expectedType) throw new TokenError('Token has wrong type');
    }
    return payload;
  }

  /** A new Token(): `{TOKEN_TYPE_CLAIM: type}`, set_exp, set_iat, set_jti (a None claim name dumps as "null"). */
  private newPayload(type: TokenType, nowMs: number, lifetime: number): TokenPayload {
    return {
      [this.settings.tokenTypeClaim ?? 'null']: type,
      exp: epochSeconds(nowMs, lifetime),
      iat: epochSeconds(nowMs, 0),
      [this.settings.jtiClaim ?? 'null']: this.newJti(),
    };
  }

  /**
   * RefreshToken.access_token: a new AccessToken whose exp counts from the refresh's
   * `current_time`, then every refresh claim copied except no_copy_claims
   * (TOKEN_TYPE_CLAIM, "exp", JTI_CLAIM, "jti"); `iat` is copied in 5.2.2, not in 5.3+
   * (the access token keeps its own).
   */
  private deriveAccess(refresh: TokenPayload, refreshTimeMs: number, fresh: boolean): TokenPayload {
    const access = this.newPayload('access', refreshTimeMs, this.settings.accessTokenLifetime);
    const noCopy = new Set(['exp', 'jti']);
    if (this.release.refreshedAccessOwnIat) noCopy.add('iat');
    const { tokenTypeClaim, jtiClaim } = this.settings;
    if (tokenTypeClaim !== null) noCopy.add(tokenTypeClaim);
    if (jtiClaim !== null) noCopy.add(jtiClaim);
    // a None claim name is the key None in memory (not copied) but "null" once decoded (copied)
    if (fresh && (tokenTypeClaim === null || jtiClaim === null)) noCopy.add('null');
    for (const claim of Object.keys(refresh)) {
      if (!noCopy.has(claim)) access[claim] = refresh[claim];
    }
    return access;
  }
}

/** `calendar.timegm((from + lifetime).utctimetuple())`: whole seconds, floored. */
function epochSeconds(nowMs: number, lifetimeSeconds: number): number {
  return Math.floor((nowMs + lifetimeSeconds * 1000) / 1000);
}

/** Token.for_user: an int stays a JSON number (5.2.2; 5.5 `str()`s it too), anything else is `str()`-ed. */
function userIdClaimValue(userId: number | bigint | string, asString: boolean): ClaimValue {
  if (asString || typeof userId === 'bigint') return String(userId);
  return userId;
}

/** Seconds `datetime.utcfromtimestamp` accepts (years 1..9999); where it raises, the views answer "invalid" (COMPAT.md). */
const MIN_TIMESTAMP = -62135596800;
const MAX_TIMESTAMP_EXCLUSIVE = 253402300800;

/** `datetime_from_epoch(exp)` as epoch seconds, or null where Python raises (not a number, out of range). */
function utcFromTimestamp(v: ClaimValue): number | null {
  const seconds = typeof v === 'boolean' ? Number(v) : v;
  if (typeof seconds !== 'number') return null;
  const rounded = Math.round(seconds * 1e6) / 1e6;
  return rounded >= MIN_TIMESTAMP && rounded < MAX_TIMESTAMP_EXCLUSIVE ? seconds : null;
}
