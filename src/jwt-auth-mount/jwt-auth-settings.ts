import { Fernet } from 'fernet-nodejs';

/** django_rest_jwt_auth's settings (issue 23), same names as the package's settings.py. */
export interface JwtAuthMountSettings {
  /** URL prefix the six views are mounted under, without slashes (`api/jwtauth`); empty = not mounted. */
  prefix: string;
  secret: string;
  algorithm: 'HS256' | 'HS384' | 'HS512';
  role: string;
  /** Token lifetime in minutes. */
  expMinutes: number;
  /** How long after its expiry a token may still be refreshed, in minutes (the package: forever). */
  refreshMaxAgeMinutes: number;
  /** Fernet key of the restore links (32 url-safe base64-encoded bytes). */
  encryptKey: string;
  /** Restore link lifetime in minutes. */
  emailTokenExpMinutes: number;
  /** Frontend page the restore link points at (`<schema>://<domain>/<path>`). */
  pathToRestore: string;
}

const PREFIX = /^[A-Za-z0-9_~.-]+(?:\/[A-Za-z0-9_~.-]+)*$/;

/** The group's variables, checked so a bad value stops the start with one line naming the variable. */
export function parseJwtAuthMountSettings(
  s: (k: string) => string,
  n: (k: string) => number,
  secretKey: string,
  databaseUrl: string,
  fail: (message: string) => never,
): JwtAuthMountSettings {
  const bad = (name: string, expected: string): never => fail(`Invalid environment variable ${name}=${JSON.stringify(s(name))}: expected ${expected}`);
  const prefix = s('MOUNT_JWT_AUTH_URLS').replace(/^\/+|\/+$/g, '');
  if (prefix && !PREFIX.test(prefix)) bad('MOUNT_JWT_AUTH_URLS', 'a URL path prefix such as api/jwtauth');
  if (prefix === 'auth' || prefix.startsWith('auth/')) bad('MOUNT_JWT_AUTH_URLS', "a prefix outside Djoser's auth/ (e.g. api/jwtauth)");
  const encryptKey = s('EMAIL_ENCRYPT_KEY');
  if (encryptKey) {
    try {
      Fernet.checkKey(encryptKey);
    } catch {
      bad('EMAIL_ENCRYPT_KEY', '32 url-safe base64-encoded bytes (python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())")');
    }
  } else if (prefix) bad('EMAIL_ENCRYPT_KEY', '32 url-safe base64-encoded bytes when MOUNT_JWT_AUTH_URLS is set');
  const pathToRestore = s('PATH_TO_RESTORE');
  if (pathToRestore && !/^https?:\/\/[^\s/?#]+[^\s]*$/.test(pathToRestore)) bad('PATH_TO_RESTORE', 'a frontend URL such as https://example.com/restore');
  if (prefix && !pathToRestore) bad('PATH_TO_RESTORE', 'a frontend URL such as https://example.com/restore when MOUNT_JWT_AUTH_URLS is set');
  let role = s('JWT_ROLE');
  // The document's default: DATABASES['default']['USER'].
  if (!role && databaseUrl) role = decodeURIComponent(new URL(databaseUrl).username);
  return {
    prefix,
    secret: s('JWT_SECRET') || secretKey,
    algorithm: s('JWT_ALGORITHM') as JwtAuthMountSettings['algorithm'],
    role,
    expMinutes: n('JWT_EXP'),
    refreshMaxAgeMinutes: n('JWT_REFRESH_MAX_AGE'),
    encryptKey,
    emailTokenExpMinutes: n('EMAIL_TOKEN_EXP'),
    pathToRestore,
  };
}
