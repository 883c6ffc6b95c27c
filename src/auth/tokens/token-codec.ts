/**
 * SimpleJWT 5.2.2 tokens (rest_framework_simplejwt/tokens.py + backends.py) on top of
 * a PyJWT 2.6 reproduction: the same bytes on issue, the same verdicts and messages
 * on decode. Blacklist checks are left to the caller (they need the database).
 */
import { randomUUID } from 'crypto';
import { pyStr } from '../../drf/parsing/python-value';
import { claimKeys, PyDictBuilder } from './claim-order';
import { ClaimValue, PyFloat, PyInt, TokenPayload } from './claim-value';
import { JwsKey, prepareSigningKey, prepareVerifyingKey, signJws } from './jws-crypto';
import { JwtSettings, SIMPLE_JWT_5_2, TokenRelease } from './jwt-settings';
import { base64UrlEncode } from './py-base64';
import { pyJsonDumps } from './py-json-dumps';
import { DecodedTokens } from './decoded-tokens';
import { PyJwtCrash, pyJwtDecode, PyJwtExpired, PyJwtInvalid } from './pyjwt-decode';

export { PyJwtCrash };
export type { TokenPayload };

/** SimpleJWT's TokenError; `message` is the user-facing text SimpleJWT puts in `detail` / `messages[].message`. */
export class TokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenError';
  }
}

export const TOKEN_INVALID_OR_EXPIRED = 'Token is invalid or expired';

/**
 * Longest token (in bytes) looked at; longer ones are "Token is invalid or expired"
 * without parsing. SimpleJWT has no limit; SimpleJWT itself never issues more than a few
 * hundred bytes, and 8 KiB matches the usual HTTP header-line limits.
 */
export const MAX_TOKEN_BYTES = 8192;

/**
 * Nesting depth of JSON containers in the payload at which CPython's scanner raises
 * RecursionError on the reference (gunicorn sync worker), measured: inside
 * JWTAuthentication 939 still decodes and 940 is a 500; inside the jwt/* views
 * (serializer validate) 941 / 942. The header is parsed two frames deeper.
 */
const MAX_PAYLOAD_DEPTH = { authentication: 939, view: 941 } as const;
const HEADER_EXTRA_FRAMES = 2;

export type TokenType = 'access' | 'refresh';

