import { SettingsError, type Settings } from './settings';

/** RFC 6265 cookie-name token: a bad name would make every Set-Cookie header invalid. */
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const HEADER_NAME = COOKIE_NAME;

/** Cross-field checks of the HTTP hardening group (one-line messages naming the variable). */
export function checkHardening(h: Settings['hardening']): Settings['hardening'] {
  const bad = (name: string, value: string | boolean, expected: string): never => {
    throw new SettingsError(`Invalid environment variable ${name}=${JSON.stringify(String(value))}: expected ${expected}`);
  };
  if (h.refreshCookie && !COOKIE_NAME.test(h.refreshCookie))
    bad('SIMPLE_JWT_AUTH_REFRESH_COOKIE', h.refreshCookie, 'a cookie name (letters, digits, _-.)');
  if (!COOKIE_NAME.test(h.csrfCookieName)) bad('CSRF_COOKIE_NAME', h.csrfCookieName, 'a cookie name (letters, digits, _-.)');
  if (!HEADER_NAME.test(h.csrfHeaderName)) bad('CSRF_HEADER_NAME', h.csrfHeaderName, 'an HTTP header name such as X-CSRFToken');
  if (!h.refreshCookiePath.startsWith('/') || /[;\s]/.test(h.refreshCookiePath))
    bad('SIMPLE_JWT_AUTH_REFRESH_COOKIE_PATH', h.refreshCookiePath, 'a URL path starting with /');
  if (/[;\s]/.test(h.cookieDomain)) bad('SIMPLE_JWT_AUTH_COOKIE_DOMAIN', h.cookieDomain, 'a domain name');
  // Browsers drop a SameSite=None cookie that is not Secure: cookie mode would silently fail.
  if (h.refreshCookie && h.cookieSameSite === 'None' && !h.cookieSecure)
    bad('SIMPLE_JWT_AUTH_COOKIE_SECURE', h.cookieSecure, 'true when SIMPLE_JWT_AUTH_COOKIE_SAMESITE=None');
  return h;
}
