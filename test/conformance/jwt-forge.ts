import { createHmac, randomBytes } from 'crypto';
import { SHARED_SECRET_KEY } from './configs';

/**
 * Builds JWTs by hand (node crypto only) so scenarios can send tokens
 * SimpleJWT would never issue: expired, without claims, wrong type, `alg:
 * none`, signed with another key or algorithm, tampered.
 */

export interface ForgeOptions {
  /** Header object; default `{"alg":"HS256","typ":"JWT"}` (PyJWT's sorted form). */
  header?: Record<string, unknown>;
  /** HMAC key; default the shared SECRET_KEY. */
  key?: string;
  /** Signing algorithm actually used (independent of the header's `alg`). */
  sign?: 'HS256' | 'HS512' | 'none';
}

const b64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

export function forgeJwt(payload: Record<string, unknown>, options: ForgeOptions = {}): string {
  const header = options.header ?? { alg: 'HS256', typ: 'JWT' };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const sign = options.sign ?? 'HS256';
  if (sign === 'none') return `${input}.`;
  const mac = createHmac(sign === 'HS512' ? 'sha512' : 'sha256', options.key ?? SHARED_SECRET_KEY);
  return `${input}.${mac.update(input).digest('base64url')}`;
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

export const randomJti = (): string => randomBytes(16).toString('hex');

/** Changes the payload (user_id + 1) but keeps the original signature. */
export function tamperPayload(token: string): string {
  const [h, p, s] = token.split('.');
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
  payload.user_id = typeof payload.user_id === 'number' ? payload.user_id + 1 : 1;
  return `${h}.${b64url(JSON.stringify(payload))}.${s}`;
}