export interface DecodeOptions {
  /** Where the reference would decode: only changes the RecursionError depth. Default 'view'. */
  path?: 'authentication' | 'view';
}

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
  private readonly signingKey: () => JwsKey;
  private readonly verifyingKey: JwsKey;
  /** PyJWT's decode is a pure function of the bytes, the settings and the whole second: memoised within that second. */
  private readonly decoded = new DecodedTokens();
  private readonly release: TokenRelease;

  constructor(
    private readonly settings: JwtSettings,
    private readonly now: () => number = () => Date.now(),
    /** `uuid4().hex` */
    private readonly newJti: () => string = () => randomUUID().replace(/-/g, ''),
  ) {
    this.release = settings.release ?? SIMPLE_JWT_5_2;
    this.verifyingKey = prepareVerifyingKey(settings.algorithm, settings.signingKey, settings.verifyingKey);
    // parsed on first use, so a verify-only deployment needs no private key
    let signing: JwsKey | undefined;
    this.signingKey = () => (signing ??= prepareSigningKey(settings.algorithm, settings.signingKey));
  }

  /** crashAsTokenError with this codec's release. */
  asTokenError(e: unknown): unknown {
    return crashAsTokenError(e, this.release);
  }

  /** `RefreshToken.for_user(user)` (+ extra claims) and its `access_token`, as TokenObtainPairView returns them. */
  async issuePair(userId: number | bigint | string, extraClaims: TokenPayload = {}): Promise<IssuedPair> {
    const nowMs = this.now();
    const dict = this.newPayload('refresh', nowMs, this.settings.refreshTokenLifetime);
    dict.set(this.settings.userIdClaim, userIdClaimValue(userId, this.release.userIdClaimAsString));
    for (const claim of claimKeys(extraClaims)) dict.set(claim, extraClaims[claim]);
    const refreshPayload = dict.build();
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
    const payload = PyDictBuilder.copyOf(refreshPayload)
      .set(this.settings.jtiClaim ?? 'null', this.newJti())
      .set('exp', epochSeconds(nowMs, this.settings.refreshTokenLifetime))
      .set('iat', epochSeconds(nowMs, 0))
      .build();
    return { token: await this.encode(payload), payload };
  }

  /** `TokenBackend.encode`: `aud` then `iss` set on a copy, PyJWT header and JSON, signed. */
  async encode(payload: TokenPayload): Promise<string> {
    const copy = PyDictBuilder.copyOf(payload);
    if (this.settings.audience !== null) copy.set('aud', this.settings.audience);
    if (this.settings.issuer !== null) copy.set('iss', this.settings.issuer);
    const claims = copy.build();
    // PyJWT: {"typ": "JWT", "alg": alg} dumped with sort_keys=True
    const header = `{"alg":"${this.settings.algorithm}","typ":"JWT"}`;
    const signingInput = `${base64UrlEncode(Buffer.from(header))}.${base64UrlEncode(Buffer.from(pyJsonDumps(claims), 'utf8'))}`;
    const signature = await signJws(this.settings.algorithm, Buffer.from(signingInput), this.signingKey());
    return `${signingInput}.${base64UrlEncode(signature)}`;
  }

  /**
   * `AccessToken(token)` / `RefreshToken(token)` / `UntypedToken(token)` (expectedType null),
   * without the blacklist check. A string is a token from a JSON body (UTF-8, as PyJWT
   * encodes a str); pass the raw header bytes (`Buffer.from(raw, 'latin1')`) for a token
   * from an Authorization header. Throws TokenError, or PyJwtCrash where the reference
   * raises an exception nothing catches (HTTP 500).
   */
  async decode(token: string | Uint8Array, expectedType: TokenType | null, options: DecodeOptions = {}): Promise<TokenPayload> {
    const bytes = typeof token === 'string' ? Buffer.from(token, 'utf8') : token;
    if (bytes.length > MAX_TOKEN_BYTES) throw new TokenError(this.release.tokenInvalidMessage);
    const nowMs = this.now();
    const maxPayloadDepth = MAX_PAYLOAD_DEPTH[options.path ?? 'view'];
    const nowSeconds = Math.floor(nowMs / 1000);
    let payload = this.decoded.get(nowSeconds, bytes, maxPayloadDepth);
    if (payload === undefined) payload = this.decoded.put(nowSeconds, bytes, maxPayloadDepth, await this.pyJwtDecode(bytes, nowSeconds, maxPayloadDepth));
    this.verify(payload, expectedType, nowMs);
    return payload;
  }

  /** PyJWT's `jwt.decode` with the settings' key, algorithm, audience, issuer and leeway. */
  private async pyJwtDecode(bytes: Uint8Array, nowSeconds: number, maxPayloadDepth: number): Promise<TokenPayload> {
    try {
      return await pyJwtDecode(bytes, {
        algorithm: this.settings.algorithm,
        key: this.verifyingKey,
        audience: this.settings.audience,
        issuer: this.settings.issuer,
        leeway: this.settings.leeway,
        nowSeconds,
        maxPayloadDepth,
        maxHeaderDepth: maxPayloadDepth - HEADER_EXTRA_FRAMES,
      });
    } catch (e) {
      if (e instanceof PyJwtExpired) throw new TokenError(this.release.tokenExpiredMessage);
      if (e instanceof PyJwtInvalid) throw new TokenError(this.release.tokenInvalidMessage);
      throw e;
    }
  }

  /** Token.verify: check_exp, then jti presence, then the type (skipped for UntypedToken). */
  private verify(payload: TokenPayload, expectedType: TokenType | null, nowMs: number): void {
    const has = (claim: string) => Object.prototype.hasOwnProperty.call(payload, claim);
    if (!has('exp')) throw new TokenError("Token has no 'exp' claim");
    // check_exp compares datetimes: microsecond-precise now, not PyJWT's whole seconds
    if (utcFromTimestamp(payload.exp) <= nowMs / 1000 - this.settings.leeway) {
      throw new TokenError("Token 'exp' claim has expired");
    }
    const { jtiClaim, tokenTypeClaim } = this.settings;
    if (jtiClaim !== null && !has(jtiClaim)) throw new TokenError('Token has no id');
    if (tokenTypeClaim !== null && expectedType !== null) {
      if (!has(tokenTypeClaim)) throw new TokenError('Token has no type');
      if (payload[tokenTypeClaim] !== expectedType) throw new TokenError('Token has wrong type');
    }
  }

  /** A new Token(): `{TOKEN_TYPE_CLAIM: type}`, set_exp, set_iat, set_jti (a None claim name dumps as "null"). */
  private newPayload(type: TokenType, nowMs: number, lifetime: number): PyDictBuilder {
    return new PyDictBuilder()
      .set(this.settings.tokenTypeClaim ?? 'null', type)
      .set('exp', epochSeconds(nowMs, lifetime))
      .set('iat', epochSeconds(nowMs, 0))
      .set(this.settings.jtiClaim ?? 'null', this.newJti());
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
    for (const claim of claimKeys(refresh)) {
      if (!noCopy.has(claim)) access.set(claim, refresh[claim]);
    }
    return access.build();
  }
}

