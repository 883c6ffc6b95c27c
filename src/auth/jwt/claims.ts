import { createHash } from 'node:crypto';
import type { Settings } from '../../config/settings';
import { ApiException } from '../../drf/exceptions';
import type { TokenPayload } from '../tokens/claim-value';

/** SimpleJWT's `InvalidToken(msg)`: 401 `{"detail": msg, "code": "token_not_valid"}`. */
export function invalidToken(message: string): ApiException {
  return new ApiException(401, { detail: message, code: 'token_not_valid' });
}

export const TOKEN_BLACKLISTED = 'Token is blacklisted';

/** SimpleJWT >= 5.3 `get_md5_hash_password`: the REVOKE_TOKEN_CLAIM value, MD5 of the stored hash, upper-case hex. */
export function revokeTokenDigest(passwordHash: string): string {
  return createHash('md5').update(passwordHash, 'utf8').digest('hex').toUpperCase();
}

/** CHECK_REVOKE_TOKEN's claim for a user, or none when the setting is off. */
export function revokeTokenClaims(user: { password: string }, settings: Settings): TokenPayload {
  const s = settings.simpleJwt;
  return s.checkRevokeToken ? { [s.revokeTokenClaim]: revokeTokenDigest(user.password) } : {};
}

/** The token's id as the blacklist tables store it (Django `str()`s a lookup value), or null when absent. */
export function jtiOf(payload: TokenPayload, settings: Settings): string | null {
  const claim = settings.simpleJwt.jtiClaim || 'null';
  if (!Object.prototype.hasOwnProperty.call(payload, claim)) return null;
  const v = payload[claim];
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return v === null ? 'None' : JSON.stringify(v);
}

/** `datetime_from_epoch(payload["exp"])` for `expires_at` (exp was checked by decode). */
export function expiresAtOf(payload: TokenPayload): Date {
  return new Date(Math.floor(Number(payload.exp) * 1000));
}
