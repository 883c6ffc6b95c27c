/**
 * Server configurations the conformance scenarios run under. Each one holds the
 * environment for the Djoser reference (`REF_*`, read by
 * ../shared/djoser-ref/refproject/settings.py) and the equivalent environment
 * for our server, named after the Django settings.
 */

import { COMPAT_STACKS, CompatStack } from '../../src/compat/compat-profile';

/** The two Djoser stacks fixtures are recorded from (REF_STACK), replayed against the COMPAT_STACK of the same name. */
export type ConformanceStack = CompatStack;
export const STACKS: readonly ConformanceStack[] = COMPAT_STACKS;

export function getStack(name: string): ConformanceStack {
  if (!(STACKS as readonly string[]).includes(name)) throw new Error(`unknown stack "${name}" (known: ${STACKS.join(', ')})`);
  return name as ConformanceStack;
}

export const SHARED_SECRET_KEY = 'djoser-ref-insecure-secret-key-0123456789abcdefghijklmnop';

export type ConfigName = 'default' | 'retype' | 'open' | 'custom' | 'i18n-accept' | `i18n-${LanguageCodeConfig}`;

/** The languages of the translated recordings (scenarios/i18n.ts): each as LANGUAGE_CODE, and with an unknown tag as Accept-Language. */
export const I18N_LANGUAGES = ['de', 'fr', 'es', 'pt-BR', 'ru', 'pl'] as const;
export const I18N_UNKNOWN_TAG = 'xx-YY';
export type LanguageCodeConfig = (typeof I18N_LANGUAGES)[number];

/** The Djoser / SimpleJWT settings that shape observable behaviour. */
export interface ConformanceSettings {
  sendActivationEmail: boolean;
  sendConfirmationEmail: boolean;
  userCreatePasswordRetype: boolean;
  setPasswordRetype: boolean;
  passwordResetConfirmRetype: boolean;
  setUsernameRetype: boolean;
  usernameResetConfirmRetype: boolean;
  passwordResetShowEmailNotFound: boolean;
  usernameResetShowEmailNotFound: boolean;
  hideUsers: boolean;
  logoutOnPasswordChange: boolean;
  accessTokenLifetimeS: number;
  refreshTokenLifetimeS: number;
  authHeaderTypes: string[];
}

export interface ConformanceConfig {
  name: ConfigName;
  description: string;
  settings: ConformanceSettings;
  /** Environment for ../shared/djoser-ref/start.sh. */
  refEnv: Record<string, string>;
  /** Environment for our server (Django setting names). */
  ourEnv: Record<string, string>;
}

// The reference's settings.py has these fixed (no REF_* knob): both
// change-confirmation mails on, and the link templates without a leading "#/".
const FIXED = {
  passwordChangedEmailConfirmation: true,
  usernameChangedEmailConfirmation: true,
  activationUrl: 'activate/{uid}/{token}',
  passwordResetConfirmUrl: 'password/reset/confirm/{uid}/{token}',
  usernameResetConfirmUrl: 'username/reset/confirm/{uid}/{token}',
  domain: 'localhost:3000',
  siteName: 'Djoser Reference',
};

const DEFAULTS: ConformanceSettings = {
  sendActivationEmail: true,
  sendConfirmationEmail: true,
  userCreatePasswordRetype: false,
  setPasswordRetype: false,
  passwordResetConfirmRetype: false,
  setUsernameRetype: false,
  usernameResetConfirmRetype: false,
  passwordResetShowEmailNotFound: false,
  usernameResetShowEmailNotFound: false,
  hideUsers: true,
  logoutOnPasswordChange: false,
  accessTokenLifetimeS: 300,
  refreshTokenLifetimeS: 86400,
  authHeaderTypes: ['Bearer'],
};

const bool = (b: boolean): string => (b ? 'true' : 'false');

