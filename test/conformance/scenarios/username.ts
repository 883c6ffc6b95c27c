import type { ConformanceConfig } from '../configs';
import type { Scenario, Step } from '../types';
import { createActiveUser, get, json, ME, post, register, tokenLogin, tokenOf, user, USERS } from './helpers';

/** §3.10–§3.12: set_username, reset_username, reset_username_confirm. */

const SET = `${USERS}set_username/`;
const RESET = `${USERS}reset_username/`;
const CONFIRM = `${USERS}reset_username_confirm/`;
const alice = user('alice');

export const setUsername: Scenario = {
  name: 'set-username',
  area: 'username',
  configs: ['default', 'retype'],
  description: 'set_username: required fields, unique (incl. own name), regex, length, retype, success and login with the new name',
  steps: (config: ConformanceConfig) => {
    const retype = config.settings.setUsernameRetype;
    const body = (current: unknown, name: unknown): Record<string, unknown> =>
      retype ? { current_password: current, new_username: name, re_new_username: name } : { current_password: current, new_username: name };
    const set = (name: string, b: Record<string, unknown>): Step => post(name, SET, json(b), { auth: tokenOf('alice') });
    const steps: Step[] = [
      ...createActiveUser(config, alice),
      ...createActiveUser(config, user('bob')),
      tokenLogin(alice),
      post('set-anonymous', SET, json(body(alice.password, 'alice2'))),
      set('set-empty', {}),
      set('set-blanks', body('', '')),
      set('set-nulls', body(null, null)),
      set('set-taken-and-bad-password', body('wrong-password', 'bob')),
      set('set-same-as-current', body(alice.password, 'alice')),
      set('set-invalid-chars', body(alice.password, 'new name!')),
      set('set-too-long', body(alice.password, 'n'.repeat(151))),
      set('set-number-bad-password', body('wrong-password', 123)),
      set('set-list', body(alice.password, ['alice3'])),
    ];
    if (retype) {
      steps.push(
        set('set-retype-missing', { current_password: alice.password, new_username: 'alice2' }),
        set('set-retype-mismatch', { current_password: alice.password, new_username: 'alice2', re_new_username: 'alice3' }),
        set('set-retype-mismatch-taken', { current_password: alice.password, new_username: 'bob', re_new_username: 'bob2' }),
      );
    }
    steps.push(
      set('set-ok', body(alice.password, 'alice2')),
      get('me-after', ME, { auth: tokenOf('alice') }),
      post('token-login-old-name', '/auth/token/login/', json({ username: 'alice', password: alice.password })),
      tokenLogin({ ...alice, username: 'alice2' }, 'token-login-new-name', 'alice'),
      set('set-fullwidth-of-other-user', body(alice.password, 'ｂｏｂ')),
      get('me-after-fullwidth', ME, { auth: tokenOf('alice') }),
      set('set-back-to-old-name', body(alice.password, 'alice')),
    );
    return steps;
  },
};

export const usernameReset: Scenario = {
  name: 'username-reset',
  area: 'username',
  configs: ['default', 'retype'],
  description: 'reset_username and reset_username_confirm: unknown/inactive users, field checks before uid/token, retype, success',
  steps: (config: ConformanceConfig) => {
    const retype = config.settings.usernameResetConfirmRetype;
    const uid = '{{alice.ureset.uid}}';
    const token = '{{alice.ureset.token}}';
    const body = (u: unknown, t: unknown, name: unknown): Record<string, unknown> =>
      retype ? { uid: u, token: t, new_username: name, re_new_username: name } : { uid: u, token: t, new_username: name };
    const steps: Step[] = [
      ...createActiveUser(config, alice),
      register(config, user('carol')),
      post('reset-empty', RESET, json({})),
      post('reset-invalid', RESET, json({ email: 'not-an-email' })),
      post('reset-unknown', RESET, json({ email: 'nobody@example.com' })),
      post('reset-inactive', RESET, json({ email: 'carol@example.com' })),
      post('reset-alice', RESET, json({ email: alice.email }), { links: 'alice.ureset' }),
      post('confirm-empty', CONFIRM, json({})),
      post('confirm-blanks', CONFIRM, json(body('', '', ''))),
      post('confirm-invalid-username', CONFIRM, json(body(uid, token, 'bad name!'))),
      post('confirm-taken', CONFIRM, json(body(uid, token, 'admin'))),
      post('confirm-taken-and-bad-uid', CONFIRM, json(body('x', 'y', 'admin'))),
      post('confirm-bad-uid', CONFIRM, json(body('x', token, 'alice-renamed'))),
      post('confirm-bad-token', CONFIRM, json(body(uid, 'abc-123', 'alice-renamed'))),
    ];
    if (retype) {
      steps.push(
        post('confirm-retype-missing', CONFIRM, json({ uid, token, new_username: 'alice-renamed' })),
        post('confirm-retype-mismatch', CONFIRM, json({ uid, token, new_username: 'alice-renamed', re_new_username: 'alice-other' })),
      );
    }
    steps.push(
      post('confirm-ok', CONFIRM, json(body(uid, token, 'alice-renamed'))),
      tokenLogin({ ...alice, username: 'alice-renamed' }, 'token-login-new-name'),
      get('me-after', ME, { auth: tokenOf('alice-renamed') }),
      post('token-login-old-name', '/auth/token/login/', json({ username: 'alice', password: alice.password })),
    );
    return steps;
  },
};

export const USERNAME_SCENARIOS = [setUsername, usernameReset];
