import { createHash, createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

/**
 * A software authenticator for the e2e tests: real ES256 keys, CBOR attestation objects
 * ("none" attestation) and signed assertions, answered in the shape Djoser's clients post
 * (py_webauthn 0.4: base64url `clientData`/`attObj`/`authData`, hex `signature`). The browser
 * suite uses Chromium's own virtual authenticator instead.
 */
const b64url = (b: Buffer | Uint8Array) => Buffer.from(b).toString('base64url');
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest();

export interface SoftCredential {
  id: string;
  key: KeyObject;
  counter: number;
}

export class SoftAuthenticator {
  constructor(
    readonly origin: string,
    readonly rpId: string,
  ) {}

  private authData(flags: number, counter: number, attested?: Buffer): Buffer {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    return Buffer.concat([sha256(this.rpId), Buffer.from([flags]), c, ...(attested ? [attested] : [])]);
  }

  private clientData(type: string, challenge: string, origin = this.origin): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  /** navigator.credentials.create(): a new key pair, answered as Djoser's signup/ body fields. */
  create(challenge: string, opts: { origin?: string; again?: SoftCredential } = {}): { clientData: string; attObj: string; credential: SoftCredential } {
    // `again`: the same credential attested once more (an authenticator offered to a second account)
    const privateKey = opts.again?.key ?? generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
    const cose = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]),
    );
    const id = opts.again ? Buffer.from(opts.again.id, 'base64url') : randomBytes(16);
    const len = Buffer.alloc(2);
    len.writeUInt16BE(id.length);
    const attested = Buffer.concat([Buffer.alloc(16), len, id, Buffer.from(cose)]);
    // flags: user present (0x01) + attested credential data (0x40)
    const authData = this.authData(0x41, 0, attested);
    const attObj = isoCBOR.encode(new Map<string, unknown>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]) as never);
    const credential = opts.again ?? { id: b64url(id), key: privateKey, counter: 0 };
    return { clientData: b64url(this.clientData('webauthn.create', challenge, opts.origin)), attObj: b64url(attObj), credential };
  }

  /** navigator.credentials.get(): an assertion over `challenge`; the counter goes up by one unless given. */
  get(
    credential: SoftCredential,
    challenge: string,
    opts: { counter?: number; origin?: string } = {},
  ): { id: string; clientData: string; authData: string; signature: string } {
    credential.counter = opts.counter ?? credential.counter + 1;
    const authData = this.authData(0x01, credential.counter);
    const clientData = this.clientData('webauthn.get', challenge, opts.origin);
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientData)]), credential.key);
    return { id: credential.id, clientData: b64url(clientData), authData: b64url(authData), signature: signature.toString('hex') };
  }
}
