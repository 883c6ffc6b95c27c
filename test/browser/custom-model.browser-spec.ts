import type { Browser } from 'playwright-core';
import { act, buildSpa, eventually, fill, launchChromium, linkIn, screenshots, SpaOnOurServer, startSpaOnOurServer } from './support';

/**
 * The example SPA on a described user model (issue 19): our server with djoser-ref's custom user
 * (AUTH_USER_MODEL_FILE: e-mail login, first_name required). The page reads the model from the
 * server's OpenAPI document (no `?login=`): its sign-up form has first_name, it logs in by e-mail and
 * changes the e-mail through set_email/. Links are read from the mails the SMTP sink received.
 */
const SPA_PORT = 8901;
const MODEL_FILE = `${__dirname}/../conformance/fixtures/custom-user-model.json`;

let browser: Browser;
let ours: SpaOnOurServer;

beforeAll(async () => {
  buildSpa();
  browser = await launchChromium();
  ours = await startSpaOnOurServer(SPA_PORT, { AUTH_USER_MODEL_FILE: MODEL_FILE });
});
afterAll(async () => {
  await ours?.close();
  await browser?.close();
});

describe('the SPA on a custom user model (read from the OpenAPI document)', () => {
  it('signs up with first_name, activates from the mailbox, logs in by e-mail, shows users/me/, changes the e-mail with set_email/', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const shot = screenshots(page, 'custom-model');
    const user = { email: 'nora@example.com', first_name: 'Nora', password: 'Saffron-River-Kite-5' };
    const { t, origin, mailText } = ours;
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
