/**
 * Every environment variable the server reads, named after the Django / Djoser /
 * SimpleJWT setting it mirrors. This list is the single source of truth: the parser,
 * `.env.example` (checked by a test) and the README all follow it.
 */
export type SettingKind = 'string' | 'bool' | 'int' | 'list' | 'enum' | 'url' | 'email';

export interface SettingDefinition {
  name: string;
  kind: SettingKind;
  default: string;
  help: string;
  choices?: readonly string[];
  min?: number;
  max?: number;
}

const def = (
  name: string,
  kind: SettingKind,
  dflt: string,
  help: string,
  extra: Partial<SettingDefinition> = {},
): SettingDefinition => ({ name, kind, default: dflt, help, ...extra });

export const DEV_SECRET_KEY = 'django-insecure-change-me-this-key-is-public';

export const SETTING_GROUPS: ReadonlyArray<{ title: string; settings: SettingDefinition[] }> = [
  {
    title: 'Server',
    settings: [
      def('NODE_ENV', 'enum', 'development', 'development | production | test; production refuses an unsafe SECRET_KEY', {
        choices: ['development', 'production', 'test'],
      }),
      def('HOST', 'string', '0.0.0.0', 'address to listen on'),
      def('PORT', 'int', '8000', 'port to listen on', { min: 0, max: 65535 }),
      def('SECRET_KEY', 'string', DEV_SECRET_KEY, "Django's SECRET_KEY: signs activation/reset tokens and (by default) JWTs"),
      def('CORS_ALLOWED_ORIGINS', 'list', '', 'comma-separated origins allowed by CORS (e.g. http://localhost:3000); empty = CORS off'),
      // django-cors-headers' settings, same names and defaults
      def('CORS_ALLOWED_ORIGIN_REGEXES', 'string', '', 'space-separated regexes an origin may match (Python re.match: anchored at the start), e.g. ^https://\\w+\\.example\\.com$'),
      def('CORS_ALLOW_ALL_ORIGINS', 'bool', 'false', 'allow every origin (answers * unless CORS_ALLOW_CREDENTIALS)'),
      def('CORS_ALLOW_CREDENTIALS', 'bool', 'false', 'send Access-Control-Allow-Credentials: true (cookies, e.g. the refresh cookie)'),
      def('CORS_ALLOW_METHODS', 'list', 'DELETE,GET,OPTIONS,PATCH,POST,PUT', 'methods a preflight allows'),
      def('CORS_ALLOW_HEADERS', 'list', 'accept,authorization,content-type,user-agent,x-csrftoken,x-requested-with', 'request headers a preflight allows'),
      def('CORS_EXPOSE_HEADERS', 'list', '', 'response headers the browser may show to the page (Access-Control-Expose-Headers)'),
      def('CORS_PREFLIGHT_MAX_AGE', 'int', '86400', 'seconds the browser may cache a preflight; 0 = no Access-Control-Max-Age', { min: 0 }),
      def('CORS_ALLOW_PRIVATE_NETWORK', 'bool', 'false', 'answer Private Network Access preflights with Access-Control-Allow-Private-Network: true'),
      // compatibility profile (src/compat)
      def('COMPAT_STACK', 'enum', 'current', 'which Djoser stack to answer like: current (Djoser 2.3 / SimpleJWT 5.5 / DRF 3.18 / Django 5.2) | 2.1 (Djoser 2.1 / SimpleJWT 5.2 / DRF 3.14 / Django 3.2)', {
        choices: ['current', '2.1'],
      }),
      def('LOG_LEVEL', 'enum', 'log', 'log level: error | warn | log | debug | verbose', {
        choices: ['error', 'warn', 'log', 'debug', 'verbose'],
      }),
    ],
  },
  {
    title: 'Languages (src/i18n)',
    settings: [
      def('LANGUAGE_CODE', 'string', 'en-us', "Django's LANGUAGE_CODE: the language of every answer and e-mail (de, fr, pt-br...), or the fallback with LOCALE_MIDDLEWARE"),
      def('USE_I18N', 'bool', 'true', 'false: English texts whatever LANGUAGE_CODE says (Django\'s USE_I18N)'),
      def('LANGUAGES', 'list', '', "the languages a request may pick (de,fr,pt-br); empty = Django's full list"),
      def('LOCALE_MIDDLEWARE', 'bool', 'false', "Django's LocaleMiddleware: each request's language from the django_language cookie or Accept-Language; Content-Language and Vary: Accept-Language on every answer"),
      def('LANGUAGE_COOKIE_NAME', 'string', 'django_language', 'the cookie LocaleMiddleware reads first'),
    ],
  },
  {
    title: 'Database',
    settings: [
      def('DATABASE_URL', 'url', '', 'postgres://user:pass@host:5432/db; empty = embedded PostgreSQL (PGlite) in PGLITE_DATA_DIR'),
      def('PGLITE_DATA_DIR', 'string', './data/pglite', 'where the embedded database keeps its files; empty = in memory'),
      def('DATABASE_MIGRATIONS_RUN', 'bool', 'true', 'apply pending migrations at start'),
    ],
  },
  {
    title: 'Django',
    settings: [
      def('DOMAIN', 'string', '', 'domain used in e-mail links (Djoser DOMAIN); empty = the request Host'),
      def('SITE_NAME', 'string', '', 'site name used in e-mails (Djoser SITE_NAME); empty = the request Host, as Djoser does'),
      def('PASSWORD_RESET_TIMEOUT', 'int', '259200', 'seconds an activation/reset token stays valid (Django default: 3 days)', { min: 1 }),
      def('DEFAULT_FROM_EMAIL', 'string', 'webmaster@localhost', 'sender of every e-mail'),
    ],
  },
  {
    title: 'E-mail',
    settings: [
      def('EMAIL_BACKEND', 'enum', 'console', 'console | smtp | file | memory (like Django EMAIL_BACKEND)', {
        choices: ['console', 'smtp', 'file', 'memory'],
      }),
      def('EMAIL_URL', 'url', '', 'smtp://user:pass@host:587?tls=true; overrides the EMAIL_HOST* settings'),
      def('EMAIL_HOST', 'string', 'localhost', 'SMTP host'),
      def('EMAIL_PORT', 'int', '25', 'SMTP port', { min: 1, max: 65535 }),
      def('EMAIL_HOST_USER', 'string', '', 'SMTP user'),
      def('EMAIL_HOST_PASSWORD', 'string', '', 'SMTP password'),
      def('EMAIL_USE_TLS', 'bool', 'false', 'STARTTLS'),
      def('EMAIL_USE_SSL', 'bool', 'false', 'implicit TLS'),
      def('EMAIL_TIMEOUT', 'int', '10', 'SMTP timeout in seconds; also the longest an answer waits for its mail', { min: 1 }),
      def('EMAIL_FILE_PATH', 'string', './data/mail', 'folder for the file backend (one RFC 822 file per message)'),
      def('EMAIL_TEMPLATES_DIR', 'string', '', 'folder of templates that override the built-in ones by name (activation.hbs, ...)'),
      def('EMAIL_OUTBOX_WORKER', 'bool', 'true', 'send mail from this process: the first attempt in the request, then the retries (several instances may run the worker at once)'),
      def('EMAIL_OUTBOX_POLL_INTERVAL_MS', 'int', '5000', 'how often the worker looks for due mail (retries, and mail whose first attempt in the request never ran)', { min: 10 }),
      def('EMAIL_OUTBOX_MAX_ATTEMPTS', 'int', '10', 'send attempts before a message is marked failed (npm run mail:requeue sends failed mail again)', { min: 1 }),
      def('EMAIL_OUTBOX_RETRY_BACKOFF_MS', 'int', '10000', 'delay before the first retry; it doubles with each attempt, up to one hour', { min: 0 }),
    ],
  },
  {
    title: 'Djoser',
    settings: [
      def('DJOSER_SEND_ACTIVATION_EMAIL', 'bool', 'false', 'register inactive users and mail an activation link'),
      def('DJOSER_SEND_CONFIRMATION_EMAIL', 'bool', 'false', 'mail a confirmation after registration / activation'),
      def('DJOSER_PASSWORD_CHANGED_EMAIL_CONFIRMATION', 'bool', 'false', 'mail after set_password / reset_password_confirm'),
      def('DJOSER_USERNAME_CHANGED_EMAIL_CONFIRMATION', 'bool', 'false', 'mail after set_username / reset_username_confirm'),
      def('DJOSER_USER_CREATE_PASSWORD_RETYPE', 'bool', 'false', 'register requires re_password'),
      def('DJOSER_SET_PASSWORD_RETYPE', 'bool', 'false', 'set_password requires re_new_password'),
      def('DJOSER_PASSWORD_RESET_CONFIRM_RETYPE', 'bool', 'false', 'reset_password_confirm requires re_new_password'),
      def('DJOSER_SET_USERNAME_RETYPE', 'bool', 'false', 'set_username requires re_new_<login field>'),
      def('DJOSER_USERNAME_RESET_CONFIRM_RETYPE', 'bool', 'false', 'reset_username_confirm requires re_new_<login field>'),
      def('DJOSER_PASSWORD_RESET_SHOW_EMAIL_NOT_FOUND', 'bool', 'false', 'unknown e-mail answers 400 on the reset/resend endpoints'),
      def('DJOSER_USERNAME_RESET_SHOW_EMAIL_NOT_FOUND', 'bool', 'false', 'same (Djoser ORs the two flags)'),
      def('DJOSER_LOGOUT_ON_PASSWORD_CHANGE', 'bool', 'false', 'set_password revokes the DRF tokens (and refresh tokens)'),
      def('DJOSER_HIDE_USERS', 'bool', 'true', 'non-staff users see only themselves (404 for others)'),
      def('DJOSER_LOGIN_FIELD', 'enum', 'username', 'credential field: username | email', { choices: ['username', 'email'] }),
      def('DJOSER_USER_ID_FIELD', 'enum', 'id', 'lookup field of users/{id}/', { choices: ['id'] }),
      def('DJOSER_USER_EXTRA_FIELDS', 'list', '', 'extra auth_user columns users read and write: first_name,last_name'),
      def('DJOSER_ACTIVATION_URL', 'string', '#/activate/{uid}/{token}', 'activation link path (Python str.format template)'),
      def('DJOSER_PASSWORD_RESET_CONFIRM_URL', 'string', '#/password/reset/confirm/{uid}/{token}', 'password reset link path'),
      def('DJOSER_USERNAME_RESET_CONFIRM_URL', 'string', '#/username/reset/confirm/{uid}/{token}', 'username reset link path'),
      def('DJOSER_EMAIL_FRONTEND_DOMAIN', 'string', '', 'overrides DOMAIN in e-mails'),
      def('DJOSER_EMAIL_FRONTEND_PROTOCOL', 'string', '', 'overrides the protocol (http/https) in e-mails'),
      def('DJOSER_EMAIL_FRONTEND_SITE_NAME', 'string', '', 'overrides SITE_NAME in e-mails'),
    ],
  },
  {
    title: 'SimpleJWT',
    settings: [
      def('SIMPLE_JWT_ACCESS_TOKEN_LIFETIME', 'int', '300', 'access token lifetime in seconds', { min: 1 }),
      def('SIMPLE_JWT_REFRESH_TOKEN_LIFETIME', 'int', '86400', 'refresh token lifetime in seconds', { min: 1 }),
      def('SIMPLE_JWT_ROTATE_REFRESH_TOKENS', 'bool', 'false', 'refresh also returns a new refresh token'),
      def('SIMPLE_JWT_BLACKLIST_AFTER_ROTATION', 'bool', 'false', 'blacklist the old refresh token on rotation'),
      def('SIMPLE_JWT_UPDATE_LAST_LOGIN', 'bool', 'false', 'jwt/create updates last_login'),
      def('SIMPLE_JWT_ALGORITHM', 'enum', 'HS256', 'HS256/384/512, RS256/384/512, ES256/384/512', {
        choices: ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'],
      }),
      def('SIMPLE_JWT_SIGNING_KEY', 'string', '', 'signing key; empty = SECRET_KEY (HS*) ; PEM for RS/ES'),
      def('SIMPLE_JWT_SIGNING_KEY_FILE', 'string', '', 'read the signing key from this file'),
      def('SIMPLE_JWT_VERIFYING_KEY', 'string', '', 'public key (PEM) for RS/ES'),
      def('SIMPLE_JWT_VERIFYING_KEY_FILE', 'string', '', 'read the verifying key from this file'),
      def('SIMPLE_JWT_AUDIENCE', 'string', '', 'aud claim added and verified when set'),
      def('SIMPLE_JWT_ISSUER', 'string', '', 'iss claim added and verified when set'),
      def('SIMPLE_JWT_LEEWAY', 'int', '0', 'clock leeway in seconds', { min: 0 }),
      def('SIMPLE_JWT_AUTH_HEADER_TYPES', 'list', 'Bearer', 'accepted Authorization keywords, e.g. Bearer,JWT'),
      def('SIMPLE_JWT_AUTH_HEADER_NAME', 'string', 'HTTP_AUTHORIZATION', 'request.META key of the JWT header, e.g. HTTP_X_ACCESS_TOKEN'),
      def('SIMPLE_JWT_USER_ID_FIELD', 'enum', 'id', 'user field put in the token', { choices: ['id'] }),
      def('SIMPLE_JWT_USER_ID_CLAIM', 'string', 'user_id', 'claim holding the user id'),
      def('SIMPLE_JWT_TOKEN_TYPE_CLAIM', 'string', 'token_type', 'claim holding the token type'),
      def('SIMPLE_JWT_JTI_CLAIM', 'string', 'jti', 'claim holding the token id'),
      def('SIMPLE_JWT_ROTATION_REUSE_DETECTION', 'bool', 'true', 'with rotation, reusing a rotated refresh token revokes its whole family'),
      def('SIMPLE_JWT_ROTATION_REUSE_GRACE_PERIOD', 'int', '10', 'seconds a rotated refresh token still answers with the same successor', {
        min: 0,
      }),
      def('SIMPLE_JWT_REFRESH_REQUIRES_ACTIVE_USER', 'bool', 'true', 'refresh refused for deleted or deactivated users (SimpleJWT >= 5.4)'),
      // SimpleJWT >= 5.3 settings (COMPAT_STACK=current only; src/compat)
      def('SIMPLE_JWT_CHECK_REVOKE_TOKEN', 'bool', 'false', "tokens carry REVOKE_TOKEN_CLAIM (MD5 of the password hash); access tokens stop working when the password changes (SimpleJWT >= 5.3)"),
      def('SIMPLE_JWT_REVOKE_TOKEN_CLAIM', 'string', 'hash_password', 'claim holding the password digest when SIMPLE_JWT_CHECK_REVOKE_TOKEN is on'),
      def('SIMPLE_JWT_CHECK_USER_IS_ACTIVE', 'bool', 'true', 'false: access tokens and refresh of inactive users are accepted (SimpleJWT >= 5.3)'),
      def('MOUNT_SIMPLEJWT_URLS', 'bool', 'false', "also serve SimpleJWT's api/token/, api/token/refresh/, api/token/verify/"),
      def('MOUNT_AUTHTOKEN_URL', 'bool', 'false', "also serve DRF's obtain_auth_token at api-token-auth/"),
    ],
  },
  {
    title: 'Passwords',
    settings: [
      def('PASSWORD_ARGON2_MEMORY_COST', 'int', '19456', 'argon2id memory in KiB (OWASP: 19456)', { min: 1024 }),
      def('PASSWORD_ARGON2_TIME_COST', 'int', '2', 'argon2id iterations (OWASP: 2)', { min: 1 }),
      def('PASSWORD_ARGON2_PARALLELISM', 'int', '1', 'argon2id lanes (OWASP: 1)', { min: 1 }),
    ],
  },
  // rate limits (src/throttle)
  {
    title: 'Rate limits',
    settings: [
      def('THROTTLE_ENABLED', 'bool', 'true', 'rate limits on login, register, reset/resend and the confirm endpoints (429 like DRF)'),
      def('THROTTLE_LOGIN_FAILED_IP', 'string', '10/min', 'failed logins per client IP (DRF rate: N/period, period s|min|h|day with optional multiplier, e.g. 5/5min; empty = no limit)'),
      def('THROTTLE_LOGIN_FAILED_ACCOUNT', 'string', '5/5min', 'failed logins per username / e-mail (case-insensitive)'),
      def('THROTTLE_REGISTER_IP', 'string', '20/min', 'registrations (POST users/) per client IP'),
      def('THROTTLE_EMAIL_IP', 'string', '20/min', 'reset_password + reset_username + resend_activation requests per client IP'),
      def('THROTTLE_EMAIL_ADDRESS', 'string', '5/min', 'the same requests per e-mail address (case-insensitive), all three counted together'),
      def('THROTTLE_CONFIRM_IP', 'string', '20/min', 'activation + reset_password_confirm + reset_username_confirm requests per client IP'),
      def('TRUSTED_PROXIES', 'list', '', 'IPs / CIDRs of reverse proxies; only from these peers is X-Forwarded-For read for the client IP'),
      def('REDIS_URL', 'string', '', 'redis://host:6379/0: keep rate-limit counters in Redis; empty = in PostgreSQL'),
      def('THROTTLE_KEY_PREFIX', 'string', 'nest-djoser:throttle:', 'prefix of the rate-limit keys in Redis'),
    ],
  },
  // body limits, security headers, CORS, refresh cookie (src/drf, src/auth/jwt)
  {
    title: 'HTTP hardening',
    settings: [
      def('DATA_UPLOAD_MAX_MEMORY_SIZE', 'int', '1048576', 'largest request body in bytes; larger answers 413 (Django default: 2.5 MiB)', {
        min: 1024,
      }),
      def('DATA_UPLOAD_MAX_JSON_DEPTH', 'int', '64', 'deepest JSON nesting accepted; deeper answers a 400 parse error', { min: 1, max: 943 }),
      def('SECURE_HSTS_SECONDS', 'int', '0', 'Strict-Transport-Security max-age; 0 = no HSTS header', { min: 0 }),
      def('SECURE_HSTS_INCLUDE_SUBDOMAINS', 'bool', 'false', 'add includeSubDomains to the HSTS header'),
      def('SECURE_HSTS_PRELOAD', 'bool', 'false', 'add preload to the HSTS header'),
      def('SIMPLE_JWT_AUTH_REFRESH_COOKIE', 'string', '', 'cookie mode: name of the HttpOnly refresh cookie (e.g. refresh_token); empty = off'),
      def('SIMPLE_JWT_AUTH_REFRESH_COOKIE_PATH', 'string', '/auth/jwt/', 'Path of the refresh cookie'),
      def('SIMPLE_JWT_AUTH_COOKIE_SECURE', 'bool', 'true', 'Secure flag of the refresh cookie'),
      def('SIMPLE_JWT_AUTH_COOKIE_SAMESITE', 'enum', 'Lax', 'SameSite of the refresh cookie', { choices: ['Lax', 'Strict', 'None'] }),
      def('SIMPLE_JWT_AUTH_COOKIE_DOMAIN', 'string', '', 'Domain of the refresh and CSRF cookies; empty = host only'),
      def('CSRF_COOKIE_NAME', 'string', 'csrftoken', 'cookie mode: readable CSRF cookie (double submit)'),
      def('CSRF_HEADER_NAME', 'string', 'X-CSRFToken', 'cookie mode: header that must repeat the CSRF cookie'),
    ],
  },
  // health, logs, metrics, shutdown (src/ops)
  {
    title: 'Operations',
    settings: [
      def('LOG_FORMAT', 'enum', 'json', 'json (one JSON object a line, via pino) | text (Nest console lines)', { choices: ['json', 'text'] }),
      def('HEALTH_CHECK_OUTBOX_MAX_DELAY', 'int', '900', 'seconds a due e-mail may wait in the outbox before /health/ready reports the outbox stuck', { min: 1 }),
      def('METRICS_ENABLED', 'bool', 'true', 'serve Prometheus metrics at /metrics'),
      def('METRICS_BEARER_TOKEN', 'string', '', '/metrics requires `Authorization: Bearer <this>`; empty = open'),
      def('THREAD_POOL_NICE', 'int', '10', 'Linux: nice value of the thread pool where argon2 hashes (0 = as the event loop); the requests that do not hash run first when cores are scarce', { min: 0, max: 19 }),
      def('SHUTDOWN_TIMEOUT_MS', 'int', '10000', 'on SIGTERM/SIGINT, how long in-flight requests and the mail worker get before the process exits anyway', { min: 0 }),
    ],
  },
  // OpenAPI document and Swagger UI (src/openapi)
  {
    title: 'API description',
    settings: [
      def('API_DOCS_ENABLED', 'bool', 'true', 'serve the OpenAPI 3 document at /api/schema/ and Swagger UI at /api/docs/'),
    ],
  },
  // the user model (src/users/model)
  {
    title: 'User model',
    settings: [
      def(
        'AUTH_USER_MODEL_FILE',
        'string',
        '',
        "JSON description of Django's AUTH_USER_MODEL (printed by scripts/django_user_model.py); empty = django.contrib.auth's User (MIGRATING.md)",
      ),
    ],
  },
  // social login, djoser.social (src/social)
  {
    title: 'Social login',
    settings: [
      def('DJOSER_SOCIAL_AUTH_ALLOWED_REDIRECT_URIS', 'list', '', 'comma-separated redirect URIs GET auth/o/{provider}/ accepts (the SPA page the provider sends the user back to); empty = social login off'),
      def('DJOSER_SOCIAL_AUTH_TOKEN_STRATEGY', 'enum', 'jwt', 'what POST auth/o/{provider}/ answers: jwt (Djoser: access, refresh, user) | token (a DRF token: auth_token, user)', { choices: ['jwt', 'token'] }),
      def('SOCIAL_AUTH_GOOGLE_OAUTH2_KEY', 'string', '', 'Google OAuth client id: turns on provider google-oauth2'),
      def('SOCIAL_AUTH_GOOGLE_OAUTH2_SECRET', 'string', '', 'Google OAuth client secret'),
      def('SOCIAL_AUTH_GOOGLE_OAUTH2_SCOPE', 'list', '', 'scopes asked for besides openid, email, profile'),
      def('SOCIAL_AUTH_GOOGLE_OAUTH2_USE_UNIQUE_USER_ID', 'bool', 'false', "store Google's sub as the uid instead of the e-mail address (python-social-auth's default is the address)"),
      def('SOCIAL_AUTH_GITHUB_KEY', 'string', '', 'GitHub OAuth app client id: turns on provider github'),
      def('SOCIAL_AUTH_GITHUB_SECRET', 'string', '', 'GitHub OAuth app client secret'),
      def('SOCIAL_AUTH_GITHUB_SCOPE', 'list', '', 'scopes asked for besides user:email'),
      def('SOCIAL_AUTH_OIDC_OIDC_ENDPOINT', 'string', '', "python-social-auth's oidc backend: issuer URL (provider oidc, with SOCIAL_AUTH_OIDC_KEY and _SECRET); any other issuer: SOCIAL_AUTH_OIDC_<NAME>_ISSUER, _KEY, _SECRET, optional _SCOPE, served as provider <name>"),
      def('SOCIAL_AUTH_OIDC_KEY', 'string', '', 'client id at SOCIAL_AUTH_OIDC_OIDC_ENDPOINT'),
      def('SOCIAL_AUTH_OIDC_SECRET', 'string', '', 'client secret at SOCIAL_AUTH_OIDC_OIDC_ENDPOINT'),
      def('SOCIAL_AUTH_USERNAME_IS_FULL_EMAIL', 'bool', 'false', 'new users get their e-mail address as username (else the provider login / the part before @)'),
      def('SOCIAL_AUTH_STATE_TIMEOUT', 'int', '600', 'seconds between GET and POST auth/o/{provider}/ before the state expires (ours: the state is signed, not kept in a session)', { min: 10 }),
      def('SESSION_COOKIE_SECURE', 'bool', 'false', 'Secure flag of the cookie that binds the state to the browser (it stands in for Django\'s session cookie); set true in production'),
      def('SESSION_COOKIE_SAMESITE', 'enum', 'Lax', 'SameSite of that cookie; None (with SESSION_COOKIE_SECURE=true) when the SPA is on another site than the API', { choices: ['Lax', 'Strict', 'None'] }),
      def('SESSION_COOKIE_DOMAIN', 'string', '', 'Domain of that cookie; empty = host only'),
    ],
  },
  // django_rest_jwt_auth's API as an optional mount (src/jwt-auth-mount, issue 23)
  {
    title: 'django_rest_jwt_auth mount',
    settings: [
      def('MOUNT_JWT_AUTH_URLS', 'string', '', "URL prefix (e.g. api/jwtauth) where django_rest_jwt_auth's signup, signin, refresh, restore, validation and get_user/ are served; empty = off"),
      def('JWT_SECRET', 'string', '', 'HMAC key of its tokens; empty = SECRET_KEY'),
      def('JWT_ALGORITHM', 'enum', 'HS256', 'HS256 | HS384 | HS512', { choices: ['HS256', 'HS384', 'HS512'] }),
      def('JWT_ROLE', 'string', '', 'the role claim (PostgREST: the database role the token maps to); empty = the user of DATABASE_URL'),
      def('JWT_EXP', 'int', '60', 'token lifetime in minutes', { min: 1 }),
      def('JWT_REFRESH_MAX_AGE', 'int', '10080', 'minutes after its expiry an expired token may still be refreshed (the package: no limit)', { min: 0 }),
      def('EMAIL_ENCRYPT_KEY', 'string', '', 'Fernet key of the restore links: 32 url-safe base64-encoded bytes (required when mounted)'),
      def('EMAIL_TOKEN_EXP', 'int', '60', 'restore link lifetime in minutes', { min: 1 }),
      def('PATH_TO_RESTORE', 'string', '', 'frontend page of the restore link, <schema>://<domain>/<path> (required when mounted); the mail links to it with ?restoring=<token>'),
    ],
  },
  // serving a database Django created (src/database)
  {
    title: 'Existing Django database',
    settings: [
      def(
        'DJANGO_EXISTING_SCHEMA',
        'bool',
        'false',
        "adopt the tables of a database Django's migrations created (auth_user, authtoken_token, token_blacklist_*): check them at start, add only our own tables and indexes (MIGRATING.md)",
      ),
    ],
  },
  // passkeys: Djoser's WEBAUTHN dict (src/webauthn)
  {
    title: 'Passkeys (WebAuthn)',
    settings: [
      def('WEBAUTHN_RP_ID', 'string', 'localhost', "Djoser's WEBAUTHN RP_ID: the domain passkeys belong to (the site's host or a parent domain, e.g. example.com)"),
      def('WEBAUTHN_RP_NAME', 'string', 'localhost', "Djoser's WEBAUTHN RP_NAME: the name authenticators show"),
      def('WEBAUTHN_ORIGIN', 'list', 'http://localhost:8000', "Djoser's WEBAUTHN ORIGIN: origin(s) of the pages that run the ceremonies (comma-separated), e.g. https://app.example.com"),
      def('WEBAUTHN_CHALLENGE_TIMEOUT', 'int', '300', 'seconds a passkey challenge stays usable (each is single use)', { min: 10 }),
    ],
  },
];

export const SETTING_DEFINITIONS: readonly SettingDefinition[] = SETTING_GROUPS.flatMap((g) => g.settings);
