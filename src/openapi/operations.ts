import type { SchemaObject } from '@nestjs/swagger';
import { obtainFields, REFRESH_FIELDS, VERIFY_FIELDS, BLACKLIST_FIELDS } from '../auth/jwt/jwt-views';
import { tokenCreateFields } from '../auth/drf-token/token-views';
import { AUTH_TOKEN_FIELDS } from '../auth/extra-mounts/extra-mount-views';
import type { Settings } from '../config/settings';
import type { Fields } from '../drf/serializer';
import {
  ACTIVATION_FIELDS,
  passwordResetConfirmFields,
  SEND_EMAIL_RESET_FIELDS,
  setPasswordFields,
  setUsernameFields,
  userCreateFields,
  userDeleteFields,
  userFields,
  usernameResetConfirmFields,
} from '../users/user-serializers';

/** How one served (path, method) is described; paths are Django's, with `{id}` and the trailing slash. */
export interface OperationSpec {
  path: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  summary: string;
  tag: string;
  /** The serializer that validates the body (undefined: the body is not read). */
  request?: Fields;
  /** Extra request properties a serializer reads from the raw input in `validate()`. */
  requestExtra?: Record<string, SchemaObject>;
  /** Partial update: no field is required. */
  partial?: boolean;
  status: 200 | 201 | 204;
  response?: SchemaObject;
  /** Authentication required (401 / 403 without it). */
  auth: boolean;
  /** The view reads the Authorization header at all (SimpleJWT's views do not). */
  authenticates: boolean;
  /** Rate-limited endpoints (429). */
  throttled?: boolean;
  /** `users/{id}/`: 404 for other users' ids and HIDE_USERS. */
  notFound?: boolean;
}

// The field lists are read for their shapes only: validators (uniqueness, current password) never run here.
const noCheck = () => [] as string[];

const str = (extra: SchemaObject = {}): SchemaObject => ({ type: 'string', ...extra });

