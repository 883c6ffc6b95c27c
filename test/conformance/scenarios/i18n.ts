import { I18N_LANGUAGES, I18N_UNKNOWN_TAG, type ConfigName, type ConformanceConfig } from '../configs';
import type { Scenario, Step } from '../types';
import { bearerOf, get, json, jwtLogin, ME, post, rawJson, register, tokenLogin, tokenOf, user, USERS } from './helpers';

/**
 * Translated answers (LANGUAGE_CODE, LocaleMiddleware): the error answers of every endpoint
 * and the six e-mails, once per language. Under `i18n-accept` each block sends its
 * Accept-Language (plus a few negotiation cases); under `i18n-<lang>` the server's
 * LANGUAGE_CODE is the language and no header is sent.
 */

const block = (config: ConformanceConfig, tag: string | undefined, key: string): Step[] => {
  const h: Record<string, string> = tag ? { 'Accept-Language': tag } : {};
  const withLang = (extra: Partial<Step> = {}): Partial<Step> => ({ ...extra, headers: { ...h, ...(extra.headers ?? {}) } });
  const u = user(`u${key}`);
  const s = (name: string) => `${key}-${name}`;
  const as = (name: string) => `${u.username}.${name}`;
  return [
    post(s('register-blank'), USERS, json({ username: '', password: '', email: '' }), withLang()),
    post(s('register-missing'), USERS, json({}), withLang()),
    post(s('register-bad-values'), USERS, json({ username: 'bad name!' + 'x'.repeat(150), password: '1234', email: 'not-an-email' }), withLang()),
    post(s('register-similar'), USERS, json({ username: u.username, password: `${u.username}1`, email: u.email }), withLang()),
    post(s('register-not-dict'), USERS, rawJson('[1]'), withLang()),
    post(s('register-bad-json'), USERS, rawJson('{"a":'), withLang()),
    post(s('register-text-plain'), USERS, { raw: 'x', contentType: 'text/plain' }, withLang()),
    get(s('users-not-acceptable'), USERS, withLang({ headers: { Accept: 'text/csv' } })),
    { ...register(config, u, s('register')), ...withLang() },
    post(s('register-duplicate'), USERS, json({ username: u.username, password: u.password, email: u.email }), withLang()),
    post(s('activation-bad-uid'), `${USERS}activation/`, json({ uid: 'x', token: 'y' }), withLang()),
    post(s('activation-bad-token'), `${USERS}activation/`, json({ uid: `{{${as('act')}.uid}}`, token: 'abc-123' }), withLang()),
    post(s('activate'), `${USERS}activation/`, json({ uid: `{{${as('act')}.uid}}`, token: `{{${as('act')}.token}}` }), withLang()),
    post(s('activate-again'), `${USERS}activation/`, json({ uid: `{{${as('act')}.uid}}`, token: `{{${as('act')}.token}}` }), withLang()),
    post(s('resend-missing'), `${USERS}resend_activation/`, json({}), withLang()),
    post(s('jwt-create-wrong'), '/auth/jwt/create/', json({ username: u.username, password: 'wrong' }), withLang()),
    { ...jwtLogin(u, s('jwt-create')), ...withLang() },
    post(s('jwt-refresh-bad'), '/auth/jwt/refresh/', json({ refresh: 'abc' }), withLang()),
    post(s('jwt-verify-bad'), '/auth/jwt/verify/', json({ token: 'abc' }), withLang()),
    post(s('jwt-verify-missing'), '/auth/jwt/verify/', json({}), withLang()),
    get(s('me-anonymous'), ME, withLang()),
    get(s('me-bad-bearer'), ME, withLang({ auth: 'Bearer abc' })),
    get(s('me-bearer-no-token'), ME, withLang({ auth: 'Bearer' })),
    get(s('me-bad-token'), ME, withLang({ auth: 'Token abc' })),
    post(s('token-login-wrong'), '/auth/token/login/', json({ username: u.username, password: 'wrong' }), withLang()),
    { ...tokenLogin(u, s('token-login')), ...withLang() },
    { name: s('options-users'), method: 'OPTIONS', path: USERS, ...withLang({ auth: tokenOf(u.username) }) },
    { name: s('options-jwt-create'), method: 'OPTIONS', path: '/auth/jwt/create/', ...withLang() },
    { name: s('users-delete-not-allowed'), method: 'DELETE', path: USERS, ...withLang({ auth: tokenOf(u.username) }) },
    get(s('user-unknown'), `${USERS}999999/`, withLang({ auth: tokenOf(u.username) })),
    get(s('unknown-url'), '/auth/nothing-here/', withLang()),
    post(s('set-password-wrong'), `${USERS}set_password/`, json({ current_password: 'wrong', new_password: '1' }), withLang({ auth: tokenOf(u.username) })),
    post(s('set-password'), `${USERS}set_password/`, json({ current_password: u.password, new_password: `${u.password}x` }), withLang({ auth: tokenOf(u.username) })),
    post(s('set-username-wrong'), `${USERS}set_username/`, json({ current_password: 'wrong', new_username: 'admin' }), withLang({ auth: tokenOf(u.username) })),
    post(s('set-username'), `${USERS}set_username/`, json({ current_password: `${u.password}x`, new_username: `${u.username}n` }), withLang({ auth: tokenOf(u.username) })),
    post(s('reset-password-missing'), `${USERS}reset_password/`, json({}), withLang()),
    post(s('reset-password'), `${USERS}reset_password/`, json({ email: u.email }), withLang({ links: as('reset') })),
    post(s('reset-password-confirm-bad'), `${USERS}reset_password_confirm/`, json({ uid: `{{${as('reset')}.uid}}`, token: 'abc-123', new_password: '1' }), withLang()),
    post(s('reset-username'), `${USERS}reset_username/`, json({ email: u.email }), withLang({ links: as('ureset') })),
    post(s('reset-username-confirm-bad'), `${USERS}reset_username_confirm/`, json({ uid: 'x', token: 'y', new_username: '' }), withLang()),
    { name: s('me-delete-missing'), method: 'DELETE', path: ME, ...withLang({ auth: bearerOf(u.username) }) },
    { name: s('me-delete-wrong'), method: 'DELETE', path: ME, body: json({ current_password: 'wrong' }), ...withLang({ auth: tokenOf(u.username) }) },
  ];
};

