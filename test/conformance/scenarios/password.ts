import type { ConformanceConfig } from '../configs';
import type { Scenario, Step } from '../types';
import { bearerOf, createActiveUser, get, json, jwtLogin, ME, post, register, tokenLogin, tokenOf, user, USERS } from './helpers';

/** §3.7–§3.9: reset_password, reset_password_confirm, set_password. */

const RESET = `${USERS}reset_password/`;
const CONFIRM = `${USERS}reset_password_confirm/`;
const SET = `${USERS}set_password/`;
const alice = user('alice');

/** reset_password_confirm body; retype adds re_new_password (= new_password unless given). */
function confirmBody(config: ConformanceConfig, uid: unknown, token: unknown, newPassword: unknown, re?: unknown): Record<string, unknown> {
  const body: Record<string, unknown> = { uid, token, new_password: newPassword };
  if (config.settings.passwordResetConfirmRetype) body.re_new_password = re === undefined ? newPassword : re;
  return body;
}

/** set_password body; retype adds re_new_password. */
function setBody(config: ConformanceConfig, current: unknown, newPassword: unknown): Record<string, unknown> {
  const body: Record<string, unknown> = { new_password: newPassword };
  if (config.settings.setPasswordRetype) body.re_new_password = newPassword;
  body.current_password = current;
  return body;
}

export const passwordReset: Scenario = {
  name: 'password-reset',
  area: 'password',
  configs: ['default', 'retype', 'open'],
  description: 'reset_password (unknown, inactive, SHOW_EMAIL_NOT_FOUND, duplicates) and reset_password_confirm (validation order, bad uid/token, reuse, stale token)',
  steps: (config: ConformanceConfig) => {
    const uid = '{{alice.reset.uid}}';
    const token = '{{alice.reset.token}}';
    const NEW = 'alice@example.com'; // too similar to the e-mail, but confirm checks against AnonymousUser
    const steps: Step[] = [
      ...createActiveUser(config, alice),
      register(config, user('carol')),
      post('reset-empty', RESET, json({})),
      post('reset-blank', RESET, json({ email: '' })),
      post('reset-null', RESET, json({ email: null })),
      post('reset-invalid', RESET, json({ email: 'not-an-email' })),
      post('reset-unknown', RESET, json({ email: 'nobody@example.com' })),
      post('reset-case-different', RESET, json({ email: 'ALICE@example.com' })),
      post('reset-inactive-or-new-user', RESET, json({ email: 'carol@example.com' })),
      post('reset-alice', RESET, json({ email: alice.email }), { links: 'alice.reset' }),
      post('confirm-empty', CONFIRM, json({})),
      post('confirm-blanks', CONFIRM, json(confirmBody(config, '', '', ''))),
      post('confirm-nulls', CONFIRM, json(confirmBody(config, null, null, null))),
      post('confirm-weak-and-bad-uid', CONFIRM, json(confirmBody(config, 'x', 'y', '123'))),
      post('confirm-bad-uid', CONFIRM, json(confirmBody(config, 'x', token, 'Fresh-Pass-123'))),
      post('confirm-missing-user-uid', CONFIRM, json(confirmBody(config, 'MTAw', token, 'Fresh-Pass-123'))),
      post('confirm-bad-token', CONFIRM, json(confirmBody(config, uid, 'abc-123', 'Fresh-Pass-123'))),
      post('confirm-numeric-password', CONFIRM, json(confirmBody(config, uid, token, '1234567890'))),
      post('confirm-common-password', CONFIRM, json(confirmBody(config, uid, token, 'qwertyuiop'))),
    ];
    if (config.settings.passwordResetConfirmRetype) {
      steps.push(
        post('confirm-retype-missing', CONFIRM, json({ uid, token, new_password: NEW })),
        post('confirm-retype-mismatch', CONFIRM, json(confirmBody(config, uid, token, NEW, `${NEW}x`))),
        post('confirm-retype-mismatch-bad-uid', CONFIRM, json(confirmBody(config, 'x', token, NEW, `${NEW}x`))),
      );
    }
    steps.push(
      post('confirm-ok', CONFIRM, json(confirmBody(config, uid, token, NEW))),
      post('confirm-reuse', CONFIRM, json(confirmBody(config, uid, token, 'Fresh-Pass-123'))),
      post('token-login-old-password', '/auth/token/login/', json({ username: 'alice', password: alice.password })),
      tokenLogin({ ...alice, password: NEW }, 'token-login-new-password'),
      post('reset-again', RESET, json({ email: alice.email }), { links: 'alice.reset2' }),
      post('set-password-meanwhile', SET, json(setBody(config, NEW, 'Another-Pass-99')), { auth: tokenOf('alice') }),
      post(
        'confirm-after-password-change',
        CONFIRM,
        json(confirmBody(config, '{{alice.reset2.uid}}', '{{alice.reset2.token}}', 'Fresh-Pass-123')),
      ),
      ...createActiveUser(config, user('frank', 'shared@example.com')),
      ...createActiveUser(config, user('gina', 'shared@example.com')),
      post('reset-duplicate-email', RESET, json({ email: 'shared@example.com' })),
      post('reset-username-duplicate-email', `${USERS}reset_username/`, json({ email: 'shared@example.com' })),
    );
    return steps;
  },
};

