import type { Metrics } from './metrics.service';

/** Login and token endpoints by route pattern: Djoser's under /auth and the optional SimpleJWT / DRF mounts. */
const JWT_LOGIN = /(\/jwt\/create|^\/api\/token)$/;
const TOKEN_LOGIN = /(\/token\/login|^\/api-token-auth)$/;
const REFRESH = /(\/jwt\/refresh|^\/api\/token\/refresh)$/;
const VERIFY = /(\/jwt\/verify|^\/api\/token\/verify)$/;
/** django_rest_jwt_auth's mount (MOUNT_JWT_AUTH_URLS): no other route ends so. */
const JWT_AUTH_SIGNIN = /\/signin$/;
const JWT_AUTH_REFRESH = /\/refresh$/;

type EndpointKind = 'login' | 'jwt_auth_signin' | 'jwt_auth_refresh' | 'refresh' | 'verify' | 'other';

function kindOf(method: string, route: string): EndpointKind {
  if (method !== 'POST') return 'other';
  if (JWT_LOGIN.test(route) || TOKEN_LOGIN.test(route)) return 'login';
  if (JWT_AUTH_SIGNIN.test(route)) return 'jwt_auth_signin';
  if (JWT_AUTH_REFRESH.test(route) && !REFRESH.test(route)) return 'jwt_auth_refresh';
  if (REFRESH.test(route)) return 'refresh';
  if (VERIFY.test(route)) return 'verify';
  return 'other';
}

/** Route patterns are a fixed set: each (method, pattern) is classified once. */
const kinds = new Map<string, EndpointKind>();

/**
 * Counts logins and tokens from the answer of each request: the status code of
 * these endpoints says it all (200 with tokens, 400/401 without), so no view
 * needs metrics code. The `endpoint` label is the route pattern. Any other 401 on
 * a request that carried an Authorization header is a refused credential.
 */
export function countAuth(metrics: Metrics, route: string, method: string, status: number, hadAuthorization: boolean): void {
  const ok = status >= 200 && status < 300;
  const endpoint = route;
  const key = `${method} ${route}`;
  let kind = kinds.get(key);
  if (kind === undefined) kinds.set(key, (kind = kindOf(method, route)));
  switch (kind) {
    case 'login':
      if (ok) {
        metrics.logins.inc({ endpoint, result: 'succeeded' });
        metrics.tokensIssued.inc({ kind: JWT_LOGIN.test(route) ? 'jwt_pair' : 'drf_token' });
      } else if (status === 400 || status === 401) {
        metrics.logins.inc({ endpoint, result: 'failed' });
      }
      return;
    case 'jwt_auth_signin':
      if (ok) metrics.tokensIssued.inc({ kind: 'jwt_auth' });
      if (ok || status === 400 || status === 404) metrics.logins.inc({ endpoint, result: ok ? 'succeeded' : 'failed' });
      return;
    case 'jwt_auth_refresh':
      if (ok) metrics.tokensIssued.inc({ kind: 'jwt_auth' });
      else if (status === 400 || status === 404) metrics.tokensRefused.inc({ endpoint });
      return;
    case 'refresh':
      if (ok) metrics.tokensIssued.inc({ kind: 'jwt_access' });
      else if (status === 401) metrics.tokensRefused.inc({ endpoint });
      return;
    case 'verify':
      if (status === 401) metrics.tokensRefused.inc({ endpoint });
      return;
    default:
      if (status === 401 && hadAuthorization) metrics.tokensRefused.inc({ endpoint: 'authentication' });
  }
}
