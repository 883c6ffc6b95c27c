import { timingSafeEqual } from 'node:crypto';

/**
 * Django's `constant_time_compare` for secrets given as text (tokens, hashes, CSRF values):
 * the comparison time does not depend on where the strings differ. Unequal lengths are
 * simply unequal (the length of a secret's format is public).
 */
export function constantTimeEquals(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
