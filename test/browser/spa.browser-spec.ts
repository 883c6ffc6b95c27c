import type { Server } from 'http';
import type { Browser } from 'playwright-core';
import { startTestApp, TestApp } from '../support/test-app';
import { act, buildSpa, closeServer, eventually, fill, launchChromium, linkIn, Reference, screenshots, serveSpa, SpaOnOurServer, startSpaOnOurServer } from './support';

/**
 * The example SPA (examples/spa) driven in Debian's Chromium through a user's whole
 * journey, with the links read from the e-mails the server really sent. Once against
 * our server (cross-origin: the SPA on its own port, through CORS) and once against
 * djoser-ref (which has no CORS middleware: the SPA's server proxies /auth/ to it, so
 * the page calls it from its own origin). Same app, same steps.
 */
const SPA_PORT = 19050;
const REF_SPA_PORT = 19051;
const REF_PORT = 19052;
const COOKIE_SPA_PORT = 19053;
const ACCESS_LIFETIME_S = 3;

interface Backend {
  /** The SPA's start URL (with `?api=` when the API is on another origin). */
  start: string;
  /** API base the test itself uses to check what the page did. */
  api: string;
  mailText(): Promise<string>;
  /** Whether the server mounts SimpleJWT's blacklist view (Djoser's urls do not). */
  blacklists: boolean;
}

async function journey(browser: Browser, b: Backend, run: string): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const shot = screenshots(page, run);
  const calls: string[] = [];
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/auth/')) calls.push(`${r.request().method()} ${path} ${r.status()}`);
  });
  const seen = new Set<string>();
  const nextLink = (marker: string) =>
    eventually(async () => {
      const link = linkIn((await b.mailText()).split('\n').filter((l) => !seen.has(linkIn(l, marker) ?? '')).join('\n'), marker);
      if (link) seen.add(link);
      return link;
    }, `an e-mail with a ${marker} link`);
  const user = { username: 'spa-alice', email: 'alice@example.com', password: 'Cobalt-Lantern-42' };
  const spa = (route: string) => `${b.start}#/${route}`;

  try {
    await page.goto(spa('signup'));
    expect(await act(page, () => fill(page, 'signup-form', user, 'Create account'))).toBe(`Account created for ${user.email}. Open the link in the e-mail we sent to activate it.`);
    await shot('signed-up');

    const activation = await nextLink('activate/');
    expect(new URL(activation).origin).toBe(new URL(b.start).origin);
    expect(await act(page, () => page.goto(activation))).toBe('Your account is active. You can log in now.');
    await shot('activated');

    await page.goto(spa('login'));
    await fill(page, 'login-form', { username: user.username, password: user.password }, 'Log in');
    await page.waitForSelector('#profile-username');
    expect(await page.textContent('#profile-username')).toBe(user.username);
    expect(await page.textContent('#profile-email')).toBe(user.email);
    await shot('logged-in-profile');

    // the access token expires; the next call answers 401 token_not_valid, the page refreshes and retries
    await page.waitForTimeout(ACCESS_LIFETIME_S * 1000 + 1200);
    calls.length = 0;
    await page.click('#reload');
    await page.waitForSelector('#session:has-text("access refreshed 1×")');
    expect(calls).toEqual(['GET /auth/users/me/ 401', 'POST /auth/jwt/refresh/ 200', 'GET /auth/users/me/ 200']);
    expect(await page.textContent('#profile-username')).toBe(user.username);
    await shot('refreshed-profile');

    const newEmail = 'alice.new@example.com';
    // Djoser (SEND_ACTIVATION_EMAIL) deactivates the account until the new address is confirmed
    expect(await act(page, () => fill(page, 'email-form', { email: newEmail }, 'Change e-mail'))).toBe(
      `E-mail changed to ${newEmail}. Open the activation link we sent there, then log in again.`,
    );
    await shot('email-changed');
    const reactivation = await nextLink('activate/');
    expect(await act(page, () => page.goto(reactivation))).toBe('Your account is active. You can log in now.');
    await page.goto(spa('login'));
    await fill(page, 'login-form', { username: user.username, password: user.password }, 'Log in');
    await page.waitForSelector('#profile-email');
    expect(await page.textContent('#profile-email')).toBe(newEmail);
    await shot('reactivated-profile');

    const newPassword = 'Quiet-Harbor-Mist-7';
    expect(await act(page, () => fill(page, 'password-form', { current_password: user.password, new_password: newPassword }, 'Change password'))).toBe(
      'Password changed.',
    );
    await shot('password-changed');

    const refresh = await page.evaluate<string | null>("sessionStorage.getItem('refresh')");
    const loggedOut = await act(page, () => page.click('#logout'));
    if (b.blacklists) {
      expect(loggedOut).toBe('Logged out: the refresh token is blacklisted.');
      const reuse = await fetch(`${b.api}/auth/jwt/refresh/`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refresh }) });
      expect(reuse.status).toBe(401);
    } else {
      expect(loggedOut).toBe('Logged out: this server has no blacklist endpoint, the tokens were discarded.');
    }
    expect(await page.evaluate<string | null>("sessionStorage.getItem('access')")).toBeNull();
    await shot('logged-out');

    await page.goto(spa('password/reset'));
    expect(await act(page, () => fill(page, 'reset-form', { email: newEmail }, 'Send reset link'))).toBe('If an account uses this address, we sent it a reset link.');
    await shot('reset-requested');

    const reset = await nextLink('password/reset/confirm/');
    await page.goto(reset);
    const resetPassword = 'Velvet-Canyon-Echo-9';
    expect(await act(page, () => fill(page, 'reset-confirm-form', { new_password: resetPassword }, 'Set password'))).toBe(
      'Your password is reset. You can log in now.',
    );
    await shot('password-reset');

    await page.goto(spa('login'));
    expect(await act(page, () => fill(page, 'login-form', { username: user.username, password: newPassword }, 'Log in'))).toBe(
      'ERROR: No active account found with the given credentials',
    );
    await fill(page, 'login-form', { username: user.username, password: resetPassword }, 'Log in');
    await page.waitForSelector('#profile-email');
    expect(await page.textContent('#profile-email')).toBe(newEmail);
    await shot('logged-in-after-reset');
  } catch (e) {
    await shot('failure').catch(() => undefined);
    throw new Error(`${(e as Error).message}\nAPI calls since the last reload:\n${calls.join('\n')}\npage: ${await page.textContent('body').catch(() => '')}`);
  } finally {
    await context.close();
  }
}

