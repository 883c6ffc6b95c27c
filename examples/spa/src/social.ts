import { request } from './api';
import { config } from './config';
import { go } from './router';
import { tokens } from './tokens';
import { showError } from './ui';

/**
 * Djoser's social login (auth/o/{provider}/): `?social=google-oauth2,github` lists the
 * providers the server has (kept for the tab like the other settings). The provider sends
 * the user back to /social/{provider}/callback?code=...&state=..., which posts both.
 */
function providers(): string[] {
  const given = new URLSearchParams(location.search).get('social');
  if (given !== null) sessionStorage.setItem('config.social', given);
  return (given ?? sessionStorage.getItem('config.social') ?? '').split(',').filter(Boolean);
}

const callbackUri = (provider: string) => `${location.origin}/social/${provider}/callback`;

/** "Sign in with ..." buttons for the login page. */
export function socialButtons(): string {
  return providers()
    .map((p) => `<button type="button" class="social" data-provider="${p}">Sign in with ${p}</button>`)
    .join('');
}

export function wireSocialButtons(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('button.social')) {
    button.addEventListener('click', async () => {
      const p = button.dataset.provider!;
      const res = await request<{ authorization_url: string }>('GET', `/auth/o/${p}/?redirect_uri=${encodeURIComponent(callbackUri(p))}`);
      if (res.status !== 200) return showError(res);
      location.assign(res.data.authorization_url);
    });
  }
}

/** The provider's redirect back: true when this page was one (it then logs in or shows why not). */
export async function socialCallback(): Promise<boolean> {
  const m = /^\/social\/([\w-]+)\/callback\/?$/.exec(location.pathname);
  if (!m) return false;
  const query = new URLSearchParams(location.search);
  const params = new URLSearchParams();
  for (const k of ['code', 'state', 'error', 'error_description']) if (query.has(k)) params.set(k, query.get(k)!);
  const res = await request<{ access: string; refresh?: string }>('POST', `/auth/o/${m[1]}/?${params}`);
  if (res.status !== 201) {
    showError(res);
    return true;
  }
  tokens.access = res.data.access;
  if (config.mode === 'jwt') tokens.refresh = res.data.refresh;
  go('profile');
  return true;
}
