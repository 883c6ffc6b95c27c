import { decodeUidToPk, encodeUid } from './secrets/uid';

/**
 * The pk a `users/{id}/` URL designates, or null (→ 404) when Django's lookup would find
 * nothing: Django parses the value with Python `int()` (`" 1"`, `"01"`, `"١"` are user 1) and
 * PostgreSQL's integer range bounds it. Djoser's uid decoding ends with exactly that parsing,
 * so the value goes through it unchanged (encode, then decode).
 */
export function parseUserPk(value: string): number | null {
  return decodeUidToPk(encodeUid(value));
}
