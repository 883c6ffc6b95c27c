import type { ConformanceConfig } from '../configs';
import type { Scenario, Step } from '../types';
import { createActiveUser, idOf, tokenLogin, tokenOf, user, USERS } from './helpers';

/** §1.2 step 5 and §2: wrong methods (401 vs 405), HEAD, OPTIONS metadata on every route. */

const alice = user('alice');
const call = (name: string, method: string, path: string, authed: boolean): Step => ({
  name,
  method,
  path,
  ...(authed ? { auth: tokenOf('alice') } : {}),
  ...(['POST', 'PUT', 'PATCH'].includes(method) ? { body: { json: {} } } : {}),
});

const ACTION_ROUTES = [
  'activation',
  'resend_activation',
  'set_password',
  'reset_password',
  'reset_password_confirm',
  'set_username',
  'reset_username',
  'reset_username_confirm',
];

export const wrongMethods: Scenario = {
  name: 'wrong-methods',
  area: 'methods',
  configs: ['default'],
  description: 'unmapped methods on every route, anonymous (401 where the default permission applies) and authenticated (405)',
  steps: (config: ConformanceConfig) => [
    ...createActiveUser(config, alice),
    tokenLogin(alice),
    call('list-put-anonymous', 'PUT', USERS, false),
    call('list-put', 'PUT', USERS, true),
    call('list-patch', 'PATCH', USERS, true),
    call('list-delete', 'DELETE', USERS, true),
    call('list-trace', 'TRACE', USERS, true),
    call('me-post', 'POST', `${USERS}me/`, true),
    call('detail-post', 'POST', `${USERS}${idOf('alice')}/`, true),
    call('detail-post-anonymous', 'POST', `${USERS}${idOf('alice')}/`, false),
    ...ACTION_ROUTES.flatMap((route) => [
      call(`${route}-get-anonymous`, 'GET', `${USERS}${route}/`, false),
      call(`${route}-get`, 'GET', `${USERS}${route}/`, true),
    ]),
    call('activation-put', 'PUT', `${USERS}activation/`, true),
    call('activation-delete-anonymous', 'DELETE', `${USERS}activation/`, false),
    call('activation-head', 'HEAD', `${USERS}activation/`, true),
    call('token-login-get', 'GET', '/auth/token/login/', false),
    call('token-login-put', 'PUT', '/auth/token/login/', false),
    call('token-login-head', 'HEAD', '/auth/token/login/', false),
    call('token-logout-get-anonymous', 'GET', '/auth/token/logout/', false),
    call('token-logout-get', 'GET', '/auth/token/logout/', true),
    call('jwt-create-get', 'GET', '/auth/jwt/create/', false),
    call('jwt-create-head', 'HEAD', '/auth/jwt/create/', false),
    call('jwt-create-trace', 'TRACE', '/auth/jwt/create/', false),
    call('jwt-refresh-put', 'PUT', '/auth/jwt/refresh/', false),
    call('jwt-verify-delete', 'DELETE', '/auth/jwt/verify/', false),
    call('jwt-verify-patch', 'PATCH', '/auth/jwt/verify/', false),
  ],
};

export const optionsMetadata: Scenario = {
  name: 'options-metadata',
  area: 'methods',
  configs: ['default'],
  description: "OPTIONS on every route: DRF metadata (UserSerializer fields even on action routes), 401 where the default permission applies",
  steps: (config: ConformanceConfig) => [
    ...createActiveUser(config, alice),
    tokenLogin(alice),
    call('users-anonymous', 'OPTIONS', USERS, false),
    call('users', 'OPTIONS', USERS, true),
    call('detail', 'OPTIONS', `${USERS}${idOf('alice')}/`, true),
    call('detail-other', 'OPTIONS', `${USERS}${idOf('admin')}/`, true),
    ...ACTION_ROUTES.flatMap((route) => [
      call(`${route}-anonymous`, 'OPTIONS', `${USERS}${route}/`, false),
      call(route, 'OPTIONS', `${USERS}${route}/`, true),
    ]),
    call('token-login', 'OPTIONS', '/auth/token/login/', false),
    call('token-logout-anonymous', 'OPTIONS', '/auth/token/logout/', false),
    call('token-logout', 'OPTIONS', '/auth/token/logout/', true),
    call('jwt-create', 'OPTIONS', '/auth/jwt/create/', false),
    call('jwt-refresh', 'OPTIONS', '/auth/jwt/refresh/', false),
    call('jwt-verify', 'OPTIONS', '/auth/jwt/verify/', false),
    { ...call('users-indent', 'OPTIONS', USERS, true), headers: { Accept: 'application/json; indent=2' } },
  ],
};

export const METHOD_SCENARIOS = [wrongMethods, optionsMetadata];
