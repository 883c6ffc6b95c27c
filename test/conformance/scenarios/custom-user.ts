import type { Scenario, Step } from '../types';
import { get, json, ME, post, STRONG, USERS } from './helpers';

/**
 * The reference's custom user (REF_USER_MODEL=custom, refproject/accounts/models.py): e-mail
 * login, `first_name` required, `last_name` / `phone` optional (not serializer fields), table
 * accounts_user, 64-bit ids. Djoser's serializers and action paths follow USERNAME_FIELD.
 */

const CUSTOM: Scenario['configs'] = ['custom'];
const ALICE = { email: 'alice@example.com', first_name: 'Alice', password: 'Alice-Secret-42!' };
const BOB = { email: 'bob@example.com', first_name: 'Bob', password: 'Bob-Secret-42!' };

const reg = (name: string, body: Record<string, unknown>, extra: Partial<Step> = {}): Step => post(name, USERS, json(body), extra);
const jwt = (name: string, body: Record<string, unknown>, as?: string): Step =>
  post(name, '/auth/jwt/create/', json(body), as ? { capture: { [`${as}.access`]: 'access', [`${as}.refresh`]: 'refresh' } } : {});
const bearer = (as: string): string => `Bearer {{${as}.access}}`;

/** Register, activate through the mailed link, log in with JWT (captures `<as>.*`). */
function activeUser(u: typeof ALICE, as: string): Step[] {
  return [
    reg(`register-${as}`, u, { capture: { [`${as}.id`]: 'id' }, links: `${as}.act` }),
    post(`activate-${as}`, `${USERS}activation/`, json({ uid: `{{${as}.act.uid}}`, token: `{{${as}.act.token}}` })),
    jwt(`jwt-create-${as}`, { email: u.email, password: u.password }, as),
  ];
}

export const customRegister: Scenario = {
  name: 'custom-register',
  area: 'custom-user',
  configs: CUSTOM,
  description: 'POST users/ on the custom user: REQUIRED_FIELDS, field types, unique e-mail, the domain-case duplicate only the database catches',
  steps: [
    reg('empty', {}),
    reg('blanks', { email: '', first_name: '', password: '' }),
    reg('nulls', { email: null, first_name: null, password: null }),
    reg('invalid-email-long-name', { email: 'not-an-email', first_name: 'f'.repeat(151), password: STRONG }),
    reg('username-instead-of-email', { username: 'carol', first_name: 'Carol', password: STRONG }),
    reg('email-255', { email: `${'a'.repeat(243)}@example.com`, first_name: 'Long', password: STRONG }),
    reg('wrong-types', { email: 5, first_name: ['x'], password: { a: 1 } }),
    reg('similar-to-first-name', { email: 'zq@example.com', first_name: 'Bartholomew', password: 'bartholomew1' }),
    reg('similar-to-email', { email: 'rosalind.franklin@example.com', first_name: 'R', password: 'franklin-rosa' }),
    reg('common-password', { email: 'common@example.com', first_name: 'C', password: 'password' }),
    reg('ok-with-ignored-fields', { ...ALICE, phone: '+4912345', last_name: 'Liddell', username: 'alice', id: 99, is_staff: true }, {
      capture: { 'alice.id': 'id' },
      links: 'alice.act',
    }),
    reg('duplicate', ALICE),
    reg('duplicate-domain-case', { ...ALICE, email: 'alice@EXAMPLE.com' }),
    reg('local-part-case-is-another-user', { ...ALICE, email: 'Alice@example.com' }, { capture: { 'alice2.id': 'id' } }),
    reg('uppercase-domain-normalized', { email: 'dora@EXAMPLE.ORG', first_name: 'Dora', password: STRONG }, { capture: { 'dora.id': 'id' } }),
    post('activate-alice', `${USERS}activation/`, json({ uid: '{{alice.act.uid}}', token: '{{alice.act.token}}' })),
    post('activate-again', `${USERS}activation/`, json({ uid: '{{alice.act.uid}}', token: '{{alice.act.token}}' })),
  ],
};

export const customLogin: Scenario = {
  name: 'custom-login',
  area: 'custom-user',
  configs: CUSTOM,
  description: 'jwt/create and token/login take the e-mail (USERNAME_FIELD) by its name',
  steps: [
    ...activeUser(ALICE, 'alice'),
    jwt('jwt-username-field', { username: ALICE.email, password: ALICE.password }),
    jwt('jwt-empty', {}),
    jwt('jwt-wrong-password', { email: ALICE.email, password: 'nope' }),
    jwt('jwt-email-other-case', { email: 'ALICE@example.com', password: ALICE.password }),
    jwt('jwt-admin', { email: 'admin@example.com', password: 'Adm1n-Ref-Pass!' }, 'admin'),
    post('token-login', '/auth/token/login/', json({ email: ALICE.email, password: ALICE.password }), { capture: { 'alice.token': 'auth_token' } }),
    post('token-login-username', '/auth/token/login/', json({ username: ALICE.email, password: ALICE.password })),
    get('me-by-token', ME, { auth: 'Token {{alice.token}}' }),
    post('token-logout', '/auth/token/logout/', undefined, { auth: 'Token {{alice.token}}' }),
  ],
};