export const setPassword: Scenario = {
  name: 'set-password',
  area: 'password',
  configs: ['default', 'retype', 'open'],
  description: 'set_password: field-level current_password check, validators against the user, retype, LOGOUT_ON_PASSWORD_CHANGE',
  steps: (config: ConformanceConfig) => {
    const NEW1 = 'Brand-New-Pass-1';
    const NEW2 = 'Brand-New-Pass-2';
    const set = (name: string, body: Record<string, unknown>, extra: Partial<Step> = {}): Step =>
      post(name, SET, json(body), { auth: tokenOf('alice'), ...extra });
    const steps: Step[] = [
      ...createActiveUser(config, alice),
      tokenLogin(alice),
      jwtLogin(alice),
      post('set-anonymous', SET, json(setBody(config, alice.password, NEW1))),
      set('set-empty', {}),
      set('set-blanks', setBody(config, '', '')),
      set('set-nulls', setBody(config, null, null)),
      set('set-wrong-current-and-weak-new', setBody(config, 'wrong-password', '123')),
      set('set-wrong-current', setBody(config, 'wrong-password', NEW1)),
      set('set-too-short', setBody(config, alice.password, 'Xq7#')),
      set('set-numeric', setBody(config, alice.password, '1234567890')),
      set('set-similar-to-username', setBody(config, alice.password, 'Alice1234')),
      set('set-similar-to-email', setBody(config, alice.password, 'alice@example.co')),
      set('set-list-new', setBody(config, alice.password, [NEW1])),
    ];
    if (config.settings.setPasswordRetype) {
      steps.push(
        set('set-retype-missing-and-wrong-current', { new_password: NEW1, current_password: 'wrong-password' }),
        set('set-retype-mismatch', { new_password: NEW1, re_new_password: `${NEW1}x`, current_password: alice.password }),
        set('set-retype-mismatch-weak', { new_password: '123', re_new_password: '1234', current_password: alice.password }),
      );
    }
    steps.push(
      set('set-ok', setBody(config, alice.password, NEW1)),
      get('me-with-old-token', ME, { auth: tokenOf('alice') }),
      get('me-with-jwt', ME, { auth: bearerOf('alice') }),
      post('token-login-old-password', '/auth/token/login/', json({ username: 'alice', password: alice.password })),
      tokenLogin({ ...alice, password: NEW1 }, 'token-login-new-password'),
      set('set-with-jwt', setBody(config, NEW1, NEW2), { auth: bearerOf('alice') }),
      get('me-token-after-jwt-change', ME, { auth: tokenOf('alice') }),
      tokenLogin({ ...alice, password: NEW2 }, 'token-login-newer-password'),
      post('set-form', SET, { form: setBody(config, NEW2, NEW1) as Record<string, string> }, { auth: tokenOf('alice') }),
      post('jwt-create-after-form-change', '/auth/jwt/create/', json({ username: 'alice', password: NEW1 })),
    );
    return steps;
  },
};

export const PASSWORD_SCENARIOS = [passwordReset, setPassword];
