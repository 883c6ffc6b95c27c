import { config } from './config';

/**
 * Where the tokens live. JWT mode keeps both in sessionStorage (what most Djoser SPAs
 * do). Cookie mode keeps the access token in memory only: the refresh token is an
 * httpOnly cookie the page never sees, and a reload gets a new access token from it.
 */
const memory = new Map<string, string>();
const store = {
  get: (k: string) => (config.mode === 'cookie' ? memory.get(k) : sessionStorage.getItem(k)) ?? undefined,
  set: (k: string, v: string | undefined) => {
    if (config.mode === 'cookie') {
      if (v === undefined) memory.delete(k);
      else memory.set(k, v);
    } else if (v === undefined) sessionStorage.removeItem(k);
    else sessionStorage.setItem(k, v);
  },
};

export const tokens = {
  get access(): string | undefined {
    return store.get('access');
  },
  set access(v: string | undefined) {
    store.set('access', v);
    // a JWT access token (password login, refresh)
    sessionStorage.removeItem('scheme');
  },
  get refresh(): string | undefined {
    return store.get('refresh');
  },
  set refresh(v: string | undefined) {
    store.set('refresh', v);
  },
  /** `Bearer` (JWT), or `Token` after a passkey login (Djoser's webauthn/login/ answers a DRF token). */
  get scheme(): string {
    return sessionStorage.getItem('scheme') ?? 'Bearer';
  },
  useDrfToken(key: string): void {
    store.set('access', key);
    store.set('refresh', undefined);
    sessionStorage.setItem('scheme', 'Token');
  },
  /** How many times the access token was refreshed (shown on the page). */
  get refreshes(): number {
    return Number(sessionStorage.getItem('refreshes') ?? '0');
  },
  set refreshes(n: number) {
    sessionStorage.setItem('refreshes', String(n));
  },
  clear(): void {
    store.set('access', undefined);
    store.set('refresh', undefined);
    sessionStorage.removeItem('scheme');
  },
};
