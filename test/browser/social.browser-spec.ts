import type { Server } from 'http';
import type { Browser } from 'playwright-core';
import { startOidcProvider, type OidcProvider } from '../support/oidc-provider';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildSpa, closeServer, launchChromium, screenshots, serveSpa } from './support';

/**
 * "Sign in with ..." in the example SPA, in Chromium: the SPA's button, the real OpenID
 * Connect provider's login and consent pages (oidc-provider on loopback), the redirect back
 * to the SPA, its POST auth/o/{provider}/, the tokens and users/me/ on the profile page.
 */
const SPA_PORT = 18903;
const PROVIDER_PORT = 18904;
const SPA = `http://127.0.0.1:${SPA_PORT}`;
const CALLBACK = `${SPA}/social/testidp/callback`;

let browser: Browser;
let op: OidcProvider;
let t: TestApp;
let spa: Server;

beforeAll(async () => {
  buildSpa();
  op = await startOidcProvider(PROVIDER_PORT, [CALLBACK]);
  t = await startTestApp({
    DJOSER_SOCIAL_AUTH_ALLOWED_REDIRECT_URIS: CALLBACK,
    SOCIAL_AUTH_OIDC_TESTIDP_ISSUER: op.issuer,
    SOCIAL_AUTH_OIDC_TESTIDP_KEY: op.clientId,
    SOCIAL_AUTH_OIDC_TESTIDP_SECRET: op.clientSecret,
  });
  // the SPA's own server passes /auth/ to the API: the state cookie is first-party
  spa = await serveSpa(SPA_PORT, t.url);
  browser = await launchChromium();
}, 120000);

afterAll(async () => {
  await browser?.close();
  if (spa) await closeServer(spa);
  await t?.close();
  await op?.stop();
});

it('signs in with the provider and lands on the profile from users/me/', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const shot = screenshots(page, 'social-login');
  const calls: string[] = [];
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/auth/')) calls.push(`${r.request().method()} ${url.origin === SPA ? '' : url.origin}${url.pathname} ${r.status()}`);
  });

  await page.goto(`${SPA}/?social=testidp#/login`);
  await page.click('button.social:has-text("Sign in with testidp")');
  // the provider's own login page
  await page.waitForURL((u) => u.origin === op.issuer);
  await shot('provider-login');
  await page.fill('input[name=login]', 'olivia');
  await page.fill('input[name=password]', 'anything');
  await page.click('button[type=submit]');
  // its consent page
  await page.waitForSelector('button:has-text("Continue")');
  await page.click('button:has-text("Continue")');
  await page.waitForSelector('#profile-username');
  await shot('profile');

  expect(await page.textContent('#profile-username')).toBe('olivia');
  expect(await page.textContent('body')).toContain('olivia@example.com');
  expect(calls).toEqual(expect.arrayContaining(['GET /auth/o/testidp/ 200', 'POST /auth/o/testidp/ 201', 'GET /auth/users/me/ 200']));
  const stored = (await page.evaluate("sessionStorage.getItem('access')")) as string;
  const me = await fetch(`${t.url}/auth/users/me/`, { headers: { Authorization: `Bearer ${stored}` } });
  expect(((await me.json()) as { username: string }).username).toBe('olivia');
  await context.close();
});
