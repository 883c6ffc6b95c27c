import type { ConformanceConfig } from '../configs';
import type { Scenario, Step } from '../types';
import {
  activate,
  createActiveUser,
  get,
  json,
  jwtLogin,
  ME,
  post,
  rawJson,
  register,
  registrationBody,
  STRONG,
  tokenLogin,
  tokenOf,
  user,
  USERS,
} from './helpers';

/** §3.1 and §5.3: registration, field rules, password validators, retype. */

const reg = (name: string, body: Record<string, unknown>): Step => post(name, USERS, json(body));
/** A registration body valid except for what `over` replaces (retype aware). */
const withDefaults = (config: ConformanceConfig, username: string, over: Record<string, unknown>): Record<string, unknown> => {
  const base: Record<string, unknown> = { email: `${username}@example.com`, username, password: STRONG };
  if (config.settings.userCreatePasswordRetype) base.re_password = 'password' in over ? over.password : STRONG;
  return { ...base, ...over };
};

export const registerValidation: Scenario = {
  name: 'register-validation',
  area: 'register',
  configs: ['default', 'retype'],
  description: 'field errors on POST users/: missing, blank, null, wrong types, lengths, username regex, NUL/surrogates',
  steps: (config) => [
    reg('empty', {}),
    reg('blanks', { email: '', username: '', password: '' }),
    reg('whitespace-only', { email: '   ', username: '   ', password: '   ' }),
    reg('nulls', { email: null, username: null, password: null }),
    reg('bad-email-and-username', { email: 'not-an-email', username: 'bad name!', password: STRONG }),
    reg('username-151-with-bang', withDefaults(config, 'x', { username: `${'u'.repeat(150)}!` })),
    reg('username-151', withDefaults(config, 'x', { username: 'v'.repeat(151) })),
    reg('email-255', withDefaults(config, 'longmail', { email: `${'a'.repeat(243)}@example.com` })),
    reg('wrong-types', { username: ['a'], password: { x: 1 }, email: true }),
    reg('bool-username', { username: true, password: STRONG }),
    reg('number-email', { username: 'numemail', password: STRONG, email: 5 }),
    reg('nul-in-username', withDefaults(config, 'x', { username: 'nul\u0000l' })),
    reg('surrogate-in-username', withDefaults(config, 'x', { username: 'sur\ud800' })),
    reg('surrogate-in-password', withDefaults(config, 'surpw', { password: 'Str0ng-\ud800-pass' })),
    reg('nul-in-password', withDefaults(config, 'nulpw', { password: 'Str0ng-\u0000-pass' })),
    reg('only-password-missing', { username: 'nopw', email: 'nopw@example.com' }),
    reg('only-username-missing', { password: STRONG, email: 'nouser@example.com' }),
  ],
};

export const registerPasswords: Scenario = {
  name: 'register-passwords',
  area: 'register',
  configs: ['default', 'retype'],
  description: "each Django password validator on registration (and their combinations)",
  steps: (config) => [
    reg('too-short', withDefaults(config, 'pw1', { password: 'Xq7#' })),
    reg('too-short-astral', withDefaults(config, 'pw2', { password: '😀😀😀😀😀😀😀' })),
    reg('common', withDefaults(config, 'pw3', { password: 'password' })),
    reg('common-uppercase', withDefaults(config, 'pw4', { password: 'PASSWORD1' })),
    reg('short-and-common', withDefaults(config, 'pw5', { password: 'abc123' })),
    reg('common-and-numeric', withDefaults(config, 'pw6', { password: '12345678' })),
    reg('numeric', withDefaults(config, 'pw7', { password: '98273645190' })),
    reg('numeric-arabic-indic', withDefaults(config, 'pw8', { password: '١٢٣٤٥٦٧٨٩٠' })),
    reg('numeric-superscript', withDefaults(config, 'pw9', { password: '²²²²²²²²²' })),
    reg('similar-to-username', withDefaults(config, 'similaruser', { password: 'similaruser1' })),
    reg('below-similarity-threshold', withDefaults(config, 'zed', { email: 'johnny.walker@example.com', password: 'johnnywalker' })),
    reg('similar-to-email-part', withDefaults(config, 'kim', { email: 'rosalind.franklin@example.com', password: 'franklin-rosa' })),
    reg('all-validators', withDefaults(config, '1234', { password: '1234' })),
    reg('whitespace-trimmed-to-short', withDefaults(config, 'pw10', { password: '   abc   ' })),
  ],
};

