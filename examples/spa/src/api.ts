import { config } from './config';
import { tokens } from './tokens';

export interface ApiResponse<T = unknown> {
  status: number;
  data: T;
}

/** Djoser error bodies: `{"detail": ...}`, `{"non_field_errors": [...]}` or `{"field": [...]}`. */
export function describeError(res: ApiResponse): string {
  const body = res.data;
  if (body && typeof body === 'object') {
    if ('detail' in body) return String((body as { detail: unknown }).detail);
    return Object.entries(body as Record<string, unknown>)
      .map(([field, msgs]) => `${field === 'non_field_errors' ? '' : `${field}: `}${Array.isArray(msgs) ? msgs.join(' ') : String(msgs)}`)
      .join('\n');
  }
  return `The server answered ${res.status}`;
}

function csrfToken(): string | undefined {
  return document.cookie
    .split('; ')
    .find((c) => c.startsWith('csrftoken='))
    ?.slice('csrftoken='.length);
}

/** One HTTP call to the API; JSON in and out. `body === undefined` sends no body at all. */
export async function request<T = unknown>(method: string, path: string, body?: unknown, auth = false): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (auth && tokens.access) headers.Authorization = `${tokens.scheme} ${tokens.access}`;
  const csrf = config.mode === 'cookie' ? csrfToken() : undefined;
  if (csrf) headers['X-CSRFToken'] = csrf;
  const res = await fetch(`${config.api}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    // the refresh cookie only travels with credentials (and CORS_ALLOW_CREDENTIALS on the server)
    credentials: config.mode === 'cookie' ? 'include' : 'same-origin',
  });
  const text = await res.text();
  let data: unknown = text;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON (e.g. Django's HTML 404 page): keep the text
  }
  return { status: res.status, data: data as T };
}

let refreshing: Promise<boolean> | undefined;

/** Gets a new access token from the refresh token (or cookie); concurrent callers share one refresh. */
export function refreshAccess(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      if (config.mode === 'jwt' && !tokens.refresh) return false;
      const res = await request<{ access: string; refresh?: string }>('POST', '/auth/jwt/refresh/', config.mode === 'jwt' ? { refresh: tokens.refresh } : undefined);
      if (res.status !== 200) return false;
      tokens.access = res.data.access;
      // with ROTATE_REFRESH_TOKENS the answer carries a new refresh token
      if (res.data.refresh && config.mode === 'jwt') tokens.refresh = res.data.refresh;
      tokens.refreshes += 1;
      return true;
    } finally {
      refreshing = undefined;
    }
  })();
  return refreshing;
}

function expiredToken(res: ApiResponse): boolean {
  return res.status === 401 && typeof res.data === 'object' && res.data !== null && (res.data as { code?: string }).code === 'token_not_valid';
}

/** An authenticated call: on 401 `token_not_valid` (access expired) refresh once and retry. */
export async function authed<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
  let res = await request<T>(method, path, body, true);
  if (expiredToken(res) && (await refreshAccess())) res = await request<T>(method, path, body, true);
  if (res.status === 401) tokens.clear();
  return res;
}
