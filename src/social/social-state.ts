import { createHash, createHmac, randomBytes } from 'node:crypto';
import { constantTimeEquals } from '../crypto/constant-time';

/**
 * The OAuth `state` without a server-side session (ours; Djoser keeps it in Django's
 * session). The state is `payload.signature`: the payload names the provider, the
 * redirect URI, an expiry, a random id (spent once, see SocialStateStore) and the hash of
 * a secret kept in an HttpOnly cookie of the browser that asked. The cookie's secret is
 * also the PKCE verifier, and the OIDC nonce is derived from it, so a state, a code or an
 * ID token lifted from one browser is useless in another.
 */
export interface StatePayload {
  /** provider */
  p: string;
  /** redirect_uri */
  r: string;
  /** expiry, epoch seconds */
  e: number;
  /** id */
  i: string;
  /** base64url(sha256(browser secret)) */
  h: string;
}

export type StateCheck = { ok: true; payload: StatePayload } | { ok: false };

const b64 = (buf: Buffer) => buf.toString('base64url');
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Django's salted_hmac key derivation: a purpose-specific key from SECRET_KEY. */
function signingKey(secretKey: string): Buffer {
  return sha256('nest_djoser.social.state' + secretKey);
}

function sign(secretKey: string, body: string): string {
  return b64(createHmac('sha256', signingKey(secretKey)).update(body, 'utf8').digest());
}

/** A new browser secret: 43 base64url characters, a valid PKCE code_verifier (RFC 7636 §4.1). */
export const newBrowserSecret = (): string => b64(randomBytes(32));

/** The OIDC nonce of a browser secret (bound to it; the secret itself never leaves the cookie). */
export const nonceFor = (browserSecret: string): string => b64(sha256('nonce:' + browserSecret));

export function issueState(secretKey: string, provider: string, redirectUri: string, browserSecret: string, ttlSeconds: number, now = Date.now()): string {
  const payload: StatePayload = { p: provider, r: redirectUri, e: Math.floor(now / 1000) + ttlSeconds, i: b64(randomBytes(16)), h: b64(sha256(browserSecret)) };
  const body = b64(Buffer.from(JSON.stringify(payload), 'utf8'));
  return `${body}.${sign(secretKey, body)}`;
}

/** Signature, provider, expiry and the browser's secret: any failure is one answer ("invalid state"). */
export function checkState(secretKey: string, state: string, provider: string, browserSecret: string, now = Date.now()): StateCheck {
  const dot = state.indexOf('.');
  if (dot < 1) return { ok: false };
  const body = state.slice(0, dot);
  if (!constantTimeEquals(state.slice(dot + 1), sign(secretKey, body))) return { ok: false };
  let payload: StatePayload;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as StatePayload;
  } catch {
    return { ok: false };
  }
  if (payload.p !== provider || typeof payload.e !== 'number' || payload.e * 1000 <= now) return { ok: false };
  if (!constantTimeEquals(payload.h, b64(sha256(browserSecret)))) return { ok: false };
  return { ok: true, payload };
}
