import type { ConformanceConfig } from '../configs';
import type { Scenario, Step } from '../types';
import { ADMIN, bearerOf, createActiveUser, defineForged, ForgedKind, get, json, jwtLogin, ME, post, register, user } from './helpers';

/** §7: jwt/create, jwt/refresh, jwt/verify and the token structure they issue. */

const CREATE = '/auth/jwt/create/';
const REFRESH = '/auth/jwt/refresh/';
const VERIFY = '/auth/jwt/verify/';
const alice = user('alice');

const REFRESH_FORGED: ForgedKind[] = [
  'expired-refresh',
  'no-exp-refresh',
  'no-jti-refresh',
  'access-as-refresh-type',
  'alg-none-refresh',
  'wrong-key-refresh',
  'unknown-user-refresh',
  'sliding-type',
];
const VERIFY_FORGED: ForgedKind[] = [
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
  'future-iat-access',
  'future-nbf-access',
  'string-exp-access',
  'no-typ-header-access',
];

export const jwtCreate: Scenario = {
  name: 'jwt-create',
  area: 'jwt',
  configs: ['default'],
  description: 'jwt/create: field errors, bad credentials and inactive users (401 without code), issued token structure',
  steps: (config: ConformanceConfig) => {
    const create = (name: string, body: unknown, extra: Partial<Step> = {}): Step => post(name, CREATE, json(body), extra);
    return [
      ...createActiveUser(config, alice),
      register(config, user('carol')),
      create('empty', {}),
      create('blanks', { username: '', password: '' }),
      create('nulls', { username: null, password: null }),
      create('wrong-types', { username: ['alice'], password: { x: 1 } }),
      create('wrong-password', { username: 'alice', password: 'wrong-password' }),
      create('unknown-user', { username: 'nobody', password: 'whatever-pass' }),
      create('inactive-or-new-user', { username: 'carol', password: user('carol').password }),
      create('email-instead-of-username', { email: alice.email, password: alice.password }),
      jwtLogin(alice, 'create-ok'),
      create('create-padded-values', { username: ' alice ', password: `  ${alice.password}  ` }),
      post('create-form', CREATE, { form: { username: 'alice', password: alice.password } }),
      create('create-indent', { username: 'alice', password: 'wrong' }, { headers: { Accept: 'application/json; indent=4' } }),
      create('create-admin', { username: ADMIN.username, password: ADMIN.password }),
      create('create-ignores-auth-header', { username: 'alice', password: alice.password }, { auth: 'Bearer junk' }),
      get('me-with-access', ME, { auth: bearerOf('alice') }),
    ];
  },
};

export const jwtRefresh: Scenario = {
  name: 'jwt-refresh',
  area: 'jwt',
  configs: ['default'],
  description: 'jwt/refresh: field errors, wrong token types, forged refresh tokens, the derived access token',
  steps: (config: ConformanceConfig) => {
    const refresh = (name: string, value: unknown): Step => post(name, REFRESH, json({ refresh: value }));
    return [
      ...createActiveUser(config, alice),
      jwtLogin(alice),
      post('empty', REFRESH, json({})),
      refresh('blank', ''),
      refresh('null', null),
      refresh('number', 123),
      refresh('list', ['x']),
      refresh('garbage', 'garbage'),
      refresh('two-segments', 'a.b'),
      refresh('access-token', '{{alice.access}}'),
      post('refresh-ok', REFRESH, json({ refresh: '{{alice.refresh}}' }), { capture: { 'alice.access2': 'access' } }),
      get('me-with-refreshed-access', ME, { auth: 'Bearer {{alice.access2}}' }),
      post('refresh-form', REFRESH, { form: { refresh: '{{alice.refresh}}' } }),
      { ...refresh('forged-expired', '{{forged.expired-refresh}}'), define: defineForged(REFRESH_FORGED, 'alice') },
      ...REFRESH_FORGED.slice(1).map((kind) => refresh(`forged-${kind}`, `{{forged.${kind}}}`)),
      post('refresh-ignores-auth-header', REFRESH, json({ refresh: '{{alice.refresh}}' }), { auth: 'Bearer junk' }),
    ];
  },
};

export const jwtVerify: Scenario = {
  name: 'jwt-verify',
  area: 'jwt',
  configs: ['default'],
  description: 'jwt/verify: any token type verifies, forged tokens fail with the SimpleJWT texts',
  steps: (config: ConformanceConfig) => {
    const verify = (name: string, value: unknown): Step => post(name, VERIFY, json({ token: value }));
    return [
      ...createActiveUser(config, alice),
      jwtLogin(alice),
      post('empty', VERIFY, json({})),
      verify('blank', ''),
      verify('null', null),
      verify('garbage', 'garbage'),
      verify('token-key-shape', '0123456789abcdef0123456789abcdef01234567'),
      verify('access', '{{alice.access}}'),
      verify('refresh', '{{alice.refresh}}'),
      post('verify-form', VERIFY, { form: { token: '{{alice.access}}' } }),
      { ...verify('forged-expired', '{{forged.expired-access}}'), define: defineForged(VERIFY_FORGED, 'alice') },
      ...VERIFY_FORGED.slice(1).map((kind) => verify(`forged-${kind}`, `{{forged.${kind}}}`)),
    ];
  },
};

export const JWT_SCENARIOS = [jwtCreate, jwtRefresh, jwtVerify];