export const customMe: Scenario = {
  name: 'custom-me',
  area: 'custom-user',
  configs: CUSTOM,
  description: 'users/me/ read and update: REQUIRED_FIELDS + id + login field, the login field read-only, other model fields ignored',
  steps: [
    ...activeUser(ALICE, 'alice'),
    get('me', ME, { auth: bearer('alice') }),
    { name: 'patch-ignored', method: 'PATCH', path: ME, auth: bearer('alice'), body: json({ email: 'x@example.com', phone: '1', last_name: 'L', id: 7 }) },
    { name: 'patch-first-name', method: 'PATCH', path: ME, auth: bearer('alice'), body: json({ first_name: 'Alicia' }) },
    { name: 'patch-blank', method: 'PATCH', path: ME, auth: bearer('alice'), body: json({ first_name: '' }) },
    { name: 'patch-too-long', method: 'PATCH', path: ME, auth: bearer('alice'), body: json({ first_name: 'f'.repeat(151) }) },
    { name: 'put-empty', method: 'PUT', path: ME, auth: bearer('alice'), body: json({}) },
    { name: 'put-ok', method: 'PUT', path: ME, auth: bearer('alice'), body: json({ first_name: 'Al', email: 'y@example.com' }) },
    get('me-after', ME, { auth: bearer('alice') }),
    get('detail', `${USERS}{{alice.id}}/`, { auth: bearer('alice') }),
    get('list-own', USERS, { auth: bearer('alice') }),
    jwt('jwt-admin', { email: 'admin@example.com', password: 'Adm1n-Ref-Pass!' }, 'admin'),
    get('list-admin', USERS, { auth: bearer('admin') }),
  ],
};

export const customSetEmail: Scenario = {
  name: 'custom-set-email',
  area: 'custom-user',
  configs: CUSTOM,
  description: 'set_email/ (set_username/ is gone), reset_email/ and reset_email_confirm/ with new_email',
  steps: [
    ...activeUser(ALICE, 'alice'),
    ...activeUser(BOB, 'bob'),
    post('set-username-gone', `${USERS}set_username/`, json({ current_password: ALICE.password, new_username: 'x' }), { auth: bearer('alice') }),
    post('set-email-empty', `${USERS}set_email/`, json({}), { auth: bearer('alice') }),
    post('set-email-wrong-password', `${USERS}set_email/`, json({ current_password: 'nope', new_email: 'a2@example.com' }), { auth: bearer('alice') }),
    post('set-email-invalid', `${USERS}set_email/`, json({ current_password: ALICE.password, new_email: 'nope' }), { auth: bearer('alice') }),
    post('set-email-taken', `${USERS}set_email/`, json({ current_password: ALICE.password, new_email: BOB.email }), { auth: bearer('alice') }),
    post('set-email', `${USERS}set_email/`, json({ current_password: ALICE.password, new_email: 'alice.new@example.com' }), { auth: bearer('alice') }),
    get('me-after-set', ME, { auth: bearer('alice') }),
    jwt('jwt-old-email', { email: ALICE.email, password: ALICE.password }),
    jwt('jwt-new-email', { email: 'alice.new@example.com', password: ALICE.password }),
    post('reset-email-unknown', `${USERS}reset_email/`, json({ email: 'nobody@example.com' })),
    post('reset-email-invalid', `${USERS}reset_email/`, json({ email: 'x' })),
    post('reset-email', `${USERS}reset_email/`, json({ email: BOB.email }), { links: 'bob.ereset' }),
    post('reset-email-confirm-empty', `${USERS}reset_email_confirm/`, json({})),
    post('reset-email-confirm-username', `${USERS}reset_email_confirm/`, json({ uid: '{{bob.ereset.uid}}', token: '{{bob.ereset.token}}', new_username: 'b' })),
    post('reset-email-confirm-bad-token', `${USERS}reset_email_confirm/`, json({ uid: '{{bob.ereset.uid}}', token: 'x-y', new_email: 'bob2@example.com' })),
    post('reset-email-confirm', `${USERS}reset_email_confirm/`, json({ uid: '{{bob.ereset.uid}}', token: '{{bob.ereset.token}}', new_email: 'bob2@example.com' })),
    jwt('jwt-bob-new-email', { email: 'bob2@example.com', password: BOB.password }),
    post('reset-username-gone', `${USERS}reset_username/`, json({ email: BOB.email })),
  ],
};

export const customPasswords: Scenario = {
  name: 'custom-passwords',
  area: 'custom-user',
  configs: CUSTOM,
  description: 'set_password/, reset_password/ + confirm (similarity with the model attributes) and delete on the custom user',
  steps: [
    ...activeUser(ALICE, 'alice'),
    post('set-password-similar', `${USERS}set_password/`, json({ current_password: ALICE.password, new_password: 'alice-example' }), { auth: bearer('alice') }),
    post('set-password', `${USERS}set_password/`, json({ current_password: ALICE.password, new_password: 'Fresh-Secret-77!' }), { auth: bearer('alice') }),
    jwt('jwt-new-password', { email: ALICE.email, password: 'Fresh-Secret-77!' }),
    post('reset-password', `${USERS}reset_password/`, json({ email: ALICE.email }), { links: 'alice.preset' }),
    post('reset-password-short', `${USERS}reset_password_confirm/`, json({ uid: '{{alice.preset.uid}}', token: '{{alice.preset.token}}', new_password: 'x1' })),
    post('reset-password-confirm', `${USERS}reset_password_confirm/`, json({ uid: '{{alice.preset.uid}}', token: '{{alice.preset.token}}', new_password: 'Reset-Secret-88!' })),
    jwt('jwt-reset-password', { email: ALICE.email, password: 'Reset-Secret-88!' }, 'alice2'),
    { name: 'delete-wrong-password', method: 'DELETE', path: ME, auth: bearer('alice2'), body: json({ current_password: 'nope' }) },
    { name: 'delete', method: 'DELETE', path: ME, auth: bearer('alice2'), body: json({ current_password: 'Reset-Secret-88!' }) },
    jwt('jwt-deleted', { email: ALICE.email, password: 'Reset-Secret-88!' }),
    reg('register-again', ALICE),
  ],
};

export const CUSTOM_USER_SCENARIOS: Scenario[] = [customRegister, customLogin, customMe, customSetEmail, customPasswords];
