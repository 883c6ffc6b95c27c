import type { Server } from 'http';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/test-app';
import { buildSpa, closeServer, launchChromium, screenshots, serveSpa } from './support';

/**
 * Passkeys in the example SPA (examples/spa/src/passkeys.ts), in Debian's Chromium with the
 * DevTools protocol's virtual authenticator (a CTAP2 platform authenticator with resident
 * keys, presence and verification simulated): sign up with a passkey through Djoser's
 * webauthn/ endpoints, log in with the username and without one, and add a passkey to an
 * account that was made with a password. The page is served on http://localhost:<port>
 * (the RP ID) and reaches our server through its /auth/ proxy.
 */
const SPA_PORT = 18931;
const ORIGIN = `http://localhost:${SPA_PORT}`;

let browser: Browser;
let t: TestApp;
let spa: Server;

beforeAll(async () => {
  buildSpa();
  browser = await launchChromium();
  t = await startTestApp({ WEBAUTHN_RP_ID: 'localhost', WEBAUTHN_RP_NAME: 'SPA example', WEBAUTHN_ORIGIN: ORIGIN });
  spa = await serveSpa(SPA_PORT, t.url);
});
afterAll(async () => {
  await browser?.close();
  if (spa) await closeServer(spa);
  await t?.close();
});

/** Runs `action`, waits for the status line (or `selector`) and returns what the page says. */
async function act(page: Page, action: () => Promise<unknown>, selector = '#message:not(:empty), #errors:not(:empty)'): Promise<string> {
  await page.evaluate("document.getElementById('message').textContent = document.getElementById('errors').textContent = ''");
  await action();
  await page.waitForSelector(selector);
  const errors = await page.textContent('#errors');
  return errors ? `ERROR: ${errors}` : ((await page.textContent('#message')) ?? '');
}

async function virtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; id: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { cdp, id: authenticatorId };
}

const profileName = async (page: Page) => {
  await page.waitForSelector('#profile-username');
  return page.textContent('#profile-username');
};

it('signs up with a passkey, logs in with it (username, then discoverable), adds one to a password account', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const shot = screenshots(page, 'passkeys');
  const calls: string[] = [];
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/auth/')) calls.push(`${r.request().method()} ${path.replace(/signup\/[A-Za-z0-9]+\//, 'signup/{ukey}/')} ${r.status()}`);
  });
  try {
    const { cdp, id } = await virtualAuthenticator(page);

    await page.goto(`${ORIGIN}/#/passkey/signup`);
    for (const [name, value] of Object.entries({ username: 'pk-alice', email: 'alice@example.com', display_name: 'Alice' }))
      await page.fill(`#passkey-signup-form input[name=${name}]`, value);
    expect(await act(page, () => page.click('button:has-text("Create account with a passkey")'))).toBe(
      'Account created for pk-alice with a passkey. You can log in with it now.',
    );
    await shot('signed-up');
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId: id });
    expect(credentials).toHaveLength(1);
    expect(credentials[0].isResidentCredential).toBe(true);
    const [row] = await t.app.get(DataSource).query(
      "SELECT co.credential_id, co.sign_count FROM webauthn_credentialoptions co JOIN auth_user u ON u.id = co.user_id WHERE u.username = 'pk-alice'",
    );
    expect(Buffer.from(row.credential_id, 'base64url').toString('base64')).toBe(credentials[0].credentialId);

    await page.goto(`${ORIGIN}/#/passkey/login`);
    await page.fill('#passkey-login-form input[name=username]', 'pk-alice');
    await page.click('button:has-text("Log in with a passkey")');
    expect(await profileName(page)).toBe('pk-alice');
    expect(await page.textContent('#profile-email')).toBe('alice@example.com');
    await shot('logged-in-with-username');

    await page.evaluate('sessionStorage.clear()');
    await page.goto(`${ORIGIN}/#/passkey/login`);
    await page.click('#passkey-discoverable');
    expect(await profileName(page)).toBe('pk-alice');
    await shot('logged-in-discoverable');

    // an account made with a password gets a passkey once logged in
    const bob = await fetch(`${t.url}/auth/users/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'pk-bob', email: 'bob@example.com', password: 'Cobalt-Lantern-42' }),
    });
    expect(bob.status).toBe(201);
    await page.evaluate('sessionStorage.clear()');
    await page.goto(`${ORIGIN}/#/login`);
    await page.fill('#login-form input[name=username]', 'pk-bob');
    await page.fill('#login-form input[name=password]', 'Cobalt-Lantern-42');
    await page.click('#login-form button');
    expect(await profileName(page)).toBe('pk-bob');
    await page.goto(`${ORIGIN}/#/passkey/add`);
    expect(await act(page, () => page.click('button:has-text("Add a passkey")'))).toBe('Passkey added. You can log in with it now.');
    await shot('passkey-added');
    expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId: id })).credentials).toHaveLength(2);

    await page.evaluate('sessionStorage.clear()');
    await page.goto(`${ORIGIN}/#/passkey/login`);
    await page.fill('#passkey-login-form input[name=username]', 'pk-bob');
    await page.click('button:has-text("Log in with a passkey")');
    expect(await profileName(page)).toBe('pk-bob');
    await shot('bob-logged-in-with-passkey');

    // an unknown username: Djoser's 400 on the page, no ceremony
    await page.goto(`${ORIGIN}/#/passkey/login`);
    await page.fill('#passkey-login-form input[name=username]', 'nobody');
    expect(await act(page, () => page.click('button:has-text("Log in with a passkey")'))).toBe('ERROR: username: Unable to log in with provided credentials.');

    expect(calls.filter((c) => c.includes('/webauthn/'))).toEqual([
      'POST /auth/webauthn/signup_request/ 200',
      'POST /auth/webauthn/signup/{ukey}/ 201',
      'POST /auth/webauthn/login_request/ 200',
      'POST /auth/webauthn/login/ 201',
      'POST /auth/webauthn/discoverable_login_request/ 200',
      'POST /auth/webauthn/discoverable_login/ 201',
      'POST /auth/webauthn/add_request/ 200',
      'POST /auth/webauthn/add/ 201',
      'POST /auth/webauthn/login_request/ 200',
      'POST /auth/webauthn/login/ 201',
      'POST /auth/webauthn/login_request/ 400',
    ]);
    // the virtual authenticator's counters reached the server
    const counts = await t.app.get(DataSource).query(
      'SELECT username, sign_count FROM webauthn_credentialoptions ORDER BY username',
    );
    expect(counts).toEqual([
      { username: 'pk-alice', sign_count: expect.any(Number) },
      { username: 'pk-bob', sign_count: expect.any(Number) },
    ]);
  } finally {
    await context.close();
  }
});
