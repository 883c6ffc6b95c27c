import { readFileSync } from 'node:fs';
import { isURL } from 'class-validator';
import { checkHardening } from './hardening-settings';
import { DEV_SECRET_KEY, SETTING_DEFINITIONS, SettingDefinition } from './settings.schema';
import { compatProfile, CompatProfile, CompatStack } from '../compat/compat-profile';
import { I18nSettings, readI18nSettings } from '../i18n/i18n-settings';
import { parseThrottleSettings, ThrottleSettings } from '../throttle/throttle-settings';
import { loadUserModel, UserModelError, type UserModel } from '../users/model/user-model';
import { parseWebauthnSettings, WebauthnSettings } from '../webauthn/webauthn-settings';
import { parseSocialSettings, SocialSettings } from '../social/social-settings';
import { JwtAuthMountSettings, parseJwtAuthMountSettings } from '../jwt-auth-mount/jwt-auth-settings';

/** Raised when an environment variable has a value the server cannot use; the message is one line. */
export class SettingsError extends Error {}

const TRUE = new Set(['1', 'true', 'yes', 'on', 'y', 't']);
const FALSE = new Set(['0', 'false', 'no', 'off', 'n', 'f']);

type Raw = Record<string, string | undefined>;

function fail(d: SettingDefinition, value: string, expected: string): never {
  throw new SettingsError(`Invalid environment variable ${d.name}=${JSON.stringify(value)}: expected ${expected}`);
}

/** Reads and checks one variable; the returned value has the JS type of its kind. */
function read(env: Raw, d: SettingDefinition): string | number | boolean | string[] {
  const given = env[d.name];
  const value = given === undefined ? d.default : given.trim();
  switch (d.kind) {
    case 'bool': {
      const v = value.toLowerCase();
      if (TRUE.has(v)) return true;
      if (FALSE.has(v)) return false;
      return fail(d, value, 'a boolean (true/false, 1/0, yes/no, on/off)');
    }
    case 'int': {
      if (!/^-?\d+$/.test(value)) return fail(d, value, 'a whole number');
      const n = Number(value);
      if (d.min !== undefined && n < d.min) return fail(d, value, `a whole number >= ${d.min}`);
      if (d.max !== undefined && n > d.max) return fail(d, value, `a whole number <= ${d.max}`);
      return n;
    }
    case 'enum':
      if (!d.choices!.includes(value)) return fail(d, value, `one of ${d.choices!.join(', ')}`);
      return value;
    case 'list':
      return value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    case 'url':
      if (value && !isURL(value, { require_tld: false, require_protocol: true, protocols: ['postgres', 'postgresql', 'smtp', 'smtps'] }))
        return fail(d, value, 'a URL such as postgres://user:pass@host:5432/db or smtp://user:pass@host:587');
      return value;
    default:
      return value;
  }
}

function readKeyFile(path: string, name: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new SettingsError(`Invalid environment variable ${name}=${JSON.stringify(path)}: cannot read the file (${(e as Error).message})`);
  }
}

export interface DjoserSettings {
  sendActivationEmail: boolean;
  sendConfirmationEmail: boolean;
  passwordChangedEmailConfirmation: boolean;
  usernameChangedEmailConfirmation: boolean;
  userCreatePasswordRetype: boolean;
  setPasswordRetype: boolean;
  passwordResetConfirmRetype: boolean;
  setUsernameRetype: boolean;
  usernameResetConfirmRetype: boolean;
  passwordResetShowEmailNotFound: boolean;
  usernameResetShowEmailNotFound: boolean;
  logoutOnPasswordChange: boolean;
  hideUsers: boolean;
  loginField: 'username' | 'email';
  /** The user model (AUTH_USER_MODEL_FILE), also `Settings.userModel`. */
  userModel: UserModel;
  userIdField: 'id';
  userExtraFields: Array<'first_name' | 'last_name'>;
  activationUrl: string;
  passwordResetConfirmUrl: string;
  usernameResetConfirmUrl: string;
  emailFrontendDomain: string;
  emailFrontendProtocol: string;
  emailFrontendSiteName: string;
}

