/**
 * The only place that signs or verifies: HMAC inline (cheap), RSA/ECDSA through
 * node's callback API so the work runs on the libuv thread pool, never on the
 * event loop. Semantics follow PyJWT 2.6's algorithms.py:
 * HS = HMAC-SHA, RS = RSASSA-PKCS1-v1_5, ES = ECDSA with the raw r||s signature
 * whose length must be exactly twice the curve's byte size.
 */
import { createHmac, createPrivateKey, createPublicKey, KeyObject, sign, timingSafeEqual, verify } from 'crypto';
import { JwtAlgorithm } from './jwt-settings';

/** Misconfigured keys: SimpleJWT would fail on every encode/decode. */
export class JwtKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JwtKeyError';
  }
}

export type JwsKey = Buffer | KeyObject;

const HASHES: Record<JwtAlgorithm, string> = {
  HS256: 'sha256',
  HS384: 'sha384',
  HS512: 'sha512',
  RS256: 'sha256',
  RS384: 'sha384',
  RS512: 'sha512',
  ES256: 'sha256',
  ES384: 'sha384',
  ES512: 'sha512',
};

const CURVE_BYTES: Record<string, number> = { prime256v1: 32, secp256k1: 32, secp384r1: 48, secp521r1: 66 };

// PyJWT's is_pem_format / is_ssh_key: such a string is refused as an HMAC secret
const PEM_RE =
  /----[- ]BEGIN (CERTIFICATE|TRUSTED CERTIFICATE|PRIVATE KEY|PUBLIC KEY|ENCRYPTED PRIVATE KEY|OPENSSH PRIVATE KEY|DSA PRIVATE KEY|RSA PRIVATE KEY|RSA PUBLIC KEY|EC PRIVATE KEY|DH PARAMETERS|NEW CERTIFICATE REQUEST|CERTIFICATE REQUEST|SSH2 PUBLIC KEY|SSH2 ENCRYPTED PRIVATE KEY|X509 CRL)[- ]----\r?\n.+?\r?\n----[- ]END \1[- ]----/s;
const SSH_KEY_RE = /ssh-ed25519|ssh-rsa|ssh-dss|ecdsa-sha2-nistp(256|384|521)|^\S+-cert-v01@openssh\.com[ \t]+\S/;

const family = (alg: JwtAlgorithm) => alg.slice(0, 2) as 'HS' | 'RS' | 'ES';

/** The key `alg` signs with: the HMAC secret's UTF-8 bytes, or a private KeyObject. */
export function prepareSigningKey(alg: JwtAlgorithm, key: string): JwsKey {
  if (family(alg) === 'HS') return hmacSecret(key);
  let keyObject: KeyObject;
  try {
    keyObject = createPrivateKey(key);
  } catch (e) {
    throw new JwtKeyError(`SIGNING_KEY is not a PEM private key usable with ${alg}: ${(e as Error).message}`);
  }
  return checkKeyType(alg, keyObject, 'SIGNING_KEY');
}

/** The key `alg` verifies with: the HMAC secret, or a public KeyObject. */
export function prepareVerifyingKey(alg: JwtAlgorithm, signingKey: string, verifyingKey: string): JwsKey {
  // SimpleJWT's get_verifying_key: HS verifies with SIGNING_KEY
  if (family(alg) === 'HS') return hmacSecret(signingKey);
  let keyObject: KeyObject;
  try {
    keyObject = createPublicKey(verifyingKey);
  } catch (e) {
    throw new JwtKeyError(`VERIFYING_KEY is not a PEM public key usable with ${alg}: ${(e as Error).message}`);
  }
  return checkKeyType(alg, keyObject, 'VERIFYING_KEY');
}

function hmacSecret(key: string): Buffer {
  if (PEM_RE.test(key) || SSH_KEY_RE.test(key)) {
    throw new JwtKeyError(
      'The specified key is an asymmetric key or x509 certificate and should not be used as an HMAC secret.',
    );
  }
  return Buffer.from(key, 'utf8');
}

function checkKeyType(alg: JwtAlgorithm, key: KeyObject, setting: string): KeyObject {
  const wanted = family(alg) === 'RS' ? 'rsa' : 'ec';
  if (key.asymmetricKeyType !== wanted) {
    throw new JwtKeyError(`${setting} is a ${key.asymmetricKeyType} key; ${alg} needs ${wanted}`);
  }
  return key;
}

export function signJws(alg: JwtAlgorithm, signingInput: Buffer, key: JwsKey): Promise<Buffer> {
  const hash = HASHES[alg];
  if (family(alg) === 'HS') return Promise.resolve(createHmac(hash, key as Buffer).update(signingInput).digest());
  const keyInput = family(alg) === 'ES' ? { key: key as KeyObject, dsaEncoding: 'ieee-p1363' as const } : (key as KeyObject);
  return new Promise((resolve, reject) => {
    sign(hash, signingInput, keyInput, (err, signature) => (err ? reject(err) : resolve(signature)));
  });
}

export function verifyJws(alg: JwtAlgorithm, signingInput: Buffer, signature: Buffer, key: JwsKey): Promise<boolean> {
  const hash = HASHES[alg];
  if (family(alg) === 'HS') {
    const expected = createHmac(hash, key as Buffer).update(signingInput).digest();
    return Promise.resolve(expected.length === signature.length && timingSafeEqual(expected, signature));
  }
  const keyObject = key as KeyObject;
  let keyInput: KeyObject | { key: KeyObject; dsaEncoding: 'ieee-p1363' } = keyObject;
  if (family(alg) === 'ES') {
    // raw_to_der_signature: any other length is a failed verification
    const curveBytes = CURVE_BYTES[keyObject.asymmetricKeyDetails?.namedCurve ?? ''];
    if (curveBytes === undefined || signature.length !== 2 * curveBytes) return Promise.resolve(false);
    keyInput = { key: keyObject, dsaEncoding: 'ieee-p1363' };
  }
  return new Promise((resolve) => {
    try {
      verify(hash, signingInput, keyInput, signature, (err, ok) => resolve(!err && ok));
    } catch {
      resolve(false);
    }
  });
}
