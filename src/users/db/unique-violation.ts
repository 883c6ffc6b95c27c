import { QueryFailedError } from 'typeorm';

const UNIQUE_VIOLATION = '23505';

/**
 * Whether a failed query broke a unique constraint (PostgreSQL SQLSTATE 23505), so the
 * caller can answer DRF's unique message: the constraint, not a prior SELECT, decides
 * races between concurrent writers.
 */
export function isUniqueViolation(error: unknown): boolean {
  const driver = error instanceof QueryFailedError ? (error.driverError as { code?: unknown }) : (error as { code?: unknown } | null);
  return typeof driver === 'object' && driver !== null && driver.code === UNIQUE_VIOLATION;
}
