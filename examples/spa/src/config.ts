/**
 * Run-time settings, read once from the query string and kept for the tab:
 * `?api=http://host:port` (the Djoser server; default VITE_API_URL, else same origin),
 * `?mode=cookie` (refresh token in an httpOnly cookie instead of the page),
 * `?login=email` (the server's Djoser LOGIN_FIELD, for servers without an OpenAPI document: model.ts).
 * They are kept in sessionStorage so that links from e-mails (which carry none of
 * them) still talk to the same server.
 */
export interface Config {
  api: string;
  mode: 'jwt' | 'cookie';
  loginField: 'username' | 'email';
}

function pick(name: string, fallback: string): string {
  const given = new URLSearchParams(location.search).get(name);
  if (given !== null) sessionStorage.setItem(`config.${name}`, given);
  return given ?? sessionStorage.getItem(`config.${name}`) ?? fallback;
}

export const config: Config = {
  api: pick('api', import.meta.env.VITE_API_URL ?? '').replace(/\/+$/, ''),
  mode: pick('mode', 'jwt') === 'cookie' ? 'cookie' : 'jwt',
  loginField: pick('login', 'username') === 'email' ? 'email' : 'username',
};
