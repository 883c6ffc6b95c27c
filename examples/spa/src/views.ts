import { ApiResponse, authed, request } from './api';
import { config } from './config';
import { go, Route } from './router';
import { tokens } from './tokens';
import { mount, onForm, showError, showMessage, text } from './ui';
import { renderPasskeys } from './passkeys';
import { socialButtons, socialCallback, wireSocialButtons } from './social';
import { userModel, type InputField } from './model';

interface User {
  id: number;
  email: string;
  username?: string;
  [field: string]: unknown;
}

const field = (name: string, label: string, type = 'text') => `<label>${label}<input name="${name}" type="${type}" required /></label>`;
const modelInput = (f: InputField) =>
  `<label>${text(f.label)}<input name="${text(f.name)}" type="${f.type}"${f.required ? ' required' : ''}${f.maxLength ? ` maxlength="${f.maxLength}"` : ''} /></label>`;

/** The model's sign-up fields (REQUIRED_FIELDS, the login field, password), as the server describes them. */
async function signup(): Promise<void> {
  const model = await userModel();
  mount(`<h1>Sign up</h1>
    <form id="signup-form">${model.signup.map(modelInput).join('')}
    <button>Create account</button></form>`);
  onForm('signup-form', async (f) => {
    const res = await request<User>('POST', '/auth/users/', f);
    if (res.status === 201) showMessage(`Account created for ${res.data.email}. Open the link in the e-mail we sent to activate it.`);
    else showError(res);
  });
}

/** Djoser's activation page: the link carries uid and token; the page posts them. */
async function activate(params: Record<string, string>): Promise<void> {
  mount('<h1>Activation</h1><p>Activating your account…</p>');
  const res = await request('POST', '/auth/users/activation/', { uid: params.uid, token: params.token });
  if (res.status === 204) {
    mount('<h1>Activation</h1><p><a href="/#/login">Log in</a></p>');
    showMessage('Your account is active. You can log in now.');
  } else showError(res);
}

async function login(): Promise<void> {
  const { loginField } = await userModel();
  const label = loginField === 'email' ? 'E-mail' : loginField === 'username' ? 'Username' : loginField.replace(/_/g, ' ');
  mount(`<h1>Log in</h1>
    <form id="login-form">${field(loginField, label)}${field('password', 'Password', 'password')}
    <button>Log in</button></form>${socialButtons()}`);
  wireSocialButtons();
  onForm('login-form', async (f) => {
    const res = await request<{ access: string; refresh?: string }>('POST', '/auth/jwt/create/', f);
    if (res.status !== 200) return showError(res);
    tokens.access = res.data.access;
    // cookie mode: the refresh token is the httpOnly cookie the answer set
    if (config.mode === 'jwt') tokens.refresh = res.data.refresh;
    go('profile');
  });
}

/** Shows the profile, or returns the answer that prevented it (its reason is on the page). */
async function profile(): Promise<ApiResponse | undefined> {
  const res = await authed<User>('GET', '/auth/users/me/');
  if (res.status !== 200) {
    mount('<h1>Profile</h1><p><a href="/#/login">Log in</a> first.</p>');
    showError(res);
    return res;
  }
  const user = res.data;
  const model = await userModel();
  const emailForm = model.emailIsLogin
    ? `${field('new_email', 'New e-mail', 'email')}${field('current_password', 'Current password', 'password')}`
    : field('email', 'New e-mail', 'email');
  // every field users/me/ answers (the model's REQUIRED_FIELDS, id, the login field)
  const shown = ['id', ...model.profile.filter((n) => n !== 'id'), ...Object.keys(user).filter((n) => n !== 'id' && !model.profile.includes(n))];
  mount(`<h1>Profile</h1>
    <dl id="profile">${shown
      .filter((n) => user[n] !== undefined)
      .map((n) => `<dt>${text(n === 'email' ? 'e-mail' : n)}</dt><dd id="profile-${text(n)}">${text(String(user[n]))}</dd>`)
      .join('')}</dl>
    <button id="reload">Reload profile</button> <button id="logout">Log out</button>
    <form id="email-form"><strong>Change e-mail</strong>${emailForm}<button>Change e-mail</button></form>
    <form id="password-form"><strong>Change password</strong>${field('current_password', 'Current password', 'password')}${field('new_password', 'New password', 'password')}<button>Change password</button></form>`);
  document.getElementById('reload')!.addEventListener('click', () => void profile());
  document.getElementById('logout')!.addEventListener('click', () => void logout());
  onForm('email-form', async (f) => {
    // username login: e-mail is a plain field of users/me; e-mail login: it is the login field (set_email)
    const res = model.emailIsLogin ? await authed('POST', '/auth/users/set_email/', f) : await authed<User>('PATCH', '/auth/users/me/', f);
    if (res.status !== 200 && res.status !== 204) return showError(res);
    const email = f.email ?? f.new_email;
    const failed = await profile();
    if (!failed) showMessage(`E-mail changed to ${email}.`);
    // with SEND_ACTIVATION_EMAIL Djoser deactivates the account until the new address is confirmed
    else if ((failed.data as { code?: string } | undefined)?.code === 'user_inactive')
      showMessage(`E-mail changed to ${email}. Open the activation link we sent there, then log in again.`);
  });
  onForm('password-form', async (f) => {
    const res = await authed('POST', '/auth/users/set_password/', f);
    if (res.status === 204) showMessage('Password changed.');
    else showError(res);
  });
  return undefined;
}

/** Blacklists the refresh token where the server mounts SimpleJWT's blacklist view; Djoser's urls do not (404): then the tokens are just dropped. */
async function logout(): Promise<void> {
  const res = await request('POST', '/auth/jwt/blacklist/', config.mode === 'jwt' ? { refresh: tokens.refresh } : undefined);
  tokens.clear();
  mount('<h1>Logged out</h1><p><a href="/#/login">Log in</a></p>');
  if (res.status === 200) showMessage('Logged out: the refresh token is blacklisted.');
  else if (res.status === 404) showMessage('Logged out: this server has no blacklist endpoint, the tokens were discarded.');
  else showError(res);
}

function reset(): void {
  mount(`<h1>Forgot password</h1><form id="reset-form">${field('email', 'E-mail', 'email')}<button>Send reset link</button></form>`);
  onForm('reset-form', async (f) => {
    const res = await request('POST', '/auth/users/reset_password/', f);
    if (res.status === 204) showMessage('If an account uses this address, we sent it a reset link.');
    else showError(res);
  });
}

function resetConfirm(params: Record<string, string>): void {
  mount(`<h1>Choose a new password</h1><form id="reset-confirm-form">${field('new_password', 'New password', 'password')}<button>Set password</button></form>`);
  onForm('reset-confirm-form', async (f) => {
    const res = await request('POST', '/auth/users/reset_password_confirm/', { uid: params.uid, token: params.token, ...f });
    if (res.status !== 204) return showError(res);
    mount('<h1>Password reset</h1><p><a href="/#/login">Log in</a></p>');
    showMessage('Your password is reset. You can log in now.');
  });
}

export async function render(route: Route): Promise<void> {
  switch (route.name) {
    case 'home':
      return go(tokens.access ? 'profile' : 'login');
    case 'signup':
      return signup();
    case 'activate':
      return activate(route.params);
    case 'login':
      return login();
    case 'profile':
      await profile();
      return;
    case 'reset':
      return reset();
    case 'reset-confirm':
      return resetConfirm(route.params);
    case 'passkey':
      return renderPasskeys(route.params.action);
    default:
      if (await socialCallback()) return;
      mount('<h1>Not found</h1>');
  }
}