/** Every endpoint the server can serve under these settings, in URL order. */
export function operations(s: Settings): OperationSpec[] {
  const d = s.djoser;
  const login = d.loginField;
  const user = { $ref: '#/components/schemas/User' } as SchemaObject;
  const users = 'users';
  const ops: OperationSpec[] = [
    { path: '/auth/', method: 'get', summary: 'API root', tag: users, status: 200, auth: false, authenticates: true,
      response: { type: 'object', properties: { users: str({ format: 'uri' }) }, required: ['users'] } },
    { path: '/auth/users/', method: 'get', summary: 'List users (only yourself unless staff; HIDE_USERS)', tag: users, status: 200, auth: true, authenticates: true,
      response: { type: 'array', items: user } },
    { path: '/auth/users/', method: 'post', summary: 'Register a user', tag: users, request: userCreateFields(d, noCheck), status: 201, auth: false, authenticates: true, throttled: true,
      response: { $ref: '#/components/schemas/UserCreate' } as SchemaObject },
    { path: '/auth/users/me/', method: 'get', summary: 'The current user', tag: users, status: 200, auth: true, authenticates: true, response: user },
    { path: '/auth/users/me/', method: 'put', summary: 'Update the current user', tag: users, request: userFields(d), status: 200, auth: true, authenticates: true, response: user },
    { path: '/auth/users/me/', method: 'patch', summary: 'Partially update the current user', tag: users, request: userFields(d), partial: true, status: 200, auth: true, authenticates: true, response: user },
    { path: '/auth/users/me/', method: 'delete', summary: 'Delete the current user', tag: users, request: userDeleteFields(noCheck), status: 204, auth: true, authenticates: true },
    { path: '/auth/users/activation/', method: 'post', summary: 'Activate an account (uid and token from the e-mail)', tag: users, request: ACTIVATION_FIELDS, status: 204, auth: false, authenticates: true, throttled: true },
    { path: '/auth/users/resend_activation/', method: 'post', summary: 'Send the activation e-mail again', tag: users, request: SEND_EMAIL_RESET_FIELDS, status: 204, auth: false, authenticates: true, throttled: true },
    { path: '/auth/users/set_password/', method: 'post', summary: 'Change the password', tag: users, request: setPasswordFields(d, noCheck), status: 204, auth: true, authenticates: true },
    { path: '/auth/users/reset_password/', method: 'post', summary: 'Mail a password reset link', tag: users, request: SEND_EMAIL_RESET_FIELDS, status: 204, auth: false, authenticates: true, throttled: true },
    { path: '/auth/users/reset_password_confirm/', method: 'post', summary: 'Set a new password with the reset link', tag: users, request: passwordResetConfirmFields(d), status: 204, auth: false, authenticates: true, throttled: true },
    { path: `/auth/users/set_${login}/`, method: 'post', summary: `Change the ${login}`, tag: users, request: setUsernameFields(d, noCheck, noCheck), status: 204, auth: true, authenticates: true },
    { path: `/auth/users/reset_${login}/`, method: 'post', summary: `Mail a ${login} reset link`, tag: users, request: SEND_EMAIL_RESET_FIELDS, status: 204, auth: false, authenticates: true, throttled: true },
    { path: `/auth/users/reset_${login}_confirm/`, method: 'post', summary: `Set a new ${login} with the reset link`, tag: users, request: usernameResetConfirmFields(d, noCheck),
      requestExtra: { uid: str(), token: str() }, status: 204, auth: false, authenticates: true, throttled: true },
    { path: '/auth/users/{id}/', method: 'get', summary: 'A user', tag: users, status: 200, auth: true, authenticates: true, notFound: true, response: user },
    { path: '/auth/users/{id}/', method: 'put', summary: 'Update a user', tag: users, request: userFields(d), status: 200, auth: true, authenticates: true, notFound: true, response: user },
    { path: '/auth/users/{id}/', method: 'patch', summary: 'Partially update a user', tag: users, request: userFields(d), partial: true, status: 200, auth: true, authenticates: true, notFound: true, response: user },
    { path: '/auth/users/{id}/', method: 'delete', summary: 'Delete a user', tag: users, request: userDeleteFields(noCheck), status: 204, auth: true, authenticates: true, notFound: true },
    ...jwtOperations('/auth/jwt', 'jwt', s, true),
    { path: '/auth/token/login/', method: 'post', summary: 'Obtain a DRF auth token', tag: 'token', request: tokenCreateFields(login), status: 200, auth: false, authenticates: true, throttled: true,
      response: { type: 'object', properties: { auth_token: str() }, required: ['auth_token'] } },
    { path: '/auth/token/logout/', method: 'post', summary: "Delete the caller's DRF token", tag: 'token', status: 204, auth: true, authenticates: true },
    { path: '/auth/token/logout_all/', method: 'post', summary: 'Delete the DRF token and revoke every refresh token of the caller', tag: 'token', status: 204, auth: true, authenticates: true },
  ];
  // passkeys (src/webauthn): Djoser's four views, then ours
  ops.push(
    { path: '/auth/webauthn/signup_request/', method: 'post', summary: 'Passkey sign-up: creation options (py_webauthn 0.4 registration_dict)', tag: 'webauthn',
      request: [['username', {}], ['display_name', {}]], status: 200, auth: false, authenticates: true },
    { path: '/auth/webauthn/signup/{ukey}/', method: 'post', summary: 'Passkey sign-up: the attestation and the user fields; answers the user', tag: 'webauthn', status: 201, auth: false, authenticates: true, notFound: true },
    { path: '/auth/webauthn/login_request/', method: 'post', summary: 'Passkey login: request options for a username', tag: 'webauthn', request: [[login, {}]], status: 200, auth: false, authenticates: true },
    { path: '/auth/webauthn/login/', method: 'post', summary: 'Passkey login: the assertion; answers a DRF token', tag: 'webauthn', request: [[login, {}]], status: 201, auth: false, authenticates: true,
      response: { type: 'object', properties: { auth_token: str() }, required: ['auth_token'] } },
    { path: '/auth/webauthn/discoverable_login_request/', method: 'post', summary: 'Passkey login without a username: request options', tag: 'webauthn', status: 200, auth: false, authenticates: true },
    { path: '/auth/webauthn/discoverable_login/', method: 'post', summary: 'Passkey login without a username: the assertion; answers a DRF token', tag: 'webauthn', status: 201, auth: false, authenticates: true,
      response: { type: 'object', properties: { auth_token: str() }, required: ['auth_token'] } },
    { path: '/auth/webauthn/add_request/', method: 'post', summary: 'Creation options for a passkey on the current account', tag: 'webauthn', status: 200, auth: true, authenticates: true },
    { path: '/auth/webauthn/add/', method: 'post', summary: 'Add a passkey to the current account', tag: 'webauthn', status: 201, auth: true, authenticates: true },
  );
  // social login (src/social): code and state come in the query string (or a form body)
  ops.push(
    { path: '/auth/o/{provider}/', method: 'get', summary: "The provider's authorization URL for ?redirect_uri= (sets the state cookie)", tag: 'social', status: 200, auth: false, authenticates: true,
      response: { type: 'object', properties: { authorization_url: str({ format: 'uri' }) }, required: ['authorization_url'] } },
    { path: '/auth/o/{provider}/', method: 'post', summary: "Exchange the provider's ?code= and ?state= for tokens", tag: 'social', status: 201, auth: false, authenticates: true,
      response: s.social.tokenStrategy === 'token'
        ? { type: 'object', properties: { auth_token: str(), user: str() }, required: ['auth_token', 'user'] }
        : { type: 'object', properties: { access: str(), refresh: str(), user: str() }, required: ['access', 'refresh', 'user'] } },
  );
  if (s.simpleJwt.mountSimpleJwtUrls) ops.push(...jwtOperations('/api/token', 'simplejwt', s, false));
  if (s.simpleJwt.mountAuthtokenUrl)
    ops.push({ path: '/api-token-auth/', method: 'post', summary: "DRF's obtain_auth_token", tag: 'token', request: AUTH_TOKEN_FIELDS, status: 200, auth: false, authenticates: false,
      response: { type: 'object', properties: { token: str() }, required: ['token'] } });
  return ops;
}

