import type { Metrics } from './metrics.service';

/** The endpoints whose answers are logins or token operations, by route pattern tail. */
const LOGIN = /\/(jwt\/create|token\/login)$/;
const REFRESH = /\/jwt\/refresh$/;
const VERIFY = /\/jwt\/verify$/;

/**
 * Counts logins and tokens from the answer of each request: the status code of
 * these endpoints says it all (Djoser and SimpleJWT answer 200 with tokens, 400/401
 * without), so no view needs metrics code. Any other 401 on a request that carried
 * an Authorization header is a refused credential.
 */
export function countAuth(metrics: Metrics, route: string, method: string, status: number, hadAuthorization: boolean): void {
  if (method !== 'POST' && status !== 401) return;
  const login = LOGIN.exec(route);
  if (login && method === 'POST') {
    const endpoint = login[1];
    if (status >= 200 && status < 300) {
      metrics.logins.inc({ endpoint, result: 'succeeded' });
      metrics.tokensIssued.inc({ kind: endpoint === 'jwt/create' ? 'jwt_pair' : 'drf_token' });
    } else if (status === 400 || status === 401) {
      metrics.logins.inc({ endpoint, result: 'failed' });
    }
    return;
  }
  if (REFRESH.test(route) && method === 'POST') {
    if (status >= 200 && status < 300) metrics.tokensIssued.inc({ kind: 'jwt_access' });
    else if (status === 401) metrics.tokensRefused.inc({ endpoint: 'jwt/refresh' });
    return;
  }
  if (VERIFY.test(route) && method === 'POST') {
    if (status === 401) metrics.tokensRefused.inc({ endpoint: 'jwt/verify' });
    return;
  }
  if (status === 401 && hadAuthorization) metrics.tokensRefused.inc({ endpoint: 'authentication' });
}
