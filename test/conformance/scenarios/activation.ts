import type { ConformanceConfig } from '../configs';
import type { Scenario, Step } from '../types';
import { createActiveUser, json, post, register, tokenLogin, user, USERS } from './helpers';

/** §3.5–§3.6 and §5.1: activation (uid/token decoding), resend_activation. */

const ACTIVATION = `${USERS}activation/`;
const RESEND = `${USERS}resend_activation/`;
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const act = (name: string, body: unknown, extra: Partial<Step> = {}): Step => post(name, ACTIVATION, json(body), extra);

const carol = user('carol');
const dave = user('dave');

export const activation: Scenario = {
  name: 'activation',
  area: 'activation',
  configs: ['default', 'retype'],
  description: 'POST users/activation/: field errors, every bad-uid form, bad tokens, success, stale token, form body',
  steps: (config: ConformanceConfig) => [
    register(config, carol),
    register(config, dave),
    act('empty', {}),
    act('blanks', { uid: '', token: '' }),
    act('nulls', { uid: null, token: null }),
    act('numbers', { uid: 1, token: 2 }),
    act('lists', { uid: ['x'], token: {} }),
    act('uid-not-base64', { uid: 'x', token: '{{carol.act.token}}' }),
    act('uid-missing-user', { uid: b64('100'), token: '{{carol.act.token}}' }),
    act('uid-not-utf8', { uid: '_w', token: '{{carol.act.token}}' }),
    act('uid-not-integer', { uid: b64('abc'), token: '{{carol.act.token}}' }),
    act('uid-negative', { uid: b64('-1'), token: '{{carol.act.token}}' }),
    act('uid-overflow', { uid: b64('99999999999999999999'), token: '{{carol.act.token}}' }),
    act('uid-bad-and-token-bad', { uid: 'x', token: 'y' }),
    {
      ...act('uid-leading-zero-bad-token', { uid: '{{carol.uid0}}', token: 'abc-123' }),
      define: (ctx) => ctx.define('carol.uid0', b64(`0${ctx.value('carol.id')}`), '{{uid-of-0-and-carol.id}}'),
    },
    act('uid-padded-bad-token', { uid: '{{carol.act.uid}}==', token: 'abc-123' }),
    act('uid-stray-chars-bad-token', { uid: '!{{carol.act.uid}}!', token: 'abc-123' }),
    act('token-bad', { uid: '{{carol.act.uid}}', token: 'abc-123' }),
    act('token-no-dash', { uid: '{{carol.act.uid}}', token: 'abcdef' }),
    act('token-three-parts', { uid: '{{carol.act.uid}}', token: 'a-b-c' }),
    act('token-of-other-user', { uid: '{{carol.act.uid}}', token: '{{dave.act.token}}' }),
    act('token-truncated', { uid: '{{carol.act.uid}}', token: '{{carol.act.token}}x' }),
    act('token-number', { uid: '{{carol.act.uid}}', token: 12345 }),
    tokenLogin(carol, 'token-login-before-activation'),
    act('activate-padded-uid', { uid: ' {{carol.act.uid}} ', token: '{{carol.act.token}}' }),
    act('activate-padded-token', { uid: '{{carol.act.uid}}', token: ' {{carol.act.token}} ' }),
    act('activate', { uid: '{{carol.act.uid}}', token: '{{carol.act.token}}' }),
    tokenLogin(carol, 'token-login-after-activation'),
    act('activate-again', { uid: '{{carol.act.uid}}', token: '{{carol.act.token}}' }),
    act('activate-again-bad-token', { uid: '{{carol.act.uid}}', token: 'abc-123' }),
    post('activate-dave-form', ACTIVATION, { form: { uid: '{{dave.act.uid}}', token: '{{dave.act.token}}' } }),
    post('activate-dave-again-multipart', ACTIVATION, { multipart: { uid: '{{dave.act.uid}}', token: '{{dave.act.token}}' } }),
    act('activate-admin-uid', { uid: 'MQ', token: 'abc-123' }),
  ],
};

export const resendActivation: Scenario = {
  name: 'resend-activation',
  area: 'activation',
  configs: ['default', 'retype', 'open'],
  description: 'POST users/resend_activation/: field errors, unknown / active / inactive users, SHOW_EMAIL_NOT_FOUND, duplicate e-mails (500)',
  steps: (config: ConformanceConfig) => {
    const erin = user('erin');
    const steps: Step[] = [
      register(config, erin),
      post('empty', RESEND, json({})),
      post('blank', RESEND, json({ email: '' })),
      post('null', RESEND, json({ email: null })),
      post('invalid', RESEND, json({ email: 'not-an-email' })),
      post('number', RESEND, json({ email: 7 })),
      post('unknown', RESEND, json({ email: 'nobody@example.com' })),
      post('case-different', RESEND, json({ email: 'ERIN@example.com' })),
      post('padded', RESEND, json({ email: '  erin@example.com  ' }), { links: 'erin.resent1' }),
      post('inactive-user', RESEND, json({ email: erin.email }), { links: 'erin.resent' }),
      post('form', RESEND, { form: { email: erin.email } }),
    ];
    if (config.settings.sendActivationEmail) {
      steps.push(post('activate-with-resent-link', ACTIVATION, json({ uid: '{{erin.resent.uid}}', token: '{{erin.resent.token}}' })));
    }
    steps.push(
      post('active-user', RESEND, json({ email: erin.email })),
      ...createActiveUser(config, user('fay')),
      post('admin-email', RESEND, json({ email: 'admin@example.com' })),
      register(config, user('frank', 'shared@example.com')),
      register(config, user('gina', 'shared@example.com')),
      post('duplicate-email', RESEND, json({ email: 'shared@example.com' })),
    );
    return steps;
  },
};

export const ACTIVATION_SCENARIOS = [activation, resendActivation];