export const registerEdgeValues: Scenario = {
  name: 'register-edge-values',
  area: 'register',
  configs: ['default'],
  description: 'values registration accepts: number coercion, unicode usernames, e-mail forms, ignored keys, duplicates, NFKC collision',
  steps: (config) => [
    reg('numbers-as-strings', { username: 123, password: 12345678.5, email: 'num@example.com' }),
    reg('unicode-username', { username: 'ünïcødé', password: STRONG, email: 'u@example.com' }),
    reg('username-all-allowed-symbols', { username: 'a.b@c+d-e_f', password: STRONG, email: '' }),
    reg('username-150', { username: 'w'.repeat(150), password: STRONG, email: '' }),
    reg('email-domain-lowercased', { username: 'kate', password: STRONG, email: 'Kate@EXAMPLE.COM' }),
    reg('email-omitted', { username: 'noemail', password: STRONG }),
    reg('email-blank', { username: 'blankemail', password: STRONG, email: '' }),
    reg('email-padded', { username: 'padmail', password: STRONG, email: '  pad@example.com  ' }),
    reg('extra-keys-ignored', { username: 'extra', password: STRONG, email: 'extra@example.com', is_staff: true, is_superuser: true, id: 99 }),
    reg('password-whitespace-trimmed', { username: 'trim', password: `  ${STRONG}  `, email: 'trim@example.com' }),
    reg('email-localhost', { username: 'em1', password: STRONG, email: 'user@localhost' }),
    reg('email-ipv4-literal', { username: 'em2', password: STRONG, email: 'a@[127.0.0.1]' }),
    reg('email-ipv6-literal', { username: 'em3', password: STRONG, email: 'a@[IPv6:::1]' }),
    reg('email-quoted-local', { username: 'em4', password: STRONG, email: '"quoted"@example.com' }),
    reg('email-idn-domain', { username: 'em5', password: STRONG, email: 'a@münchen.de' }),
    reg('email-no-tld', { username: 'em6', password: STRONG, email: 'a@b' }),
    reg('email-leading-hyphen-domain', { username: 'em7', password: STRONG, email: 'a@-b.com' }),
    reg('email-double-dot-local', { username: 'em8', password: STRONG, email: 'a..b@example.com' }),
    reg('email-double-dot-domain', { username: 'em9', password: STRONG, email: 'a@example..com' }),
    reg('email-space', { username: 'em10', password: STRONG, email: 'a b@example.com' }),
    reg('email-no-local', { username: 'em11', password: STRONG, email: '@example.com' }),
    reg('email-no-domain', { username: 'em12', password: STRONG, email: 'a@' }),
    reg('email-bad-ipv4-literal', { username: 'em13', password: STRONG, email: 'a@[300.1.1.1]' }),
    reg('email-one-letter-tld', { username: 'em14', password: STRONG, email: 'a@example.c' }),
    reg('email-two-ats', { username: 'em15', password: STRONG, email: 'a@b@example.com' }),
    reg('email-numeric-tld', { username: 'em16', password: STRONG, email: 'a@example.123' }),
    register(config, user('alice')),
    reg('duplicate-username', { username: 'alice', password: STRONG, email: 'other@example.com' }),
    reg('duplicate-username-padded', { username: ' alice ', password: STRONG, email: '' }),
    reg('case-variant-username', { username: 'ALICE', password: STRONG, email: '' }),
    reg('nfkc-collision', { username: 'ａｌｉｃｅ', password: STRONG, email: '' }),
    reg('duplicate-email-allowed', { username: 'alice2', password: STRONG, email: 'alice@example.com' }),
  ],
};

/** Retype rules (retype config only). */
export const registerRetype: Scenario = {
  name: 'register-retype',
  area: 'register',
  configs: ['retype'],
  description: 'USER_CREATE_PASSWORD_RETYPE: missing, blank, null and mismatched re_password, weak+mismatch, trimming',
  steps: [
    reg('retype-missing', { username: 'r1', password: STRONG, email: 'r1@example.com' }),
    reg('retype-blank', { username: 'r2', password: STRONG, re_password: '', email: 'r2@example.com' }),
    reg('retype-null', { username: 'r3', password: STRONG, re_password: null, email: 'r3@example.com' }),
    reg('retype-number', { username: 'r4', password: '12345678.5', re_password: 12345678.5, email: 'r4@example.com' }),
    reg('retype-mismatch', { username: 'r5', password: STRONG, re_password: `${STRONG}x`, email: 'r5@example.com' }),
    reg('retype-weak-and-mismatch', { username: 'r6', password: 'short', re_password: 'other', email: 'r6@example.com' }),
    reg('retype-list', { username: 'r7', password: STRONG, re_password: [STRONG], email: 'r7@example.com' }),
    reg('retype-trimmed-match', { username: 'r8', password: `  ${STRONG}`, re_password: `${STRONG}  `, email: 'r8@example.com' }),
    reg('retype-ok', { username: 'r9', password: STRONG, re_password: STRONG, email: 'r9@example.com' }),
  ],
};

/** The whole life of a fresh account under each configuration. */
export const registerFlow: Scenario = {
  name: 'register-flow',
  area: 'register',
  configs: ['default', 'retype', 'open'],
  description: 'register → (login refused while inactive) → activation link → login; trimmed password works for login',
  steps: (config) => {
    const alice = user('alice');
    const bob = { ...user('bob'), password: `  ${user('bob').password}  ` };
    const steps: Step[] = [
      register(config, alice),
      tokenLogin(alice, 'token-login-before-activation'),
      jwtLogin(alice, 'jwt-create-before-activation'),
    ];
    if (config.settings.sendActivationEmail) steps.push(activate(alice));
    steps.push(
      tokenLogin(alice),
      get('me', ME, { auth: tokenOf('alice') }),
      post('register-bob-padded-password', USERS, json(registrationBody(config, bob)), {
        capture: { 'bob.id': 'id' },
        links: 'bob.act',
      }),
    );
    if (config.settings.sendActivationEmail) steps.push(activate(bob, 'activate-bob'));
    steps.push(
      tokenLogin(user('bob'), 'token-login-bob-trimmed'),
      post('token-login-bob-padded', '/auth/token/login/', json({ username: 'bob', password: bob.password })),
      ...createActiveUser(config, user('carol')),
      post('register-alice-again', USERS, json(registrationBody(config, alice))),
      post('register-raw-exponent-username', USERS, rawJson(
        JSON.stringify(registrationBody(config, { username: 'PLACEHOLDER', email: '', password: STRONG })).replace('"PLACEHOLDER"', '2e3'),
      )),
    );
    return steps;
  },
};

export const REGISTER_SCENARIOS = [registerValidation, registerPasswords, registerEdgeValues, registerRetype, registerFlow];