export interface SimpleJwtSettings {
  accessTokenLifetime: number;
  refreshTokenLifetime: number;
  rotateRefreshTokens: boolean;
  blacklistAfterRotation: boolean;
  updateLastLogin: boolean;
  algorithm: string;
  signingKey: string;
  verifyingKey: string;
  audience: string | null;
  issuer: string | null;
  leeway: number;
  authHeaderTypes: string[];
  /** AUTH_HEADER_NAME as the HTTP header it names (lower case): `HTTP_X_ACCESS_TOKEN` → `x-access-token`. */
  authHeaderName: string;
  userIdField: string;
  userIdClaim: string;
  tokenTypeClaim: string;
  jtiClaim: string;
  /** Ours: reuse of a rotated refresh token revokes its family. */
  rotationReuseDetection: boolean;
  /** Ours: seconds during which a rotated token answers with the same successor. */
  rotationReuseGracePeriod: number;
  /** SimpleJWT >= 5.4: refresh checks that the user still exists and is active. */
  refreshRequiresActiveUser: boolean;
  /** SimpleJWT >= 5.3 CHECK_REVOKE_TOKEN: the password digest in REVOKE_TOKEN_CLAIM is checked on every access token. */
  checkRevokeToken: boolean;
  revokeTokenClaim: string;
  /** SimpleJWT >= 5.3 CHECK_USER_IS_ACTIVE. */
  checkUserIsActive: boolean;
  /** Extra mounts: SimpleJWT's `api/token/...` URLs. */
  mountSimpleJwtUrls: boolean;
  /** Extra mount: DRF's `api-token-auth/`. */
  mountAuthtokenUrl: boolean;
}

export interface EmailSettings {
  backend: 'console' | 'smtp' | 'file' | 'memory';
  url: string;
  host: string;
  port: number;
  hostUser: string;
  hostPassword: string;
  useTls: boolean;
  useSsl: boolean;
  timeout: number;
  filePath: string;
  templatesDir: string;
  defaultFrom: string;
  outboxWorker: boolean;
  outboxPollIntervalMs: number;
  outboxMaxAttempts: number;
  outboxRetryBackoffMs: number;
}

export interface Settings {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  secretKey: string;
  /** COMPAT_STACK and the answers that differ between the two Djoser stacks (src/compat). */
  compat: CompatProfile;
  /** LANGUAGE_CODE, USE_I18N, LANGUAGES, LOCALE_MIDDLEWARE (src/i18n). */
  i18n: I18nSettings;
  corsAllowedOrigins: string[];
  corsAllowedOriginRegexes: string[];
  corsAllowAllOrigins: boolean;
  corsAllowCredentials: boolean;
  corsAllowMethods: string[];
  corsAllowHeaders: string[];
  corsExposeHeaders: string[];
  corsPreflightMaxAge: number;
  corsAllowPrivateNetwork: boolean;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  databaseUrl: string;
  pgliteDataDir: string;
  databaseMigrationsRun: boolean;
  domain: string;
  siteName: string;
  passwordResetTimeout: number;
  email: EmailSettings;
  djoser: DjoserSettings;
  simpleJwt: SimpleJwtSettings;
  argon2: { memoryCost: number; timeCost: number; parallelism: number };

  // rate limits (src/throttle)
  throttle: ThrottleSettings;

  // HTTP hardening (body limit, headers, refresh cookie)
  hardening: {
    dataUploadMaxMemorySize: number;
    dataUploadMaxJsonDepth: number;
    hstsSeconds: number;
    hstsIncludeSubdomains: boolean;
    hstsPreload: boolean;
    /** Cookie mode (refresh token in an HttpOnly cookie) is on when this name is set. */
    refreshCookie: string;
    refreshCookiePath: string;
    cookieSecure: boolean;
    cookieSameSite: 'Lax' | 'Strict' | 'None';
    cookieDomain: string;
    csrfCookieName: string;
    csrfHeaderName: string;
  };

  // operations (src/ops)
  logFormat: 'json' | 'text';
  ops: { healthOutboxMaxDelay: number; metricsEnabled: boolean; metricsBearerToken: string; shutdownTimeoutMs: number; threadPoolNice: number };

  // API description (src/openapi)
  apiDocsEnabled: boolean;
  // django_rest_jwt_auth mount (src/jwt-auth-mount)
  jwtAuthMount: JwtAuthMountSettings;

  /** AUTH_USER_MODEL_FILE: the user model Djoser reads (Django's User when unset). */
  userModel: UserModel;

  // existing Django database
  /** DJANGO_EXISTING_SCHEMA: Django's tables exist already; check them, never create or alter them. */
  djangoExistingSchema: boolean;