function refEnvFor(s: ConformanceSettings): Record<string, string> {
  return {
    REF_SECRET_KEY: SHARED_SECRET_KEY,
    REF_DOMAIN: FIXED.domain,
    REF_SITE_NAME: FIXED.siteName,
    REF_SEND_ACTIVATION_EMAIL: bool(s.sendActivationEmail),
    REF_SEND_CONFIRMATION_EMAIL: bool(s.sendConfirmationEmail),
    REF_USER_CREATE_PASSWORD_RETYPE: bool(s.userCreatePasswordRetype),
    REF_SET_PASSWORD_RETYPE: bool(s.setPasswordRetype),
    REF_PASSWORD_RESET_CONFIRM_RETYPE: bool(s.passwordResetConfirmRetype),
    REF_SET_USERNAME_RETYPE: bool(s.setUsernameRetype),
    REF_USERNAME_RESET_CONFIRM_RETYPE: bool(s.usernameResetConfirmRetype),
    REF_PASSWORD_RESET_SHOW_EMAIL_NOT_FOUND: bool(s.passwordResetShowEmailNotFound),
    REF_USERNAME_RESET_SHOW_EMAIL_NOT_FOUND: bool(s.usernameResetShowEmailNotFound),
    REF_HIDE_USERS: bool(s.hideUsers),
    REF_LOGOUT_ON_PASSWORD_CHANGE: bool(s.logoutOnPasswordChange),
    REF_ACCESS_TOKEN_LIFETIME_S: String(s.accessTokenLifetimeS),
    REF_REFRESH_TOKEN_LIFETIME_S: String(s.refreshTokenLifetimeS),
    REF_JWT_AUTH_HEADER_TYPES: s.authHeaderTypes.join(','),
    REF_ROTATE_REFRESH_TOKENS: 'false',
    REF_BLACKLIST_AFTER_ROTATION: 'false',
    REF_JSON_ONLY: 'false',
  };
}

function ourEnvFor(s: ConformanceSettings): Record<string, string> {
  return {
    SECRET_KEY: SHARED_SECRET_KEY,
    DOMAIN: FIXED.domain,
    SITE_NAME: FIXED.siteName,
    DJOSER_SEND_ACTIVATION_EMAIL: bool(s.sendActivationEmail),
    DJOSER_SEND_CONFIRMATION_EMAIL: bool(s.sendConfirmationEmail),
    DJOSER_PASSWORD_CHANGED_EMAIL_CONFIRMATION: bool(FIXED.passwordChangedEmailConfirmation),
    DJOSER_USERNAME_CHANGED_EMAIL_CONFIRMATION: bool(FIXED.usernameChangedEmailConfirmation),
    DJOSER_USER_CREATE_PASSWORD_RETYPE: bool(s.userCreatePasswordRetype),
    DJOSER_SET_PASSWORD_RETYPE: bool(s.setPasswordRetype),
    DJOSER_PASSWORD_RESET_CONFIRM_RETYPE: bool(s.passwordResetConfirmRetype),
    DJOSER_SET_USERNAME_RETYPE: bool(s.setUsernameRetype),
    DJOSER_USERNAME_RESET_CONFIRM_RETYPE: bool(s.usernameResetConfirmRetype),
    DJOSER_PASSWORD_RESET_SHOW_EMAIL_NOT_FOUND: bool(s.passwordResetShowEmailNotFound),
    DJOSER_USERNAME_RESET_SHOW_EMAIL_NOT_FOUND: bool(s.usernameResetShowEmailNotFound),
    DJOSER_HIDE_USERS: bool(s.hideUsers),
    DJOSER_LOGOUT_ON_PASSWORD_CHANGE: bool(s.logoutOnPasswordChange),
    DJOSER_ACTIVATION_URL: FIXED.activationUrl,
    DJOSER_PASSWORD_RESET_CONFIRM_URL: FIXED.passwordResetConfirmUrl,
    DJOSER_USERNAME_RESET_CONFIRM_URL: FIXED.usernameResetConfirmUrl,
    SIMPLE_JWT_ACCESS_TOKEN_LIFETIME: String(s.accessTokenLifetimeS),
    SIMPLE_JWT_REFRESH_TOKEN_LIFETIME: String(s.refreshTokenLifetimeS),
    SIMPLE_JWT_AUTH_HEADER_TYPES: s.authHeaderTypes.join(','),
  };
}

