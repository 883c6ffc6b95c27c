/**
 * PyJWT 2.6 `jwt.decode(token, key, algorithms=[alg], audience=, issuer=, leeway=,
 * options={"verify_aud": audience is not None, "verify_signature": True})`, exactly
 * as SimpleJWT 5.2.2's TokenBackend.decode calls it (api_jws.py, api_jwt.py).
 *
 * Every InvalidTokenError becomes PyJwtInvalid (SimpleJWT: "Token is invalid or
 * expired"); where CPython raises something SimpleJWT does not catch (TypeError from
 * `int(None)`, OverflowError from `int(inf)`, RecursionError) PyJwtCrash is thrown
 * instead, mirroring the reference's HTTP 500.
 */
import { ClaimValue, isClaimObject, PyFloat, PyInt, TokenPayload } from './claim-value';
import { JwsKey, verifyJws } from './jws-crypto';
import { JwtAlgorithm } from './jwt-settings';
import { pyBase64UrlDecode, PyBase64Error } from './py-base64';
import { pyComparable, pyInt } from './py-int';
import { PyRecursionError, pyJsonLoadsBytes, PyValueError } from './py-json-loads';

/** Any `jwt.InvalidTokenError`. */
export class PyJwtInvalid extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PyJwtInvalid';
  }
}

/** `jwt.ExpiredSignatureError` (SimpleJWT >= 5.3 tells it apart: `Token is expired`). */
export class PyJwtExpired extends PyJwtInvalid {
  constructor(message: string) {
    super(message);
    this.name = 'PyJwtExpired';
  }
}

/** A Python exception nothing in SimpleJWT/DRF catches: the reference answers HTTP 500. */
export class PyJwtCrash extends Error {
  constructor(readonly pythonException: string, message: string) {
    super(`${pythonException}: ${message}`);
    this.name = 'PyJwtCrash';
  }
}

export interface PyJwtDecodeOptions {
  algorithm: JwtAlgorithm;
  key: JwsKey;
  audience: string | null;
  issuer: string | null;
  /** seconds */
  leeway: number;
  /** PyJWT's `now`: whole seconds (`timegm(utctimetuple())` floors). */
  nowSeconds: number;
  /** Deepest JSON nesting CPython's scanner survives in the payload / the header (RecursionError beyond). */
  maxPayloadDepth: number;
  maxHeaderDepth: number;
}

const DOT = 0x2e;

export async function pyJwtDecode(jwt: Uint8Array, o: PyJwtDecodeOptions): Promise<TokenPayload> {
  const { signingInput, header, payloadBytes, signature } = load(jwt, o.maxHeaderDepth);
  if (header.b64 === false) throw new PyJwtInvalid('It is required that you pass in a value for the "detached_payload"');
  // _verify_signature: `not alg or alg not in algorithms`
  if (header.alg !== o.algorithm) throw new PyJwtInvalid('The specified alg value is not allowed');
  if (!(await verifyJws(o.algorithm, signingInput, signature, o.key))) {
    throw new PyJwtInvalid('Signature verification failed');
  }
  const payload = json(payloadBytes, o.maxPayloadDepth, 'payload');
  if (!isClaimObject(payload)) throw new PyJwtInvalid('Invalid payload string: must be a json object');
  validateClaims(payload, o);
  return payload;
}

/** PyJWS._load */
function load(jwt: Uint8Array, maxHeaderDepth: number) {
  const buf = Buffer.from(jwt.buffer, jwt.byteOffset, jwt.byteLength);
  const lastDot = buf.lastIndexOf(DOT);
  const signingInput = lastDot < 0 ? null : buf.subarray(0, lastDot);
  const firstDot = signingInput ? signingInput.indexOf(DOT) : -1;
  if (!signingInput || firstDot < 0) throw new PyJwtInvalid('Not enough segments');
  const header = json(b64(signingInput.subarray(0, firstDot), 'header'), maxHeaderDepth, 'header');
  if (!isClaimObject(header)) throw new PyJwtInvalid('Invalid header string: must be a json object');
  const payloadBytes = b64(signingInput.subarray(firstDot + 1), 'payload');
  const signature = b64(buf.subarray(lastDot + 1), 'crypto');
  return { signingInput, header, payloadBytes, signature };
}

