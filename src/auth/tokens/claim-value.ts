/** JWT claim values as JSON.parse gives them (jsonwebtoken decodes with it). */
export type ClaimValue = null | boolean | number | string | ClaimValue[] | ClaimObject;

export interface ClaimObject {
  [claim: string]: ClaimValue;
}

/** A decoded or to-be-encoded JWT payload. */
export type TokenPayload = ClaimObject;

export function isClaimObject(v: unknown): v is ClaimObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
