import type { WebauthnSettings } from './webauthn-settings';
import type { CredentialOptionsRow } from './webauthn-store';

// The option dicts Djoser's views answer, key for key: py_webauthn 0.4's `registration_dict`
// and `assertion_dict` (SimpleWebAuthn's generators answer a Level 3 shape Djoser's clients do not read).

/** py_webauthn 0.4: ES256, RS256, PS256; verification accepts the same list. */
export const ALGORITHMS = [-7, -257, -37];

/** py_webauthn 0.4's default `timeout` (ms). */
const TIMEOUT = 60000;

export interface RegistrationSubject {
  ukey: string;
  username: string;
  displayName: string;
  /** Credentials the account has already (the authenticator refuses to make a second one). */
  exclude?: string[];
}

/**
 * `WebAuthnMakeCredentialOptions(...).registration_dict`, plus `authenticatorSelection`
 * asking for a discoverable credential (ours: what lets a later login skip the username).
 */
export function registrationDict(w: WebauthnSettings, challenge: string, s: RegistrationSubject): Record<string, unknown> {
  return {
    challenge,
    rp: { name: w.rpName, id: w.rpId },
    user: { id: s.ukey, name: s.username, displayName: s.displayName },
    pubKeyCredParams: ALGORITHMS.map((alg) => ({ alg, type: 'public-key' })),
    timeout: TIMEOUT,
    excludeCredentials: (s.exclude ?? []).map((id) => ({ type: 'public-key', id })),
    attestation: 'direct',
    extensions: { 'webauthn.loc': true },
    authenticatorSelection: { residentKey: 'preferred', requireResidentKey: false, userVerification: 'preferred' },
  };
}

/** `WebAuthnAssertionOptions(user, challenge).assertion_dict`; no credentials for a discoverable login. */
export function assertionDict(w: WebauthnSettings, challenge: string, co: CredentialOptionsRow | null): Record<string, unknown> {
  return {
    challenge,
    allowCredentials: co ? [{ type: 'public-key', id: co.credential_id, transports: ['usb', 'nfc', 'ble', 'internal'] }] : [],
    rpId: w.rpId,
    timeout: TIMEOUT,
    userVerification: co ? 'discouraged' : 'preferred',
  };
}
