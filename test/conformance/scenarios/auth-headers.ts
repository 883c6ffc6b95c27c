import type { ConformanceConfig } from '../configs';
import type { Scenario, Step } from '../types';
import {
  bearerOf,
  createActiveUser,
  defineForged,
  ForgedKind,
  get,
  json,
  jwtLogin,
  ME,
  post,
  rawJson,
  STRONG,
  tokenLogin,
  tokenOf,
  user,
  USERS,
} from './helpers';

/** §7.3 and §8: every Authorization header form both authenticators see, and §1.2 step 3. */

const alice = user('alice');
const me = (name: string, auth: string, extra: Partial<Step> = {}): Step => get(name, ME, { auth, ...extra });

const FORGED: ForgedKind[] = [
  'expired-access',
  'no-exp-access',
  'no-jti-access',
  'no-type-access',
  'sliding-type',
  'alg-none-access',
  'wrong-key-access',
  'hs512-access',
  'tampered-access',
  'unknown-user-access',
  'no-user-id-access',
  'string-user-id-access',
  'future-iat-access',
  'future-nbf-access',
  'string-exp-access',
  'no-typ-header-access',
];

export const tokenAuthHeader: Scenario = {
  name: 'token-auth-header',
  area: 'auth',
  configs: ['default'],
  description: "DRF TokenAuthentication header parsing on GET users/me/ (keyword case, spaces, bad bytes)",
  steps: (config: ConformanceConfig) => [
    ...createActiveUser(config, alice),
    tokenLogin(alice),
    get('no-header', ME),
    me('token', tokenOf('alice')),
    me('token-two-spaces', 'Token  {{alice.token}}'),
    me('token-tab', 'Token\t{{alice.token}}'),
    me('token-lowercase-keyword', 'token {{alice.token}}'),
    me('token-uppercase-keyword', 'TOKEN {{alice.token}}'),
    me('token-keyword-only', 'Token'),
    me('token-keyword-trailing-space', 'Token '),
    me('token-three-parts', 'Token a b'),
    me('token-junk', 'token 0123456789abcdef0123456789abcdef01234567'),
    me('token-non-utf8', 'Token \xff\xfe'),
    me('token-latin1-letters', 'Token caf\xe9'),
    me('token-trailing-text', 'Token {{alice.token}}x'),
    me('empty-header', ''),
    me('whitespace-header', '   '),
    me('basic', 'Basic YWxpY2U6cGFzcw=='),
    me('unknown-keyword', 'Foo {{alice.token}}'),
    me('token-keyword-glued', 'Token{{alice.token}}'),
  ],
};

export const jwtAuthHeader: Scenario = {
  name: 'jwt-auth-header',
  area: 'auth',
  configs: ['default', 'open'],
  description: 'SimpleJWT header parsing and token checks on GET users/me/ (open config also accepts the JWT keyword)',
  steps: (config: ConformanceConfig) => [
    ...createActiveUser(config, alice),
    jwtLogin(alice),
    me('bearer', bearerOf('alice')),
    me('bearer-two-spaces', 'Bearer  {{alice.access}}'),
    me('bearer-tab', 'Bearer\t{{alice.access}}'),
    me('bearer-keyword-only', 'Bearer'),
    me('bearer-three-parts', 'Bearer a b'),
    me('bearer-junk', 'Bearer junk'),
    me('bearer-lowercase-keyword', 'bearer {{alice.access}}'),
    me('jwt-keyword', 'JWT {{alice.access}}'),
    me('jwt-keyword-junk', 'JWT junk'),
    me('bearer-refresh', 'Bearer {{alice.refresh}}'),
    me('bearer-trailing-text', 'Bearer {{alice.access}}x'),
    me('bearer-token-key-shape', 'Bearer 0123456789abcdef0123456789abcdef01234567'),
    {
      ...me('forged-expired', 'Bearer {{forged.expired-access}}'),
      define: defineForged(FORGED, 'alice'),
    },
    ...FORGED.slice(1).map((kind) => me(`forged-${kind.replace(/-access$/, '')}`, `Bearer {{forged.${kind}}}`)),
  ],
};

export const authOnPublicEndpoints: Scenario = {
  name: 'auth-on-public-endpoints',
  area: 'auth',
  configs: ['default'],
  description: 'authentication runs before AllowAny views (401 on bad headers), but not on jwt/* views',
  steps: (config: ConformanceConfig) => [
    ...createActiveUser(config, alice),
    tokenLogin(alice),
    post('register-bearer-junk', USERS, json({ username: 'pub1', password: STRONG, email: '' }), { auth: 'Bearer junk' }),
    post('register-token-junk', USERS, json({ username: 'pub1', password: STRONG, email: '' }), { auth: 'Token junk' }),
    post('register-with-valid-token', USERS, json({ username: 'pub2', password: STRONG, email: '' }), { auth: tokenOf('alice') }),
    post('token-login-token-junk', '/auth/token/login/', json({ username: 'alice', password: alice.password }), { auth: 'Token junk' }),
    post('token-login-bearer-keyword-only', '/auth/token/login/', json({ username: 'alice', password: alice.password }), { auth: 'Bearer' }),
    post('reset-password-token-junk', `${USERS}reset_password/`, json({ email: 'alice@example.com' }), { auth: 'Token junk' }),
    post('activation-bearer-junk', `${USERS}activation/`, json({ uid: 'x', token: 'y' }), { auth: 'Bearer junk' }),
    post('jwt-create-bearer-junk', '/auth/jwt/create/', json({ username: 'alice', password: alice.password }), { auth: 'Bearer junk' }),
    post('jwt-verify-token-junk', '/auth/jwt/verify/', json({ token: 'x' }), { auth: 'Token junk' }),
    get('root-bearer-junk', '/auth/', { auth: 'Bearer junk' }),
    get('accept-xml-before-bad-token', ME, { auth: 'Bearer junk', headers: { Accept: 'application/xml' } }),
    post('bad-token-before-bad-json', USERS, rawJson('{bad json'), { auth: 'Token junk' }),
    post('anonymous-before-media-type', `${USERS}set_password/`, { raw: 'x', contentType: 'text/plain' }),
    post('anonymous-before-bad-json', `${USERS}set_password/`, rawJson('{bad json')),
    post('authenticated-bad-json', `${USERS}set_password/`, rawJson('{bad json'), { auth: tokenOf('alice') }),
    get('users-list-unknown-keyword', USERS, { auth: 'Basic YWxpY2U6cGFzcw==' }),
  ],
};

export const AUTH_SCENARIOS = [tokenAuthHeader, jwtAuthHeader, authOnPublicEndpoints];