  // passkeys (src/webauthn)
  webauthn: WebauthnSettings;
  // social login (src/social)
  social: SocialSettings;

}

/** django-cors-headers' checks E013/E014: an origin is `scheme://host[:port]`, nothing more ("null" is allowed too). */
function checkOrigins(origins: string[]): string[] {
  for (const o of origins) {
    if (o === 'null') continue;
    const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]+)(.*)$/i.exec(o);
    if (!m) throw new SettingsError(`Invalid environment variable CORS_ALLOWED_ORIGINS=${JSON.stringify(origins.join(','))}: ${JSON.stringify(o)} is missing a scheme or host`);
    if (m[3] && m[3] !== '')
      throw new SettingsError(`Invalid environment variable CORS_ALLOWED_ORIGINS=${JSON.stringify(origins.join(','))}: ${JSON.stringify(o)} should not have a path`);
  }
  return origins;
}

function checkRegexes(value: string): string[] {
  const list = value.split(/\s+/).filter(Boolean);
  for (const r of list) {
    try {
      new RegExp(r);
    } catch (e) {
      throw new SettingsError(`Invalid environment variable CORS_ALLOWED_ORIGIN_REGEXES=${JSON.stringify(value)}: ${(e as Error).message}`);
    }
  }
  return list;
}