/** SimpleJWT's views (no authentication; `{}` answers for verify and blacklist). */
function jwtOperations(base: string, tag: string, s: Settings, djoser: boolean): OperationSpec[] {
  const pair: SchemaObject = { type: 'object', properties: { refresh: str(), access: str() }, required: ['refresh', 'access'] };
  const refreshed: SchemaObject = s.simpleJwt.rotateRefreshTokens ? pair : { type: 'object', properties: { access: str() }, required: ['access'] };
  const empty: SchemaObject = { type: 'object', properties: {} };
  const create = djoser ? `${base}/create/` : `${base}/`;
  const ops: OperationSpec[] = [
    { path: create, method: 'post', summary: 'Obtain a JWT pair', tag, request: obtainFields(s.djoser.loginField), status: 200, auth: false, authenticates: false, throttled: true, response: pair },
    { path: `${base}/refresh/`, method: 'post', summary: 'Refresh the access token', tag, request: REFRESH_FIELDS, status: 200, auth: false, authenticates: false, response: refreshed },
    { path: `${base}/verify/`, method: 'post', summary: 'Verify a token', tag, request: VERIFY_FIELDS, status: 200, auth: false, authenticates: false, response: empty },
  ];
  if (djoser) ops.push({ path: `${base}/blacklist/`, method: 'post', summary: 'Blacklist a refresh token', tag, request: BLACKLIST_FIELDS, status: 200, auth: false, authenticates: false, response: empty });
  return ops;
}