function makeConfig(name: ConfigName, description: string, overrides: Partial<ConformanceSettings>): ConformanceConfig {
  const settings = { ...DEFAULTS, ...overrides };
  return { name, description, settings, refEnv: refEnvFor(settings), ourEnv: ourEnvFor(settings) };
}

/** The reference's custom user (refproject/accounts/models.py), described for us by the model file beside the fixtures. */
export const CUSTOM_USER_MODEL_FILE = `${__dirname}/fixtures/custom-user-model.json`;

function customConfig(name: ConfigName, description: string): ConformanceConfig {
  const base = makeConfig(name, description, {});
  return {
    ...base,
    refEnv: { ...base.refEnv, REF_USER_MODEL: 'custom' },
    ourEnv: { ...base.ourEnv, AUTH_USER_MODEL_FILE: CUSTOM_USER_MODEL_FILE },
  };
}

export const CONFIGS = {
  default: makeConfig('default', "the reference's defaults (activation + confirmation mails, HIDE_USERS)", {}),
  retype: makeConfig('retype', 'all five *_RETYPE flags and both *_SHOW_EMAIL_NOT_FOUND flags on', {
    userCreatePasswordRetype: true,
    setPasswordRetype: true,
    passwordResetConfirmRetype: true,
    setUsernameRetype: true,
    usernameResetConfirmRetype: true,
    passwordResetShowEmailNotFound: true,
    usernameResetShowEmailNotFound: true,
  }),
  open: makeConfig(
    'open',
    'HIDE_USERS off, activation mail off (confirmation mail on register), LOGOUT_ON_PASSWORD_CHANGE on, JWT header types Bearer,JWT',
    {
      hideUsers: false,
      sendActivationEmail: false,
      logoutOnPasswordChange: true,
      authHeaderTypes: ['Bearer', 'JWT'],
    },
  ),
} as Record<ConfigName, ConformanceConfig>;

CONFIGS.custom = customConfig('custom', "the reference's defaults with its custom user (REF_USER_MODEL=custom): e-mail login, first_name required, accounts_user");

// Django's LocaleMiddleware with the default LANGUAGE_CODE; the scenario sends Accept-Language.
CONFIGS['i18n-accept'] = i18nConfig('i18n-accept', 'LocaleMiddleware on (REF_LOCALE_MIDDLEWARE=1), LANGUAGE_CODE en-us: each step sends Accept-Language', {
  refEnv: { REF_LOCALE_MIDDLEWARE: '1' },
  ourEnv: { LOCALE_MIDDLEWARE: 'true' },
});
for (const lang of I18N_LANGUAGES)
  CONFIGS[`i18n-${lang}`] = i18nConfig(`i18n-${lang}`, `LANGUAGE_CODE=${lang.toLowerCase()}, no LocaleMiddleware`, {
    refEnv: { REF_LANGUAGE_CODE: lang.toLowerCase() },
    ourEnv: { LANGUAGE_CODE: lang.toLowerCase() },
  });

function i18nConfig(name: ConfigName, description: string, env: { refEnv: Record<string, string>; ourEnv: Record<string, string> }): ConformanceConfig {
  const base = makeConfig(name, description, {});
  return { ...base, refEnv: { ...base.refEnv, ...env.refEnv }, ourEnv: { ...base.ourEnv, ...env.ourEnv } };
}

export const CONFIG_NAMES = Object.keys(CONFIGS) as ConfigName[];
/** The configurations on Django's stock User (conformance.e2e-spec.ts); the custom ones have custom-user.e2e-spec.ts. */
export const STOCK_CONFIG_NAMES = CONFIG_NAMES.filter((n) => !n.startsWith('custom') && !n.startsWith('i18n-'));
/** The translated configurations (i18n.e2e-spec.ts). */
export const I18N_CONFIG_NAMES = CONFIG_NAMES.filter((n) => n.startsWith('i18n-'));

export function getConfig(name: string): ConformanceConfig {
  const config = (CONFIGS as Record<string, ConformanceConfig | undefined>)[name];
  if (!config) throw new Error(`unknown conformance config "${name}" (known: ${CONFIG_NAMES.join(', ')})`);
  return config;
}