/** Parses the environment into typed settings, or throws a one-line SettingsError naming the bad variable. */
export function parseSettings(env: Raw): Settings {
  const v: Record<string, ReturnType<typeof read>> = {};
  for (const d of SETTING_DEFINITIONS) v[d.name] = read(env, d);
  const s = (k: string) => v[k] as string;
  const b = (k: string) => v[k] as boolean;
  const n = (k: string) => v[k] as number;
  const l = (k: string) => v[k] as string[];

  const nodeEnv = s('NODE_ENV') as Settings['nodeEnv'];
  const secretKey = s('SECRET_KEY');
  if (!secretKey) throw new SettingsError('Invalid environment variable SECRET_KEY="": expected a non-empty secret');
  if (nodeEnv === 'production' && secretKey === DEV_SECRET_KEY)
    throw new SettingsError(
      'Invalid environment variable SECRET_KEY: the development key from .env.example is refused with NODE_ENV=production; set a long random value',
    );

  const userModel = readUserModel(s('AUTH_USER_MODEL_FILE'));
  const extra = l('DJOSER_USER_EXTRA_FIELDS');
  for (const f of extra)
    if (f !== 'first_name' && f !== 'last_name')
      throw new SettingsError(
        `Invalid environment variable DJOSER_USER_EXTRA_FIELDS=${JSON.stringify(extra.join(','))}: expected a list of first_name, last_name`,
      );

  // Django: "EMAIL_USE_TLS/EMAIL_USE_SSL are mutually exclusive, so only set one of those settings to True."
  if (b('EMAIL_USE_TLS') && b('EMAIL_USE_SSL'))
    throw new SettingsError('Invalid environment variable EMAIL_USE_SSL="true": EMAIL_USE_TLS and EMAIL_USE_SSL are mutually exclusive; set only one');

  const algorithm = s('SIMPLE_JWT_ALGORITHM');
  const signingKey = s('SIMPLE_JWT_SIGNING_KEY_FILE')
    ? readKeyFile(s('SIMPLE_JWT_SIGNING_KEY_FILE'), 'SIMPLE_JWT_SIGNING_KEY_FILE')
    : s('SIMPLE_JWT_SIGNING_KEY') || secretKey;
  const verifyingKey = s('SIMPLE_JWT_VERIFYING_KEY_FILE')
    ? readKeyFile(s('SIMPLE_JWT_VERIFYING_KEY_FILE'), 'SIMPLE_JWT_VERIFYING_KEY_FILE')
    : s('SIMPLE_JWT_VERIFYING_KEY');
  if (!algorithm.startsWith('HS') && (!verifyingKey || signingKey === secretKey))
    throw new SettingsError(
      `Invalid environment variable SIMPLE_JWT_ALGORITHM=${JSON.stringify(algorithm)}: expected SIMPLE_JWT_SIGNING_KEY and SIMPLE_JWT_VERIFYING_KEY (PEM) to be set for an asymmetric algorithm`,
    );
  const headerTypes = l('SIMPLE_JWT_AUTH_HEADER_TYPES');
  if (headerTypes.length === 0)
    throw new SettingsError('Invalid environment variable SIMPLE_JWT_AUTH_HEADER_TYPES="": expected at least one keyword, e.g. Bearer');
  const headerName = s('SIMPLE_JWT_AUTH_HEADER_NAME');
  if (!/^HTTP_[A-Z0-9_]+$/.test(headerName))
    throw new SettingsError(`Invalid environment variable SIMPLE_JWT_AUTH_HEADER_NAME=${JSON.stringify(headerName)}: expected a request.META key such as HTTP_AUTHORIZATION`);

  return {
    nodeEnv,
    host: s('HOST'),
    port: n('PORT'),
    secretKey,
    compat: checkCompat(compatProfile(s('COMPAT_STACK') as CompatStack), env, v),
    i18n: readI18nSettings(
      { languageCode: s('LANGUAGE_CODE'), useI18n: b('USE_I18N'), languages: l('LANGUAGES'), localeMiddleware: b('LOCALE_MIDDLEWARE'), cookieName: s('LANGUAGE_COOKIE_NAME') },
      (name, value, why) => new SettingsError(`Invalid environment variable ${name}=${JSON.stringify(value)}: ${why}`),
    ),
    corsAllowedOrigins: checkOrigins(l('CORS_ALLOWED_ORIGINS')),
    corsAllowedOriginRegexes: checkRegexes(s('CORS_ALLOWED_ORIGIN_REGEXES')),
    corsAllowAllOrigins: b('CORS_ALLOW_ALL_ORIGINS'),
    corsAllowCredentials: b('CORS_ALLOW_CREDENTIALS'),
    corsAllowMethods: l('CORS_ALLOW_METHODS').map((m) => m.toUpperCase()),
    corsAllowHeaders: l('CORS_ALLOW_HEADERS'),
    corsExposeHeaders: l('CORS_EXPOSE_HEADERS'),
    corsPreflightMaxAge: n('CORS_PREFLIGHT_MAX_AGE'),
    corsAllowPrivateNetwork: b('CORS_ALLOW_PRIVATE_NETWORK'),
    logLevel: s('LOG_LEVEL') as Settings['logLevel'],
    databaseUrl: s('DATABASE_URL'),
    pgliteDataDir: s('PGLITE_DATA_DIR'),
    databaseMigrationsRun: b('DATABASE_MIGRATIONS_RUN'),
    domain: s('DOMAIN'),
    siteName: s('SITE_NAME'),
    passwordResetTimeout: n('PASSWORD_RESET_TIMEOUT'),
    email: {
      backend: s('EMAIL_BACKEND') as EmailSettings['backend'],
      url: s('EMAIL_URL'),
      host: s('EMAIL_HOST'),
      port: n('EMAIL_PORT'),
      hostUser: s('EMAIL_HOST_USER'),
      hostPassword: s('EMAIL_HOST_PASSWORD'),
      useTls: b('EMAIL_USE_TLS'),
      useSsl: b('EMAIL_USE_SSL'),
      timeout: n('EMAIL_TIMEOUT'),
      filePath: s('EMAIL_FILE_PATH'),
      templatesDir: s('EMAIL_TEMPLATES_DIR'),
      defaultFrom: s('DEFAULT_FROM_EMAIL'),
      outboxWorker: b('EMAIL_OUTBOX_WORKER'),
      outboxPollIntervalMs: n('EMAIL_OUTBOX_POLL_INTERVAL_MS'),
      outboxMaxAttempts: n('EMAIL_OUTBOX_MAX_ATTEMPTS'),
      outboxRetryBackoffMs: n('EMAIL_OUTBOX_RETRY_BACKOFF_MS'),
    },
    djoser: {
      sendActivationEmail: b('DJOSER_SEND_ACTIVATION_EMAIL'),
      sendConfirmationEmail: b('DJOSER_SEND_CONFIRMATION_EMAIL'),
      passwordChangedEmailConfirmation: b('DJOSER_PASSWORD_CHANGED_EMAIL_CONFIRMATION'),
      usernameChangedEmailConfirmation: b('DJOSER_USERNAME_CHANGED_EMAIL_CONFIRMATION'),
      userCreatePasswordRetype: b('DJOSER_USER_CREATE_PASSWORD_RETYPE'),
      setPasswordRetype: b('DJOSER_SET_PASSWORD_RETYPE'),
      passwordResetConfirmRetype: b('DJOSER_PASSWORD_RESET_CONFIRM_RETYPE'),
      setUsernameRetype: b('DJOSER_SET_USERNAME_RETYPE'),
      usernameResetConfirmRetype: b('DJOSER_USERNAME_RESET_CONFIRM_RETYPE'),
      passwordResetShowEmailNotFound: b('DJOSER_PASSWORD_RESET_SHOW_EMAIL_NOT_FOUND'),
      usernameResetShowEmailNotFound: b('DJOSER_USERNAME_RESET_SHOW_EMAIL_NOT_FOUND'),
      logoutOnPasswordChange: b('DJOSER_LOGOUT_ON_PASSWORD_CHANGE'),
      hideUsers: b('DJOSER_HIDE_USERS'),
      // Djoser's LOGIN_FIELD defaults to the model's USERNAME_FIELD.
      loginField: (userModel.custom ? userModel.usernameField : s('DJOSER_LOGIN_FIELD')) as DjoserSettings['loginField'],
      userModel,
      userIdField: 'id',
      userExtraFields: extra as DjoserSettings['userExtraFields'],
      activationUrl: s('DJOSER_ACTIVATION_URL'),
      passwordResetConfirmUrl: s('DJOSER_PASSWORD_RESET_CONFIRM_URL'),
      usernameResetConfirmUrl: s('DJOSER_USERNAME_RESET_CONFIRM_URL'),
      emailFrontendDomain: s('DJOSER_EMAIL_FRONTEND_DOMAIN'),
      emailFrontendProtocol: s('DJOSER_EMAIL_FRONTEND_PROTOCOL'),
      emailFrontendSiteName: s('DJOSER_EMAIL_FRONTEND_SITE_NAME'),
    },
    simpleJwt: {
      accessTokenLifetime: n('SIMPLE_JWT_ACCESS_TOKEN_LIFETIME'),
      refreshTokenLifetime: n('SIMPLE_JWT_REFRESH_TOKEN_LIFETIME'),
      rotateRefreshTokens: b('SIMPLE_JWT_ROTATE_REFRESH_TOKENS'),
      blacklistAfterRotation: b('SIMPLE_JWT_BLACKLIST_AFTER_ROTATION'),
      updateLastLogin: b('SIMPLE_JWT_UPDATE_LAST_LOGIN'),
      algorithm,
      signingKey,
      verifyingKey,
      audience: s('SIMPLE_JWT_AUDIENCE') || null,
      issuer: s('SIMPLE_JWT_ISSUER') || null,
      leeway: n('SIMPLE_JWT_LEEWAY'),
      authHeaderTypes: headerTypes,
      authHeaderName: headerName.slice('HTTP_'.length).toLowerCase().replace(/_/g, '-'),
      userIdField: s('SIMPLE_JWT_USER_ID_FIELD'),
      userIdClaim: s('SIMPLE_JWT_USER_ID_CLAIM'),
      tokenTypeClaim: s('SIMPLE_JWT_TOKEN_TYPE_CLAIM'),
      jtiClaim: s('SIMPLE_JWT_JTI_CLAIM'),
      rotationReuseDetection: b('SIMPLE_JWT_ROTATION_REUSE_DETECTION'),
      rotationReuseGracePeriod: n('SIMPLE_JWT_ROTATION_REUSE_GRACE_PERIOD'),
      refreshRequiresActiveUser: b('SIMPLE_JWT_REFRESH_REQUIRES_ACTIVE_USER'),
      checkRevokeToken: b('SIMPLE_JWT_CHECK_REVOKE_TOKEN'),
      revokeTokenClaim: s('SIMPLE_JWT_REVOKE_TOKEN_CLAIM'),
      checkUserIsActive: b('SIMPLE_JWT_CHECK_USER_IS_ACTIVE'),
      mountSimpleJwtUrls: b('MOUNT_SIMPLEJWT_URLS'),
      mountAuthtokenUrl: b('MOUNT_AUTHTOKEN_URL'),
    },
    argon2: {
      memoryCost: n('PASSWORD_ARGON2_MEMORY_COST'),
      timeCost: n('PASSWORD_ARGON2_TIME_COST'),
      parallelism: n('PASSWORD_ARGON2_PARALLELISM'),
    },

    // rate limits (src/throttle)
    throttle: parseThrottleSettings(s, b, l, (message) => {
      throw new SettingsError(message);
    }),

    // HTTP hardening (body limit, headers, refresh cookie)
    hardening: checkHardening({
      dataUploadMaxMemorySize: n('DATA_UPLOAD_MAX_MEMORY_SIZE'),
      dataUploadMaxJsonDepth: n('DATA_UPLOAD_MAX_JSON_DEPTH'),
      hstsSeconds: n('SECURE_HSTS_SECONDS'),
      hstsIncludeSubdomains: b('SECURE_HSTS_INCLUDE_SUBDOMAINS'),
      hstsPreload: b('SECURE_HSTS_PRELOAD'),
      refreshCookie: s('SIMPLE_JWT_AUTH_REFRESH_COOKIE'),
      refreshCookiePath: s('SIMPLE_JWT_AUTH_REFRESH_COOKIE_PATH'),
      cookieSecure: b('SIMPLE_JWT_AUTH_COOKIE_SECURE'),
      cookieSameSite: s('SIMPLE_JWT_AUTH_COOKIE_SAMESITE') as Settings['hardening']['cookieSameSite'],
      cookieDomain: s('SIMPLE_JWT_AUTH_COOKIE_DOMAIN'),
      csrfCookieName: s('CSRF_COOKIE_NAME'),
      csrfHeaderName: s('CSRF_HEADER_NAME'),
    }),

    // operations (src/ops)
    logFormat: s('LOG_FORMAT') as Settings['logFormat'],
    ops: {
      healthOutboxMaxDelay: n('HEALTH_CHECK_OUTBOX_MAX_DELAY'),
      metricsEnabled: b('METRICS_ENABLED'),
      metricsBearerToken: s('METRICS_BEARER_TOKEN'),
      shutdownTimeoutMs: n('SHUTDOWN_TIMEOUT_MS'),
      threadPoolNice: n('THREAD_POOL_NICE'),
    },

    // API description (src/openapi)
    apiDocsEnabled: b('API_DOCS_ENABLED'),

    userModel,
    // django_rest_jwt_auth mount (src/jwt-auth-mount)
    jwtAuthMount: parseJwtAuthMountSettings(s, n, s('SECRET_KEY'), s('DATABASE_URL'), (message) => {
      throw new SettingsError(message);
    }),

    // existing Django database
    djangoExistingSchema: existingDjangoSchema(b('DJANGO_EXISTING_SCHEMA'), s('DATABASE_URL')),

    // passkeys (src/webauthn)
    webauthn: parseWebauthnSettings(s, n, l, (message) => {
      throw new SettingsError(message);
    }),

    // social login (src/social)
    social: parseSocialSettings(env, s, b, n, l, (message) => {
      throw new SettingsError(message);
    }),

  };
}

