import { isoCBOR } from '@simplewebauthn/server/helpers';
import { PyInt } from '../drf/parsing/python-value';
import { authenticationResponse, namedCredentialId, registrationResponse, signedChallenge } from './ceremony-data';

const b64url = (b: Uint8Array | string) => Buffer.from(b).toString('base64url');
const clientData = (challenge: unknown) => b64url(JSON.stringify({ type: 'webauthn.get', challenge, origin: 'http://localhost' }));

/** An attestation object whose authData declares credential id 0x01 0x02 0x03. */
function attestationObject(): string {
  const authData = Buffer.concat([Buffer.alloc(32), Buffer.from([0x41]), Buffer.alloc(4), Buffer.alloc(16), Buffer.from([0, 3, 1, 2, 3]), Buffer.from(isoCBOR.encode(new Map([[1, 2]])))]);
  return b64url(isoCBOR.encode(new Map<string, unknown>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]) as never));
}

describe('ceremony data (Djoser/py_webauthn 0.4 fields and WebAuthn toJSON())', () => {
  it("registration: Djoser's flat clientData/attObj, the credential id read from authData", () => {
    const attObj = attestationObject();
    const r = registrationResponse({ clientData: 'eyJ9', attObj });
    expect(r).toEqual({ id: 'AQID', rawId: 'AQID', type: 'public-key', response: { clientDataJSON: 'eyJ9', attestationObject: attObj }, clientExtensionResults: {} });
    expect(registrationResponse({ response: { clientDataJSON: 'eyJ9', attestationObject: attObj } })?.id).toBe('AQID');
  });

  it('registration: anything unreadable is null', () => {
    for (const data of [null, 'x', [], { clientData: 'eyJ9' }, { clientData: '!!', attObj: attestationObject() }, { clientData: 'eyJ9', attObj: 'AAAA' }, { clientData: new PyInt('1'), attObj: 'x' }])
      expect(registrationResponse(data as never)).toBeNull();
  });

  it('authentication: the flat hex signature becomes base64url; a nested one is kept', () => {
    const flat = authenticationResponse({ id: 'AQID', clientData: 'eyJ9', authData: 'AAAA', signature: '0aff' }, 'AQID');
    expect(flat?.response).toEqual({ clientDataJSON: 'eyJ9', authenticatorData: 'AAAA', signature: 'Cv8' });
    const nested = authenticationResponse({ id: 'AQID', response: { clientDataJSON: 'eyJ9', authenticatorData: 'AAAA', signature: 'Cv8' } }, 'AQID');
    expect(nested?.response.signature).toBe('Cv8');
  });

  it('authentication: a foreign credential id, a non-hex signature or a missing part is null', () => {
    expect(authenticationResponse({ id: 'BBBB', clientData: 'eyJ9', authData: 'AAAA', signature: '0aff' }, 'AQID')).toBeNull();
    expect(authenticationResponse({ clientData: 'eyJ9', authData: 'AAAA', signature: 'xyz' }, 'AQID')).toBeNull();
    expect(authenticationResponse({ clientData: 'eyJ9', signature: '0aff' }, 'AQID')).toBeNull();
  });

  it('the signed challenge: only base64url text is returned (never a NUL or a non-string)', () => {
    expect(signedChallenge(clientData('abcDEF123_-'))).toBe('abcDEF123_-');
    for (const c of ['a\u0000b', 42, '', null, 'a b']) expect(signedChallenge(clientData(c))).toBeNull();
    expect(signedChallenge('not json')).toBeNull();
  });

  it('the named credential id of a discoverable login', () => {
    expect(namedCredentialId({ id: 'AQID' })).toBe('AQID');
    expect(namedCredentialId({ rawId: 'AQID' })).toBe('AQID');
    expect(namedCredentialId({ id: 'a/b' })).toBeNull();
    expect(namedCredentialId(null)).toBeNull();
  });
});
