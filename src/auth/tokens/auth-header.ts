/**
 * Authorization-header parsing exactly as SimpleJWT's JWTAuthentication and DRF's
 * TokenAuthentication do it, plus their error bodies.
 *
 * Both work on the header's raw bytes (`request.META` holds them latin-1 decoded and
 * they are encoded back with HTTP_HEADER_ENCODING = iso-8859-1). Node hands header
 * values over the same way, one char per byte, so a header string whose chars are all
 * <= U+00FF is read as latin-1. A string with any char beyond (only possible when a
 * header is injected from JS, never off the wire) is taken as UTF-8 text.
 */
import { randomBytes } from 'crypto';

export type JwtHeaderResult =
  | { kind: 'skip' }
  | { kind: 'error'; body: { detail: string; code: string } }
  /** `raw` is the token's bytes as a latin-1 string; decode `rawBytes` (= Buffer.from(raw, 'latin1')). */
  | { kind: 'token'; raw: string; rawBytes: Buffer };

export type DrfTokenHeaderResult = { kind: 'skip' } | { kind: 'error'; detail: string } | { kind: 'key'; key: string };

export interface TokenClassMessage {
  tokenClass: string;
  tokenType: string;
  message: string;
}

export const BAD_AUTHORIZATION_HEADER_BODY = Object.freeze({
  detail: 'Authorization header must contain two space-delimited values',
  code: 'bad_authorization_header',
});

export const DRF_NO_CREDENTIALS = 'Invalid token header. No credentials provided.';
export const DRF_CONTAINS_SPACES = 'Invalid token header. Token string should not contain spaces.';
export const DRF_INVALID_CHARACTERS = 'Invalid token header. Token string should not contain invalid characters.';

/** The bytes Python sees for this header value. */
export function headerBytes(header: string): Buffer {
  return /^[\u0000-\u00ff]*$/.test(header) ? Buffer.from(header, 'latin1') : Buffer.from(header, 'utf8');
}

/** Python `bytes.split()`: runs of ASCII whitespace (space, \t, \n, \v, \f, \r) separate, ends are dropped. */
export function pyBytesSplit(bytes: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let start = -1;
  for (let i = 0; i <= bytes.length; i++) {
    const b = bytes[i];
    const space = i === bytes.length || b === 0x20 || (b >= 0x09 && b <= 0x0d);
    if (space && start >= 0) {
      parts.push(bytes.subarray(start, i));
      start = -1;
    } else if (!space && start < 0) {
      start = i;
    }
  }
  return parts;
}

/** JWTAuthentication.get_header + get_raw_token. */
export function parseJwtAuthorization(header: string | undefined, types: string[]): JwtHeaderResult {
  if (header === undefined) return { kind: 'skip' };
  const parts = pyBytesSplit(headerBytes(header));
  if (parts.length === 0) return { kind: 'skip' };
  // AUTH_HEADER_TYPE_BYTES: exact, case-sensitive byte comparison
  if (!types.some((type) => Buffer.from(type, 'latin1').equals(parts[0]))) return { kind: 'skip' };
  if (parts.length !== 2) return { kind: 'error', body: { ...BAD_AUTHORIZATION_HEADER_BODY } };
  return { kind: 'token', raw: parts[1].toString('latin1'), rawBytes: parts[1] };
}

/** `WWW-Authenticate` from JWTAuthentication.authenticate_header. */
export function jwtAuthenticateHeader(types: string[]): string {
  return `${types[0]} realm="api"`;
}

const TOKEN_KEYWORD = Buffer.from('token');

/** DRF TokenAuthentication.authenticate, up to (not including) the key lookup. */
export function parseDrfTokenAuthorization(header: string | undefined): DrfTokenHeaderResult {
  const auth = header === undefined ? [] : pyBytesSplit(headerBytes(header));
  if (auth.length === 0 || !asciiLower(auth[0]).equals(TOKEN_KEYWORD)) return { kind: 'skip' };
  if (auth.length === 1) return { kind: 'error', detail: DRF_NO_CREDENTIALS };
  if (auth.length > 2) return { kind: 'error', detail: DRF_CONTAINS_SPACES };
  let key: string;
  try {
    // bytes.decode(): strict UTF-8 (no surrogates, no overlongs); a BOM stays a character
    key = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(auth[1]);
  } catch {
    return { kind: 'error', detail: DRF_INVALID_CHARACTERS };
  }
  return { kind: 'key', key };
}

/** Python `bytes.lower()`: only A-Z change. */
function asciiLower(bytes: Buffer): Buffer {
  return Buffer.from(bytes.map((b) => (b >= 0x41 && b <= 0x5a ? b + 0x20 : b)));
}

/** The InvalidToken body JWTAuthentication.get_validated_token raises when every token class failed. */
export function invalidTokenBody(messages: TokenClassMessage[]): {
  detail: string;
  code: string;
  messages: { token_class: string; token_type: string; message: string }[];
} {
  return {
    detail: 'Given token not valid for any token type',
    code: 'token_not_valid',
    messages: messages.map((m) => ({ token_class: m.tokenClass, token_type: m.tokenType, message: m.message })),
  };
}

/** `binascii.hexlify(os.urandom(20)).decode()`: 40 lowercase hex digits. */
export function generateDrfTokenKey(): string {
  return randomBytes(20).toString('hex');
}