function readUserModel(path: string): UserModel {
  try {
    return loadUserModel(path);
  } catch (e) {
    if (e instanceof UserModelError) throw new SettingsError(`Invalid environment variable AUTH_USER_MODEL_FILE=${JSON.stringify(path)}: ${e.message}`);
    throw e;
  }
}

/** Settings only a newer stack has: refused under a profile whose release ignores them, rather than silently unused. */
function checkCompat(profile: CompatProfile, env: Raw, v: Record<string, unknown>): CompatProfile {
  for (const name of profile.unsupportedSettings) {
    const d = SETTING_DEFINITIONS.find((x) => x.name === name)!;
    if (env[name] !== undefined && v[name] !== read({}, d))
      throw new SettingsError(`Invalid environment variable ${name}=${JSON.stringify(env[name])}: SimpleJWT ${profile.versions.simpleJwt} (COMPAT_STACK=${profile.stack}) has no such setting; use COMPAT_STACK=current or remove it`);
  }
  if (v.SIMPLE_JWT_CHECK_REVOKE_TOKEN && !v.SIMPLE_JWT_REVOKE_TOKEN_CLAIM)
    throw new SettingsError('Invalid environment variable SIMPLE_JWT_REVOKE_TOKEN_CLAIM="": expected a claim name when SIMPLE_JWT_CHECK_REVOKE_TOKEN is on');
  return profile;
}

/** Django never ran on the embedded engine, so adopting "its" schema there is a configuration mistake. */
function existingDjangoSchema(on: boolean, databaseUrl: string): boolean {
  if (on && !databaseUrl)
    throw new SettingsError('Invalid environment variable DJANGO_EXISTING_SCHEMA="true": expected DATABASE_URL to point at the PostgreSQL database Django uses');
  return on;
}
