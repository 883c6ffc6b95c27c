import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { Settings } from '../../config/settings';
import { constantTimeEquals } from '../../crypto/constant-time';
import { PermissionDenied } from '../../drf/exceptions';
import { isPyDict, type PyValue } from '../../drf/parsing/python-value';
import type { DrfRequest } from '../../drf/request';

/**
 * Optional cookie mode for browser apps (off unless SIMPLE_JWT_AUTH_REFRESH_COOKIE
 * names a cookie): the refresh token lives in an HttpOnly cookie scoped to the
 * jwt/ path, so page scripts never see it. A request that authenticates with that
 * cookie must repeat the readable CSRF cookie in a header (double submit), because
 * the browser attaches the cookie to cross-site requests too. A `refresh` in the body
 * is not cookie-authenticated and works exactly as without cookie mode.
 */
type Hardening = Settings['hardening'];

/** Django's CsrfViewMiddleware reasons (4.1 wording), prefixed as DRF's SessionAuthentication does. */
export const CSRF_NO_COOKIE = 'CSRF Failed: CSRF cookie not set.';
export const CSRF_MISSING = 'CSRF Failed: CSRF token missing.';
export const CSRF_INCORRECT = 'CSRF Failed: CSRF token incorrect.';

export const cookieMode = (s: Settings): boolean => s.hardening.refreshCookie !== '';

/**
 * The Cookie header as a map. The first occurrence of a name wins: browsers send the
 * cookie with the most specific Path first, which defeats a broader cookie planted
 * by a sibling subdomain.
 */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (name && !out.has(name)) out.set(name, value);
  }
  return out;
}

/**
 * The refresh token to use when it comes from the cookie (CSRF checked), or null when
 * the body is to be read as usual (cookie mode off, `refresh` given in the body, or no
 * cookie: then the serializer answers its usual "This field is required.").
 */
export function refreshFromCookie(req: DrfRequest, data: PyValue, settings: Settings): string | null {
  if (!cookieMode(settings)) return null;
  if (isPyDict(data) && Object.prototype.hasOwnProperty.call(data, 'refresh')) return null;
  const h = settings.hardening;
  const cookies = parseCookies(req.headers.cookie);
  const refresh = cookies.get(h.refreshCookie);
  if (!refresh) return null;
  enforceCsrf(req, cookies, h);
  return refresh;
}

function enforceCsrf(req: DrfRequest, cookies: Map<string, string>, h: Hardening): void {
  const expected = cookies.get(h.csrfCookieName);
  if (!expected) throw PermissionDenied(CSRF_NO_COOKIE);
  const given = req.headers[h.csrfHeaderName.toLowerCase()];
  const text = Array.isArray(given) ? given[0] : given;
  if (!text) throw PermissionDenied(CSRF_MISSING);
  if (!constantTimeEquals(text, expected)) throw PermissionDenied(CSRF_INCORRECT);
}

function cookie(name: string, value: string, maxAge: number, path: string, h: Hardening, httpOnly: boolean): string {
  const parts = [`${name}=${value}`, `Max-Age=${maxAge}`, `Path=${path}`];
  if (h.cookieDomain) parts.push(`Domain=${h.cookieDomain}`);
  if (httpOnly) parts.push('HttpOnly');
  if (h.cookieSecure) parts.push('Secure');
  parts.push(`SameSite=${h.cookieSameSite}`);
  return parts.join('; ');
}

/** Sets the refresh cookie (lifetime = refresh lifetime) and a fresh readable CSRF cookie. */
export function setRefreshCookies(reply: FastifyReply, settings: Settings, refresh: string): void {
  const h = settings.hardening;
  const maxAge = settings.simpleJwt.refreshTokenLifetime;
  const csrf = randomBytes(32).toString('base64url');
  reply.header('Set-Cookie', [
    cookie(h.refreshCookie, refresh, maxAge, h.refreshCookiePath, h, true),
    cookie(h.csrfCookieName, csrf, maxAge, '/', h, false),
  ]);
}

/** Expires the refresh cookie (after blacklisting it). */
export function clearRefreshCookie(reply: FastifyReply, settings: Settings): void {
  const h = settings.hardening;
  reply.header('Set-Cookie', cookie(h.refreshCookie, '""', 0, h.refreshCookiePath, h, true));
}

/** In cookie mode the refresh token never travels in a response body. */
export function withoutRefresh<T extends { access: string; refresh?: string }>(answer: T): { access: string } {
  return { access: answer.access };
}
