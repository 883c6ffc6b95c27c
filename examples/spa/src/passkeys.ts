import { authed, request } from './api';
import { go } from './router';
import { tokens } from './tokens';
import { mount, onForm, showError, showMessage } from './ui';

/**
 * Passkeys against Djoser's `webauthn/` endpoints. Djoser's options and bodies are
 * py_webauthn 0.4's: challenge, user id and credential ids are base64url text, the answers
 * go back flat (`clientData`, `attObj`, `authData` in base64url, `signature` in hex).
 * The discoverable login and "add a passkey" pages use this server's own endpoints.
 */

const fromB64url = (s: string) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4)), (c) => c.charCodeAt(0));
const toB64url = (b: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(b))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const toHex = (b: ArrayBuffer) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');

interface CreationOptions {
  challenge: string;
  rp: { name: string; id: string };
  user: { id: string; name: string; displayName: string };
  pubKeyCredParams: PublicKeyCredentialParameters[];
  timeout: number;
  excludeCredentials: Array<{ type: 'public-key'; id: string }>;
  attestation: AttestationConveyancePreference;
  authenticatorSelection?: AuthenticatorSelectionCriteria;
}

interface RequestOptions {
  challenge: string;
  allowCredentials: Array<{ type: 'public-key'; id: string; transports?: AuthenticatorTransport[] }>;
  rpId: string;
  timeout: number;
  userVerification: UserVerificationRequirement;
}

/** navigator.credentials.create() with Djoser's options; the attestation as Djoser's signup/ reads it. */
async function createPasskey(o: CreationOptions): Promise<Record<string, string>> {
  const credential = (await navigator.credentials.create({
    publicKey: {
      challenge: fromB64url(o.challenge),
      rp: o.rp,
      user: { id: fromB64url(o.user.id), name: o.user.name, displayName: o.user.displayName },
      pubKeyCredParams: o.pubKeyCredParams,
      timeout: o.timeout,
      excludeCredentials: o.excludeCredentials.map((c) => ({ type: c.type, id: fromB64url(c.id) })),
      attestation: o.attestation,
      authenticatorSelection: o.authenticatorSelection,
    },
  })) as PublicKeyCredential;
  const response = credential.response as AuthenticatorAttestationResponse;
  return { id: credential.id, clientData: toB64url(response.clientDataJSON), attObj: toB64url(response.attestationObject) };
}

/** navigator.credentials.get() with Djoser's options; the assertion as Djoser's login/ reads it. */
async function usePasskey(o: RequestOptions): Promise<Record<string, string>> {
  const credential = (await navigator.credentials.get({
    publicKey: {
      challenge: fromB64url(o.challenge),
      allowCredentials: o.allowCredentials.map((c) => ({ type: c.type, id: fromB64url(c.id), transports: c.transports })),
      rpId: o.rpId,
      timeout: o.timeout,
      userVerification: o.userVerification,
    },
  })) as PublicKeyCredential;
  const response = credential.response as AuthenticatorAssertionResponse;
  return {
    id: credential.id,
    clientData: toB64url(response.clientDataJSON),
    authData: toB64url(response.authenticatorData),
    signature: toHex(response.signature),
    ...(response.userHandle ? { userHandle: toB64url(response.userHandle) } : {}),
  };
}

const field = (name: string, label: string, type = 'text', required = true) =>
  `<label>${label}<input name="${name}" type="${type}" ${required ? 'required' : ''} /></label>`;

/** Djoser's login/ answers the DRF token body: the session then authenticates with `Token <key>`. */
function signedIn(res: { status: number; data: unknown }): void {
  if (res.status !== 201) return showError(res as never);
  tokens.useDrfToken((res.data as { auth_token: string }).auth_token);
  go('profile');
}

function signupPage(): void {
  mount(`<h1>Sign up with a passkey</h1>
    <form id="passkey-signup-form">${field('username', 'Username')}${field('email', 'E-mail', 'email', false)}${field('display_name', 'Display name')}
    <button>Create account with a passkey</button></form>`);
  onForm('passkey-signup-form', async (f) => {
    const options = await request<CreationOptions>('POST', '/auth/webauthn/signup_request/', { username: f.username, display_name: f.display_name });
    if (options.status !== 200) return showError(options);
    const attestation = await createPasskey(options.data);
    const res = await request<{ username: string }>('POST', `/auth/webauthn/signup/${encodeURIComponent(options.data.user.id)}/`, {
      username: f.username,
      email: f.email,
      ...attestation,
    });
    if (res.status === 201) showMessage(`Account created for ${res.data.username} with a passkey. You can log in with it now.`);
    else showError(res);
  });
}

function loginPage(): void {
  mount(`<h1>Log in with a passkey</h1>
    <form id="passkey-login-form">${field('username', 'Username')}<button>Log in with a passkey</button></form>
    <p><button id="passkey-discoverable">Log in with a passkey, no username</button></p>`);
  onForm('passkey-login-form', async (f) => {
    const options = await request<RequestOptions>('POST', '/auth/webauthn/login_request/', { username: f.username });
    if (options.status !== 200) return showError(options);
    signedIn(await request('POST', '/auth/webauthn/login/', { username: f.username, ...(await usePasskey(options.data)) }));
  });
  document.getElementById('passkey-discoverable')!.addEventListener('click', async () => {
    const options = await request<RequestOptions>('POST', '/auth/webauthn/discoverable_login_request/', {});
    if (options.status !== 200) return showError(options);
    signedIn(await request('POST', '/auth/webauthn/discoverable_login/', await usePasskey(options.data)));
  });
}

function addPage(): void {
  mount(`<h1>Add a passkey</h1><p>Adds a passkey to the account you are logged in with.</p>
    <form id="passkey-add-form"><button>Add a passkey</button></form>`);
  onForm('passkey-add-form', async () => {
    const options = await authed<CreationOptions>('POST', '/auth/webauthn/add_request/', {});
    if (options.status !== 200) return showError(options);
    const res = await authed('POST', '/auth/webauthn/add/', await createPasskey(options.data));
    if (res.status === 201) showMessage('Passkey added. You can log in with it now.');
    else showError(res);
  });
}

export function renderPasskeys(action: string): void {
  if (action === 'signup') return signupPage();
  if (action === 'add') return addPage();
  return loginPage();
}