/** Django's negotiation rules: q ordering, region fallback, `*`, the language cookie, malformed headers. */
const negotiation = (): Step[] =>
  [
    ['q-order', { 'Accept-Language': 'fr;q=0.3, pl;q=0.9, de;q=0.5' }],
    ['region-fallback', { 'Accept-Language': 'de-AT' }],
    ['region-variant', { 'Accept-Language': 'pt' }],
    ['star-stops', { 'Accept-Language': 'xx, *, de' }],
    ['malformed', { 'Accept-Language': 'de;q=2' }],
    ['unknown-then-known', { 'Accept-Language': 'zz-ZZ, es;q=0.1' }],
    ['cookie-first', { 'Accept-Language': 'de', Cookie: 'django_language=ru' }],
    ['cookie-unknown', { 'Accept-Language': 'de', Cookie: 'django_language=xx' }],
  ].map(([name, headers]) => post(`negotiation-${name as string}`, '/auth/jwt/create/', json({}), { headers: headers as Record<string, string> }));

const tags: Array<[string, string]> = [...I18N_LANGUAGES.map((l) => [l, l.toLowerCase().replace('-', '')] as [string, string]), [I18N_UNKNOWN_TAG, 'unknown']];

export const i18nAccept: Scenario = {
  name: 'i18n-errors',
  area: 'i18n',
  configs: ['i18n-accept', ...I18N_LANGUAGES.map((l) => `i18n-${l}` as ConfigName)],
  description: 'error answers of every endpoint and the six e-mails, per language (Accept-Language, or LANGUAGE_CODE)',
  steps: (config: ConformanceConfig) =>
    config.name === 'i18n-accept'
      ? [...negotiation(), ...tags.flatMap(([tag, key]) => block(config, tag, key))]
      : block(config, undefined, config.name.slice('i18n-'.length).toLowerCase().replace('-', '')),
};

export const I18N_SCENARIOS: Scenario[] = [i18nAccept];