let browser: Browser;
beforeAll(async () => {
  buildSpa();
  browser = await launchChromium();
});
afterAll(() => browser?.close());

describe('the SPA against our server (cross-origin, CORS)', () => {
  let ours: SpaOnOurServer;

  beforeAll(async () => {
    ours = await startSpaOnOurServer(SPA_PORT, { SIMPLE_JWT_ACCESS_TOKEN_LIFETIME: String(ACCESS_LIFETIME_S) });
  });
  afterAll(() => ours.close());

  it('signs up, activates from the e-mail, logs in, refreshes, changes e-mail and password, logs out, resets the password', async () => {
    await journey(
      browser,
      {
        start: `${ours.origin}/?api=${encodeURIComponent(ours.t.url)}`,
        api: ours.t.url,
        mailText: async () => ours.mailText(),
        blacklists: true,
      },
      'our-server',
    );
  });
});

describe('the same SPA against djoser-ref (same origin through a proxy)', () => {
  const ref = new Reference(REF_PORT, {
    REF_DOMAIN: `127.0.0.1:${REF_SPA_PORT}`,
    REF_ACCESS_TOKEN_LIFETIME_S: String(ACCESS_LIFETIME_S),
    REF_WORKERS: '1',
  });
  let spa: Server;

  beforeAll(async () => {
    await ref.start();
    spa = await serveSpa(REF_SPA_PORT, ref.url);
  });
  afterAll(async () => {
    await closeServer(spa);
    await ref.stop();
  });

  it('runs the same journey; logout discards the tokens (no blacklist endpoint in Djoser)', async () => {
    await journey(browser, { start: `http://127.0.0.1:${REF_SPA_PORT}/`, api: ref.url, mailText: () => ref.mailText(), blacklists: false }, 'djoser-ref');
  });
});

