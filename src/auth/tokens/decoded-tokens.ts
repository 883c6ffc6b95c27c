import type { TokenPayload } from './claim-value';

/** Entries kept per second at most: a burst of distinct tokens cannot grow it further. */
const MAX_ENTRIES = 10_000;

/**
 * Successful PyJWT decodes of the current second. `jwt.decode` depends only on the token
 * bytes, the (fixed) settings, the depth limit and the whole second it compares `exp`, `nbf`
 * and `iat` with, so a client presenting the same token several times a second is decoded
 * once; the map is dropped when the second changes, so an answer is never reused across a
 * time check. SimpleJWT's own checks (Token.verify, microsecond precise) still run every time.
 * Failures are not kept. Payloads are shared: callers read them, never write.
 */
export class DecodedTokens {
  private second = -1;
  private entries = new Map<string, TokenPayload>();

  get(second: number, bytes: Uint8Array, depth: number): TokenPayload | undefined {
    return second === this.second ? this.entries.get(key(bytes, depth)) : undefined;
  }

  put(second: number, bytes: Uint8Array, depth: number, payload: TokenPayload): TokenPayload {
    if (second !== this.second) {
      this.second = second;
      this.entries = new Map();
    }
    if (this.entries.size < MAX_ENTRIES) this.entries.set(key(bytes, depth), payload);
    return payload;
  }
}

function key(bytes: Uint8Array, depth: number): string {
  return `${depth}:${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')}`;
}
