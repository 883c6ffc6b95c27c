/**
 * Routes come from the hash (`#/activate/{uid}/{token}`, Djoser's default
 * ACTIVATION_URL) or, when there is none, from the path (`/activate/{uid}/{token}`,
 * for servers configured with path URLs; the static server falls back to index.html).
 */
export interface Route {
  name: 'home' | 'signup' | 'activate' | 'login' | 'profile' | 'reset' | 'reset-confirm' | 'passkey' | 'not-found';
  params: Record<string, string>;
}

const PATTERNS: Array<[Route['name'], RegExp, string[]]> = [
  ['home', /^$/, []],
  ['signup', /^signup\/?$/, []],
  ['activate', /^activate\/([^/]+)\/([^/]+)\/?$/, ['uid', 'token']],
  ['login', /^login\/?$/, []],
  ['profile', /^profile\/?$/, []],
  ['reset', /^password\/reset\/?$/, []],
  ['reset-confirm', /^password\/reset\/confirm\/([^/]+)\/([^/]+)\/?$/, ['uid', 'token']],
  ['passkey', /^passkey\/(signup|login|add)\/?$/, ['action']],
];

export function currentRoute(): Route {
  const hash = location.hash.replace(/^#\/?/, '');
  const path = hash || location.pathname.replace(/^\/+/, '');
  for (const [name, re, keys] of PATTERNS) {
    const m = re.exec(path);
    if (m) return { name, params: Object.fromEntries(keys.map((k, i) => [k, decodeURIComponent(m[i + 1])])) };
  }
  return { name: 'not-found', params: {} };
}

export function go(path: string): void {
  if (location.pathname !== '/') location.assign(`/#/${path}`);
  else location.hash = `#/${path}`;
}
