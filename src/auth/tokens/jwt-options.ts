/**
 * The one configuration of algorithm, keys, audience, issuer and leeway: JwtModule
 * (JwtService: signing, and verifying in the jwt/* views) and the passport-jwt strategy
 * (jsonWebTokenOptions + the same verifying key) are both built from it.
 */
import type { JwtModuleOptions } from '@nestjs/jwt';
import { createPrivateKey, createPublicKey, createSecretKey, KeyObject } from 'crypto';
import { JwtSettings } from './jwt-settings';

/** Misconfigured keys: SimpleJWT would fail on every encode/decode. */
export class JwtKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JwtKeyError';
  }
}

export interface JwtOptions extends JwtModuleOptions {
  /** The key every token is verified with: built once, so no request parses a key. */
  verifyingKey: KeyObject;
  verifyOptions: NonNullable<JwtModuleOptions['verifyOptions']> & { algorithms: [JwtSettings['algorithm']]; complete: true };
}

// PyJWT's is_pem_format / is_ssh_key refuse such a string as an HMAC secret (a start-up error)
const ASYMMETRIC_KEY_RE = /-----BEGIN [A-Z0-9 ]+-----|ssh-ed25519|ssh-rsa|ssh-dss|ecdsa-sha2-nistp(256|384|521)/;

export function jwtOptions(s: JwtSettings): JwtOptions {
  const verifyOptions: JwtOptions['verifyOptions'] = {
    algorithms: [s.algorithm],
    audience: s.audience ?? undefined,
    issuer: s.issuer ?? undefined,
    clockTolerance: s.leeway,
    // header and payload: PyJWT refuses `"b64": false` headers, which jsonwebtoken ignores
    complete: true,
  };
  const signOptions = { algorithm: s.algorithm };
  if (s.algorithm.startsWith('HS')) {
    if (ASYMMETRIC_KEY_RE.test(s.signingKey)) {
      throw new JwtKeyError('The specified key is an asymmetric key or x509 certificate and should not be used as an HMAC secret.');
    }
    // SimpleJWT's get_verifying_key: HS verifies with SIGNING_KEY
    const secret = createSecretKey(Buffer.from(s.signingKey, 'utf8'));
    return { secret, verifyingKey: secret, signOptions, verifyOptions };
  }
  const family = s.algorithm.startsWith('RS') ? 'rsa' : 'ec';
  const publicKey = asymmetricKey(() => createPublicKey(s.verifyingKey), 'VERIFYING_KEY', family, s.algorithm);
  // a verify-only deployment needs no private key: signing then fails (JwtKeyError)
  const privateKey = s.signingKey ? asymmetricKey(() => createPrivateKey(s.signingKey), 'SIGNING_KEY', family, s.algorithm) : undefined;
  return { privateKey, publicKey, verifyingKey: publicKey, signOptions, verifyOptions };
}

function asymmetricKey(parse: () => KeyObject, setting: string, family: string, alg: string): KeyObject {
  let key: KeyObject;
  try {
    key = parse();
  } catch (e) {
    throw new JwtKeyError(`${setting} is not a PEM key usable with ${alg}: ${(e as Error).message}`);
  }
  if (key.asymmetricKeyType !== family) throw new JwtKeyError(`${setting} is a ${key.asymmetricKeyType} key; ${alg} needs ${family}`);
  return key;
}