function b64(segment: Uint8Array, what: string): Buffer {
  try {
    return pyBase64UrlDecode(segment);
  } catch (e) {
    if (e instanceof PyBase64Error) throw new PyJwtInvalid(`Invalid ${what} padding`);
    throw e;
  }
}

function json(bytes: Uint8Array, maxDepth: number, what: string): ClaimValue {
  try {
    return pyJsonLoadsBytes(bytes, maxDepth);
  } catch (e) {
    if (e instanceof PyValueError) throw new PyJwtInvalid(`Invalid ${what} string: ${e.message}`);
    if (e instanceof PyRecursionError) throw new PyJwtCrash('RecursionError', e.message);
    throw e;
  }
}

/** `int(payload[claim])` with PyJWT's handling: ValueError -> invalid, anything else escapes. */
function intClaim(payload: TokenPayload, claim: string): bigint {
  const result = pyInt(payload[claim]);
  if (result === 'ValueError') throw new PyJwtInvalid(`${claim} claim must be an integer`);
  if (typeof result === 'string') throw new PyJwtCrash(result, `int() of the '${claim}' claim`);
  return result;
}

/** PyJWT._validate_claims (require=[], verify_aud only with an audience). */
function validateClaims(payload: TokenPayload, o: PyJwtDecodeOptions): void {
  const has = (claim: string) => Object.prototype.hasOwnProperty.call(payload, claim);
  if (has('iat')) {
    intClaim(payload, 'iat');
    // the original value (not int(iat)) is compared
    const iat = pyComparable(payload.iat);
    if (iat === null) throw new PyJwtCrash('TypeError', "'>' not supported for the 'iat' claim");
    if (iat > o.nowSeconds + o.leeway) throw new PyJwtInvalid('The token is not yet valid (iat)');
  }
  if (has('nbf') && intClaim(payload, 'nbf') > o.nowSeconds + o.leeway) {
    throw new PyJwtInvalid('The token is not yet valid (nbf)');
  }
  if (has('exp') && intClaim(payload, 'exp') <= o.nowSeconds - o.leeway) {
    throw new PyJwtExpired('Signature has expired');
  }
  if (o.issuer !== null) {
    if (!has('iss')) throw new PyJwtInvalid('Token is missing the "iss" claim');
    if (payload.iss !== o.issuer) throw new PyJwtInvalid('Invalid issuer');
  }
  if (o.audience !== null) validateAudience(payload, o.audience);
}

function validateAudience(payload: TokenPayload, audience: string): void {
  const aud = Object.prototype.hasOwnProperty.call(payload, 'aud') ? payload.aud : null;
  if (!pyTruthy(aud)) throw new PyJwtInvalid('Token is missing the "aud" claim');
  const claims = typeof aud === 'string' ? [aud] : aud;
  if (!Array.isArray(claims) || claims.some((c) => typeof c !== 'string')) {
    throw new PyJwtInvalid('Invalid claim format in token');
  }
  if (!claims.includes(audience)) throw new PyJwtInvalid('Invalid audience');
}

/** Python's `bool(value)`. */
function pyTruthy(v: ClaimValue): boolean {
  if (v === null || v === false || v === '' || v === 0 || v === 0n) return false;
  if (v instanceof PyFloat) return v.value !== 0;
  if (v instanceof PyInt) return BigInt(v.text.trim()) !== 0n;
  if (Array.isArray(v)) return v.length > 0;
  if (isClaimObject(v)) return Object.keys(v).length > 0;
  return true;
}
