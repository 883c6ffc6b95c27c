/**
 * The SimpleJWT settings (`SIMPLE_JWT` in Django) the token codec and the
 * header parser need, in their 5.2.2 meaning. Lifetimes and leeway are seconds.
 */

export type JwtAlgorithm =
  | 'HS256'
  | 'HS384'
  | 'HS512'
  | 'RS256'
  | 'RS384'
  | 'RS512'
  | 'ES256'
  | 'ES384'
  | 'ES512';

/** SimpleJWT's ALLOWED_ALGORITHMS (backends.py). */
export const JWT_ALGORITHMS: readonly JwtAlgorithm[] = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'ES256',
  'ES384',
  'ES512',
];

export interface JwtSettings {
  /** ACCESS_TOKEN_LIFETIME, seconds. */
  accessTokenLifetime: number;
  /** REFRESH_TOKEN_LIFETIME, seconds. */
  refreshTokenLifetime: number;
  algorithm: JwtAlgorithm;
  /** SIGNING_KEY: the HMAC secret, or a PEM private key for RS and ES. */
  signingKey: string;
  /** VERIFYING_KEY: PEM public key for RS and ES (unused for HS). */
  verifyingKey: string;
  /** AUDIENCE: added as `aud` and required on decode when set. */
  audience: string | null;
  /** ISSUER: added as `iss` and required on decode when set. */
  issuer: string | null;
  /** LEEWAY, seconds (may be fractional). */
  leeway: number;
  /** AUTH_HEADER_TYPES; the first one names the WWW-Authenticate scheme. */
  authHeaderTypes: string[];
  /** USER_ID_FIELD: the user attribute whose value goes into the token. */
  userIdField: string;
  /** USER_ID_CLAIM */
  userIdClaim: string;
  /** TOKEN_TYPE_CLAIM; null disables the type check (and writes the type under key "null", as Python does). */
  tokenTypeClaim: string | null;
  /** JTI_CLAIM; null disables the id check (and writes the id under key "null", as Python does). */
  jtiClaim: string | null;
  /** What the SimpleJWT release of COMPAT_STACK does differently (src/compat); absent = 5.2.2. */
  release?: TokenRelease;
}

/** The token behaviour that differs between SimpleJWT 5.2.2 and 5.5.1 (fields of CompatProfile). */
export interface TokenRelease {
  tokenInvalidMessage: string;
  tokenExpiredMessage: string;
  userIdClaimAsString: boolean;
  refreshedAccessOwnIat: boolean;
}

/** SimpleJWT 5.2.2. */
export const SIMPLE_JWT_5_2: TokenRelease = {
  tokenInvalidMessage: 'Token is invalid or expired',
  tokenExpiredMessage: 'Token is invalid or expired',
  userIdClaimAsString: false,
  refreshedAccessOwnIat: false,
};

/** SimpleJWT 5.2.2 DEFAULTS (rest_framework_simplejwt/settings.py); SIGNING_KEY defaults to SECRET_KEY. */
export function defaultJwtSettings(secretKey: string): JwtSettings {
  return {
    accessTokenLifetime: 5 * 60,
    refreshTokenLifetime: 24 * 60 * 60,
    algorithm: 'HS256',
    signingKey: secretKey,
    verifyingKey: '',
    audience: null,
    issuer: null,
    leeway: 0,
    authHeaderTypes: ['Bearer'],
    userIdField: 'id',
    userIdClaim: 'user_id',
    tokenTypeClaim: 'token_type',
    jtiClaim: 'jti',
  };
}
