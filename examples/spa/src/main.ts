import { refreshAccess } from './api';
import { config } from './config';
import { currentRoute } from './router';
import { tokens } from './tokens';
import { clearStatus, setSession } from './ui';
import { render } from './views';

function session(): void {
  setSession(`${config.mode} mode · ${config.api || location.origin} · ${tokens.access ? 'logged in' : 'logged out'} · access refreshed ${tokens.refreshes}×`);
}

async function show(): Promise<void> {
  clearStatus();
  await render(currentRoute());
  session();
}

async function start(): Promise<void> {
  // cookie mode: the access token lives in memory, so a fresh page asks the cookie for one
  if (config.mode === 'cookie' && !tokens.access) await refreshAccess();
  window.addEventListener('hashchange', () => void show());
  new MutationObserver(session).observe(document.body, { subtree: true, childList: true, characterData: true });
  await show();
  document.body.dataset.ready = 'true';
}

void start();
