import type { ConformanceConfig } from '../configs';
import type { Scenario, Step } from '../types';
import { bearerOf, createActiveUser, get, json, jwtLogin, ME, post, register, tokenLogin, tokenOf, user } from './helpers';

/** §3.13–§3.14 and §8: token/login and token/logout. */

const LOGIN = '/auth/token/login/';
const LOGOUT = '/auth/token/logout/';
const alice = user('alice');
const login = (name: string, body: unknown, extra: Partial<Step> = {}): Step => post(name, LOGIN, json(body), extra);

export const tokenLoginScenario: Scenario = {
  name: 'token-login',
  area: 'token',
  configs: ['default', 'open'],
  description: 'token/login: optional fields, blank/null, bad credentials, inactive users, same key on every login, body forms',
  steps: (config: ConformanceConfig) => [
    ...createActiveUser(config, alice),
    register(config, user('carol')),
    login('empty', {}),
    login('blank-password', { username: 'alice', password: '' }),
    login('null-username', { username: null, password: alice.password }),
    login('blank-both', { username: '', password: '' }),
    login('list-username', { username: ['alice'], password: alice.password }),
    login('number-username', { username: 123, password: alice.password }),
    login('only-username', { username: 'alice' }),
    login('only-password', { password: alice.password }),
    login('wrong-password', { username: 'alice', password: 'wrong-password' }),
    login('unknown-user', { username: 'nobody', password: alice.password }),
    login('username-case-different', { username: 'ALICE', password: alice.password }),
    login('email-as-field', { email: alice.email, password: alice.password }),
    login('inactive-or-new-user', { username: 'carol', password: user('carol').password }),
    tokenLogin(alice, 'login-ok'),
    login('login-again-same-key', { username: 'alice', password: alice.password }),
    login('login-padded-values', { username: ' alice ', password: `  ${alice.password}  ` }),
    post('login-form', LOGIN, { form: { username: 'alice', password: alice.password } }),
    post('login-multipart', LOGIN, { multipart: { username: 'alice', password: alice.password } }),
    post('login-no-slash', '/auth/token/login', json({ username: 'alice', password: alice.password })),
    login('login-with-own-token', { username: 'alice', password: alice.password }, { auth: tokenOf('alice') }),
    login('login-indent', { username: 'alice', password: 'x' }, { headers: { Accept: 'application/json; indent=4' } }),
    login('login-admin', { username: 'admin', password: 'Adm1n-Ref-Pass!' }),
    get('me-with-token', ME, { auth: tokenOf('alice') }),
  ],
};

export const tokenLogout: Scenario = {
  name: 'token-logout',
  area: 'token',
  configs: ['default'],
  description: 'token/logout: anonymous, garbage body ignored, key deleted (401 after), JWT-authenticated logout',
  steps: (config: ConformanceConfig) => [
    ...createActiveUser(config, alice),
    tokenLogin(alice),
    jwtLogin(alice),
    post('logout-anonymous', LOGOUT),
    post('logout-garbage-body', LOGOUT, { raw: '{garbage', contentType: 'application/json' }, { auth: tokenOf('alice') }),
    post('logout-again', LOGOUT, undefined, { auth: tokenOf('alice') }),
    get('me-with-deleted-token', ME, { auth: tokenOf('alice') }),
    tokenLogin(alice, 'login-new-key'),
    post('logout-with-jwt', LOGOUT, undefined, { auth: bearerOf('alice') }),
    get('me-with-key-deleted-by-jwt-logout', ME, { auth: tokenOf('alice') }),
    post('logout-with-jwt-no-key', LOGOUT, undefined, { auth: bearerOf('alice') }),
    get('me-jwt-still-valid', ME, { auth: bearerOf('alice') }),
    tokenLogin(alice, 'login-third-key'),
    post('logout-no-slash', '/auth/token/logout', undefined, { auth: tokenOf('alice') }),
    post('logout-text-plain-body', LOGOUT, { raw: 'x', contentType: 'text/plain' }, { auth: bearerOf('alice') }),
  ],
};

export const TOKEN_SCENARIOS = [tokenLoginScenario, tokenLogout];