/**
 * Cookie mode (SIMPLE_JWT_AUTH_REFRESH_COOKIE): the refresh token is an HttpOnly
 * cookie the page never sees, the access token lives in memory only, a reload gets a
 * new one from the cookie (with the CSRF double-submit header), logout blacklists it.
 */
describe('the SPA in cookie mode against our server', () => {
  let t: TestApp;
  let spa: Server;
  const origin = `http://127.0.0.1:${COOKIE_SPA_PORT}`;

  beforeAll(async () => {
    t = await startTestApp({
      SIMPLE_JWT_AUTH_REFRESH_COOKIE: 'refresh_token',
      // plain http on the loopback in the test; Secure stays the default in production
      SIMPLE_JWT_AUTH_COOKIE_SECURE: 'false',
      CORS_ALLOWED_ORIGINS: origin,
      CORS_ALLOW_CREDENTIALS: 'true',
      SIMPLE_JWT_ACCESS_TOKEN_LIFETIME: String(ACCESS_LIFETIME_S),
    });
    spa = await serveSpa(COOKIE_SPA_PORT);
  });
  afterAll(async () => {
    await closeServer(spa);
    await t.close();
  });

  it('logs in, survives a reload through the cookie, refreshes on expiry, logs out', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const shot = screenshots(page, 'cookie-mode');
    const calls: string[] = [];
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/auth/') && r.request().method() !== 'OPTIONS') calls.push(`${r.request().method()} ${path} ${r.status()}`);
    });
    const user = { username: 'spa-carol', email: 'carol@example.com', password: 'Amber-Falcon-Road-3' };
    try {
      await page.goto(`${origin}/?api=${encodeURIComponent(t.url)}&mode=cookie#/signup`);
      expect(await act(page, () => fill(page, 'signup-form', user, 'Create account'))).toBe(
        `Account created for ${user.email}. Open the link in the e-mail we sent to activate it.`,
      );
      await page.goto(`${origin}/#/login`);
      await fill(page, 'login-form', { username: user.username, password: user.password }, 'Log in');
      await page.waitForSelector('#profile-username');
      await shot('cookie-logged-in');

      const jar = await context.cookies(`${t.url}/auth/jwt/`);
      expect(jar.find((c) => c.name === 'refresh_token')).toMatchObject({ httpOnly: true, path: '/auth/jwt/' });
      expect(await page.evaluate<string>('document.cookie')).not.toContain('refresh_token');
      expect(await page.evaluate<string>('JSON.stringify(Object.keys(sessionStorage))')).not.toMatch(/access|refresh"/);

      calls.length = 0;
      await page.reload();
      await page.waitForSelector('#profile-username');
      expect(calls).toEqual(['POST /auth/jwt/refresh/ 200', 'GET /auth/users/me/ 200']);
      await shot('cookie-after-reload');

      await page.waitForTimeout(ACCESS_LIFETIME_S * 1000 + 1200);
      calls.length = 0;
      await page.click('#reload');
      await page.waitForSelector('#session:has-text("access refreshed 2×")');
      expect(calls).toEqual(['GET /auth/users/me/ 401', 'POST /auth/jwt/refresh/ 200', 'GET /auth/users/me/ 200']);

      expect(await act(page, () => page.click('#logout'))).toBe('Logged out: the refresh token is blacklisted.');
      expect((await context.cookies(`${t.url}/auth/jwt/`)).find((c) => c.name === 'refresh_token')).toBeUndefined();
      await shot('cookie-logged-out');

      // a fresh page: the cookie is gone, so no access token and the profile asks for a login
      await page.goto(`${origin}/#/profile`);
      await page.reload();
      await page.waitForSelector('#errors:has-text("Authentication credentials were not provided.")');
      expect(await page.textContent('#app')).toContain('Log in first.');
    } catch (e) {
      await shot('failure').catch(() => undefined);
      throw new Error(`${(e as Error).message}\nAPI calls:\n${calls.join('\n')}`);
    } finally {
      await context.close();
    }
  });
});
