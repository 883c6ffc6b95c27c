import { parseUuid, type PkType } from './model/user-model';
import { decodeUidToPk, encodeUid, pythonInt } from './secrets/uid';

/**
 * The pk a `users/{id}/` URL designates, or null (→ 404) when Django's lookup would find
 * nothing: Django parses the value with Python `int()` (`" 1"`, `"01"`, `"١"` are user 1) and
 * PostgreSQL's integer range bounds it. Djoser's uid decoding ends with exactly that parsing,
 * so the value goes through it unchanged (encode, then decode).
 */
export function parseUserPk(value: string, pkType: PkType = 'integer'): number | null {
  // a uuid key (typed as the User's id; Django: UUIDField.to_python, DRF's get_object_or_404 turns its ValidationError into 404)
  if (pkType === 'uuid') return parseUuid(value) as unknown as number | null;
  return decodeUidToPk(encodeUid(value), pkType);
}

/**
 * Whether Django's lookup gets as far as the query (the value is a Python int): then a miss is
 * `get_object_or_404`'s own Http404 (DRF >= 3.15 shows its text); otherwise DRF raises a bare 404.
 */
export function isQueryablePk(value: string, pkType: PkType = 'integer'): boolean {
  return pkType === 'uuid' ? parseUuid(value) !== null : pythonInt(value) !== null;
}
