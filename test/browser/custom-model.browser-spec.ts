import type { Server } from 'http';
import type { Browser, Page } from 'playwright-core';
import { SmtpSink } from '../mail/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import { buildSpa, closeServer, eventually, launchChromium, linkIn, screenshots, serveSpa } from './support';

/**
 * The example SPA on a described user model (issue 19): our server with djoser-ref's custom user
 * (AUTH_USER_MODEL_FILE: e-mail login, first_name required). The page reads the model from the
 * server's OpenAPI document (no `?login=`): its sign-up form has first_name, it logs in by e-mail and
 * changes the e-mail through set_email/. Links are read from the mails the SMTP sink received.
 */
const SPA_PORT = 8901;
const MODEL_FILE = `${__dirname}/../conformance/fixtures/custom-user-model.json`;

async function act(page: Page, action: () => Promise<unknown>): Promise<string> {
  await page.evaluate("document.getElementById('message').textContent = document.getElementById('errors').textContent = ''");
  await action();
  await page.waitForFunction("document.getElementById('message').textContent || document.getElementById('errors').textContent");
  const errors = await page.textContent('#errors');
  return errors ? `ERROR: ${errors}` : ((await page.textContent('#message')) ?? '');
}

async function fill(page: Page, form: string, fields: Record<string, string>, button: string): Promise<void> {
  for (const [name, value] of Object.entries(fields)) await page.fill(`#${form} input[name=${name}]`, value);
  await page.click(`#${form} button:has-text("${button}")`);
}

let browser: Browser;
const sink = new SmtpSink();
let t: TestApp;
let spa: Server;
const origin = `http://127.0.0.1:${SPA_PORT}`;

beforeAll(async () => {
  buildSpa();
  browser = await launchChromium();
  await sink.start();
  t = await startTestApp({
    AUTH_USER_MODEL_FILE: MODEL_FILE,
    EMAIL_BACKEND: 'smtp',
    EMAIL_HOST: '127.0.0.1',
    EMAIL_PORT: String(sink.port),
    EMAIL_OUTBOX_POLL_INTERVAL_MS: '100',
    DJOSER_SEND_ACTIVATION_EMAIL: 'true',
    DOMAIN: `127.0.0.1:${SPA_PORT}`,
    CORS_ALLOWED_ORIGINS: origin,
  });
  spa = await serveSpa(SPA_PORT);
});
afterAll(async () => {
  await closeServer(spa);
  await t?.close();
  await sink.stop();
  await browser?.close();
});

describe('the SPA on a custom user model (read from the OpenAPI document)', () => {
  it('signs up with first_name, activates from the mailbox, logs in by e-mail, shows users/me/, changes the e-mail with set_email/', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const shot = screenshots(page, 'custom-model');
    const user = { email: 'nora@example.com', first_name: 'Nora', password: 'Saffron-River-Kite-5' };
    const mailText = () => sink.received.map((m) => m.text).join('\n');
    try {
      await page.goto(`${origin}/?api=${encodeURIComponent(t.url)}#/signup`);
      await page.waitForSelector('#signup-form');
      const inputs = await page.$$eval('#signup-form input', (els) => els.map((e) => `${e.getAttribute('name')}:${e.getAttribute('type')}:${e.hasAttribute('required')}`));
      expect(inputs).toEqual(['first_name:text:true', 'email:email:true', 'password:password:true']);
      expect(await act(page, () => fill(page, 'signup-form', user, 'Create account'))).toBe(`Account created for ${user.email}. Open the link in the e-mail we sent to activate it.`);
      await shot('signed-up');

      const activation = await eventually(() => linkIn(mailText(), 'activate/'), 'the activation mail');
      expect(await act(page, () => page.goto(activation))).toBe('Your account is active. You can log in now.');

      await page.goto(`${origin}/#/login`);
      await page.waitForSelector('#login-form input[name=email]');
      await fill(page, 'login-form', { email: user.email, password: user.password }, 'Log in');
      await page.waitForSelector('#profile-email');
      expect(await page.textContent('#profile-first_name')).toBe('Nora');
      expect(await page.textContent('#profile-email')).toBe(user.email);
      expect(await page.$('#profile-username')).toBeNull();
      await shot('profile');

      const newEmail = 'nora.new@example.com';
      expect(await act(page, () => fill(page, 'email-form', { new_email: newEmail, current_password: user.password }, 'Change e-mail'))).toBe(`E-mail changed to ${newEmail}.`);
      expect(await page.textContent('#profile-email')).toBe(newEmail);
      await shot('email-changed');
      const login = await fetch(`${t.url}/auth/jwt/create/`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: newEmail, password: user.password }) });
      expect(login.status).toBe(200);
    } catch (e) {
      await shot('failure').catch(() => undefined);
      throw new Error(`${(e as Error).message}\npage: ${await page.textContent('body').catch(() => '')}`);
    } finally {
      await context.close();
    }
  });
});
