/**
 * JWT claim values typed the way Python holds them, so a payload decoded here and
 * encoded again (access derived from a refresh, rotation) gives the bytes
 * SimpleJWT would write.
 *
 * - `number`: an integral number is a Python int (decoded ints within 2^53 come back
 *   as numbers); a non-integral or non-finite number is a Python float.
 * - `bigint` / `PyInt`: Python ints of any size (decoded ints beyond 2^53 are bigints).
 * - `PyFloat`: a Python float; decoded floats always come back as PyFloat, so `1.0`
 *   is written back as `1.0`, not `1`.
 */
import { PyFloat, PyInt } from '../../drf/parsing/python-value';

export { PyFloat, PyInt };

export type ClaimValue = null | boolean | number | bigint | string | PyFloat | PyInt | ClaimValue[] | ClaimObject;

export interface ClaimObject {
  [claim: string]: ClaimValue;
}

/** A decoded or to-be-encoded JWT payload. Key order is the JSON key order. */
export type TokenPayload = ClaimObject;

export function isClaimObject(v: unknown): v is ClaimObject {
  return (
    v !== null &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    !(v instanceof PyFloat) &&
    !(v instanceof PyInt)
  );
}
