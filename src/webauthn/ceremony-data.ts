import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { decodeAttestationObject, decodeClientDataJSON, isoBase64URL, parseAuthenticatorData } from '@simplewebauthn/server/helpers';
import { isPyDict, type PyValue } from '../drf/parsing/python-value';

/**
 * A browser's answer to `navigator.credentials.create()/get()` as the server receives it.
 * Djoser's clients send py_webauthn 0.4's flat fields (`clientData`, `attObj`; `authData`,
 * and `signature` in hex); WebAuthn Level 3 clients send `PublicKeyCredential.toJSON()`
 * (`response.clientDataJSON`…, all base64url). Both become SimpleWebAuthn's JSON shape;
 * anything unreadable becomes null (Djoser's "WebAuthn verification failed.").
 */
type Dict = Record<string, PyValue>;

const text = (d: Dict, key: string): string | undefined => (typeof d[key] === 'string' && d[key] !== '' ? (d[key] as string) : undefined);
const isB64url = (v: string | undefined): v is string => v !== undefined && isoBase64URL.isBase64URL(v);

/** The credential id an attestation object declares (Djoser's clients do not send one). */
function attestedCredentialId(attestationObject: string): string | null {
  try {
    const authData = decodeAttestationObject(isoBase64URL.toBuffer(attestationObject)).get('authData');
    const id = parseAuthenticatorData(authData).credentialID;
    return id ? isoBase64URL.fromBuffer(id) : null;
  } catch {
    return null;
  }
}

/** The nested `response` of a toJSON() credential, or the flat body itself. */
function responseOf(data: PyValue): { top: Dict; inner: Dict } | null {
  if (!isPyDict(data)) return null;
  const inner = data.response;
  return { top: data, inner: isPyDict(inner) ? inner : data };
}

export function registrationResponse(data: PyValue): RegistrationResponseJSON | null {
  const r = responseOf(data);
  if (!r) return null;
  const clientDataJSON = text(r.inner, 'clientDataJSON') ?? text(r.inner, 'clientData');
  const attestationObject = text(r.inner, 'attestationObject') ?? text(r.inner, 'attObj');
  if (!isB64url(clientDataJSON) || !isB64url(attestationObject)) return null;
  const id = attestedCredentialId(attestationObject);
  if (!id) return null;
  return { id, rawId: id, type: 'public-key', response: { clientDataJSON, attestationObject }, clientExtensionResults: {} };
}

const HEX = /^(?:[0-9a-fA-F]{2})+$/;

export function authenticationResponse(data: PyValue, credentialId: string): AuthenticationResponseJSON | null {
  const r = responseOf(data);
  if (!r) return null;
  const nested = r.inner !== r.top;
  const clientDataJSON = text(r.inner, 'clientDataJSON') ?? text(r.inner, 'clientData');
  const authenticatorData = text(r.inner, 'authenticatorData') ?? text(r.inner, 'authData');
  let signature = text(r.inner, 'signature');
  // py_webauthn 0.4 reads the flat `signature` as hex (binascii.unhexlify).
  if (!nested && signature !== undefined) signature = HEX.test(signature) ? isoBase64URL.fromBuffer(Buffer.from(signature, 'hex')) : undefined;
  if (!isB64url(clientDataJSON) || !isB64url(authenticatorData) || !isB64url(signature)) return null;
  // A credential id the client names must be the one the server checks against.
  const named = text(r.top, 'id') ?? text(r.top, 'rawId');
  if (named !== undefined && named !== credentialId) return null;
  return {
    id: credentialId,
    rawId: credentialId,
    type: 'public-key',
    response: { clientDataJSON, authenticatorData, signature },
    clientExtensionResults: {},
  };
}

/** The credential id a discoverable login names (`id`, or `rawId`), for the lookup. */
export function namedCredentialId(data: PyValue): string | null {
  if (!isPyDict(data)) return null;
  const id = text(data, 'id') ?? text(data, 'rawId');
  return isB64url(id) ? id : null;
}

/** The challenge the browser signed, read from clientDataJSON (which challenge row to use). */
export function signedChallenge(clientDataJSON: string): string | null {
  try {
    const { challenge } = decodeClientDataJSON(clientDataJSON);
    return typeof challenge === 'string' && /^[A-Za-z0-9_-]{1,200}$/.test(challenge) ? challenge : null;
  } catch {
    return null;
  }
}