/** `calendar.timegm((from + lifetime).utctimetuple())`: whole seconds, floored. */
function epochSeconds(nowMs: number, lifetimeSeconds: number): number {
  return Math.floor((nowMs + lifetimeSeconds * 1000) / 1000);
}

/** Token.for_user: an int stays a JSON number (5.2.2; 5.5 `str()`s it too), anything else is `str()`-ed. */
function userIdClaimValue(userId: number | bigint | string, asString: boolean): ClaimValue {
  if (asString) return typeof userId === 'number' && !Number.isInteger(userId) ? pyStr(new PyFloat(userId)) : String(userId);
  if (typeof userId === 'string' || typeof userId === 'bigint') return userId;
  return Number.isInteger(userId) ? userId : pyStr(new PyFloat(userId));
}

/**
 * Where the reference crashes (HTML 500) on a token's claims, the views answer as for any
 * token PyJWT refuses: bad input never produces a 5xx here (COMPAT.md).
 */
export function crashAsTokenError(e: unknown, release: TokenRelease = SIMPLE_JWT_5_2): unknown {
  return e instanceof PyJwtCrash ? new TokenError(release.tokenInvalidMessage) : e;
}

/** Seconds `datetime.utcfromtimestamp` accepts: a time_t, then years 1..9999. */
const TIME_T_LIMIT = 2 ** 63;
const MIN_TIMESTAMP = -62135596800;
const MAX_TIMESTAMP_EXCLUSIVE = 253402300800;

/**
 * `datetime_from_epoch(exp)` as epoch seconds: only ints, bools and floats are accepted
 * (a str that passed PyJWT's `int()` is a TypeError), within years 1..9999.
 */
function utcFromTimestamp(v: ClaimValue): number {
  let seconds: number;
  if (typeof v === 'boolean') seconds = v ? 1 : 0;
  else if (typeof v === 'number') seconds = v;
  else if (v instanceof PyFloat) seconds = v.value;
  else if (typeof v === 'bigint') seconds = Number(v);
  else if (v instanceof PyInt) seconds = Number(v.text.trim());
  else throw new PyJwtCrash('TypeError', "'exp' claim is not a number");
  if (!(Math.abs(seconds) < TIME_T_LIMIT)) {
    throw new PyJwtCrash('OverflowError', 'timestamp out of range for platform time_t');
  }
  // utcfromtimestamp rounds to microseconds before the range check
  const rounded = Math.round(seconds * 1e6) / 1e6;
  if (!(rounded >= MIN_TIMESTAMP && rounded < MAX_TIMESTAMP_EXCLUSIVE)) {
    throw new PyJwtCrash('ValueError', 'year is out of range');
  }
  return seconds;
}
