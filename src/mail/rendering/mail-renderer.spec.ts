import { parseSettings } from '../../config/settings';
import type { DjoserEmailKind, DjoserEmailRequest, MailUser } from '../mail.types';
import { REFERENCE, REFERENCE_ENV, REFERENCE_UID, REFERENCE_USER } from '../../../test/mail/reference-mails';
import { MailRenderer } from './mail-renderer';

const renderer = (env: Record<string, string>) => new MailRenderer(parseSettings({ SECRET_KEY: 'unit-test-secret', ...env }));

const alice = REFERENCE_USER;
const bob: MailUser = { id: 7, username: 'bob.smith+x@y', email: 'bob@example.com', firstName: 'Bob', lastName: "O'Neil" };

function request(kind: DjoserEmailKind, user: MailUser, host: string, extra: Partial<DjoserEmailRequest> = {}): DjoserEmailRequest {
  return { kind, to: user.email, user, request: { host, secure: false }, ...extra };
}

describe('MailRenderer: the six Djoser e-mails', () => {
  const r = renderer(REFERENCE_ENV);
  it.each(Object.entries(REFERENCE))('%s is identical to the reference', (kind, { token, mail }) => {
    const extra = token ? { uid: REFERENCE_UID, token } : {};
    expect(r.render(request(kind as DjoserEmailKind, alice, '127.0.0.1:8840', extra))).toEqual(mail);
  });

  it('spec section 6: without DOMAIN/SITE_NAME the request host is domain and site name; the default URL gets a "/" before "#"', () => {
    const extra = { uid: 'MQ', token: 'dig6a0-f1a0d5db5bb30c4579eeb434c355bd16' };
    const mail = renderer({}).render(request('activation', { ...alice, id: 1 }, 'testserver', extra));
    const link = 'http://testserver/#/activate/MQ/dig6a0-f1a0d5db5bb30c4579eeb434c355bd16';
    expect(mail.subject).toBe('Account activation on testserver');
    expect(mail.text).toBe(
      `You're receiving this email because you need to finish activation process on testserver.\n\nPlease go to the following page to activate account:\n${link}\n\nThanks for using our site!\n\nThe testserver team`,
    );
    expect(mail.html).toBe(
      `<p>You're receiving this email because you need to finish activation process on testserver.</p>\n\n<p>Please go to the following page to activate account:</p>\n<p><a href="${link}">${link}</a></p>\n\n<p>Thanks for using our site!</p>\n\n<p>The testserver team</p>`,
    );
  });
});

/**
 * Rendered by Django 3.2 with Djoser 2.1's templates and the reference's mail class
 * (RequestFactory request, user pk 7 "bob.smith+x@y", O'Neil), settings as named.
 */
describe('MailRenderer: context and escaping like Djoser 2.1', () => {
  it('no DOMAIN/SITE_NAME: the host with its port is domain and site name', () => {
    const r = renderer({ DJOSER_ACTIVATION_URL: 'activate/{uid}/{token}' });
    const mail = r.render(request('activation', bob, 'api.local:8000', { uid: 'Nw', token: "diga87-fe0979c3aa7fe56eddead4ef54a63a44" }));
    expect(mail).toEqual({
      subject: "Account activation on api.local:8000",
      text: "You're receiving this email because you need to finish activation process on api.local:8000.\n\nPlease go to the following page to activate account:\nhttp://api.local:8000/activate/Nw/diga87-fe0979c3aa7fe56eddead4ef54a63a44\n\nThanks for using our site!\n\nThe api.local:8000 team",
      html: "<p>You're receiving this email because you need to finish activation process on api.local:8000.</p>\n\n<p>Please go to the following page to activate account:</p>\n<p><a href=\"http://api.local:8000/activate/Nw/diga87-fe0979c3aa7fe56eddead4ef54a63a44\">http://api.local:8000/activate/Nw/diga87-fe0979c3aa7fe56eddead4ef54a63a44</a></p>\n\n<p>Thanks for using our site!</p>\n\n<p>The api.local:8000 team</p>",
    });
  });

  it('a secure request: the host is the site name', () => {
    const mail = renderer({}).render({ ...request('confirmation', bob, 'api.local'), request: { host: 'api.local', secure: true } });
    expect(mail).toEqual({
      subject: "api.local - Your account has been successfully created and activated!",
      text: "Your account has been created and is ready to use!\n\nThanks for using our site!\n\nThe api.local team",
      html: "<p>Your account has been created and is ready to use!</p>\n\n<p>Thanks for using our site!</p>\n\n<p>The api.local team</p>",
    });
  });

  const URLS = {
    DOMAIN: 'd.example',
    SITE_NAME: 'S&S <x>',
    DJOSER_ACTIVATION_URL: "a?u={uid}&t={token}&n={user.username}&d={domain}&s={site_name}&p={protocol}&q='x'",
    DJOSER_PASSWORD_RESET_CONFIRM_URL: 'r?u={uid}&t={token}&n={user.username}&{{lit}}',
    DJOSER_USERNAME_RESET_CONFIRM_URL: 'n?u={uid}&t={token}&e={user.email}&f={user.first_name}',
  };

  it('activation: the URL setting is str.format-ted over the context; url is |safe in activation', () => {
    const mail = renderer(URLS).render(request('activation', bob, 'h', { uid: 'Nw', token: "diga87-fe0979c3aa7fe56eddead4ef54a63a44" }));
    expect(mail).toEqual({
      subject: "Account activation on S&amp;S &lt;x&gt;",
      text: "You're receiving this email because you need to finish activation process on S&amp;S &lt;x&gt;.\n\nPlease go to the following page to activate account:\nhttp://d.example/a?u=Nw&t=diga87-fe0979c3aa7fe56eddead4ef54a63a44&n=bob.smith+x@y&d=d.example&s=S&S <x>&p=http&q='x'\n\nThanks for using our site!\n\nThe S&amp;S &lt;x&gt; team",
      html: "<p>You're receiving this email because you need to finish activation process on S&amp;S &lt;x&gt;.</p>\n\n<p>Please go to the following page to activate account:</p>\n<p><a href=\"http://d.example/a?u=Nw&t=diga87-fe0979c3aa7fe56eddead4ef54a63a44&n=bob.smith+x@y&d=d.example&s=S&S <x>&p=http&q='x'\">http://d.example/a?u=Nw&t=diga87-fe0979c3aa7fe56eddead4ef54a63a44&n=bob.smith+x@y&d=d.example&s=S&S <x>&p=http&q='x'</a></p>\n\n<p>Thanks for using our site!</p>\n\n<p>The S&amp;S &lt;x&gt; team</p>",
    });
  });

  it('password_reset: the URL setting is str.format-ted over the context; url is escaped in the 2.1 reset templates', () => {
    const mail = renderer({ ...URLS, COMPAT_STACK: '2.1' }).render(request('password_reset', bob, 'h', { uid: 'Nw', token: "diga87-fe0979c3aa7fe56eddead4ef54a63a44" }));
    expect(mail).toEqual({
      subject: "Password reset on S&amp;S &lt;x&gt;",
      text: "You're receiving this email because you requested a password reset for your user account at S&amp;S &lt;x&gt;.\n\nPlease go to the following page and choose a new password:\nhttp://d.example/r?u=Nw&amp;t=diga87-fe0979c3aa7fe56eddead4ef54a63a44&amp;n=bob.smith+x@y&amp;{lit}\nYour username, in case you've forgotten: bob.smith+x@y\n\nThanks for using our site!\n\nThe S&amp;S &lt;x&gt; team",
      html: "<p>You're receiving this email because you requested a password reset for your user account at S&amp;S &lt;x&gt;.</p>\n\n<p>Please go to the following page and choose a new password:</p>\n<a href=\"http://d.example/r?u=Nw&amp;t=diga87-fe0979c3aa7fe56eddead4ef54a63a44&amp;n=bob.smith+x@y&amp;{lit}\">http://d.example/r?u=Nw&amp;t=diga87-fe0979c3aa7fe56eddead4ef54a63a44&amp;n=bob.smith+x@y&amp;{lit}</a>\n<p>Your username, in case you've forgotten: <b>bob.smith+x@y</b></p>\n\n<p>Thanks for using our site!</p>\n\n<p>The S&amp;S &lt;x&gt; team</p>",
    });
  });

  it('username_reset: the URL setting is str.format-ted over the context; url is escaped in the 2.1 reset templates', () => {
    const mail = renderer({ ...URLS, COMPAT_STACK: '2.1' }).render(request('username_reset', bob, 'h', { uid: 'Nw', token: "diga87-fe0979c3aa7fe56eddead4ef54a63a44" }));
    expect(mail).toEqual({
      subject: "Username reset on S&amp;S &lt;x&gt;",
      text: "You're receiving this email because you requested a username reset for your user account at S&amp;S &lt;x&gt;.\n\nPlease go to the following page and choose a new username:\nhttp://d.example/n?u=Nw&amp;t=diga87-fe0979c3aa7fe56eddead4ef54a63a44&amp;e=bob@example.com&amp;f=Bob\nYour username, in case you've forgotten: bob.smith+x@y\n\nThanks for using our site!\n\nThe S&amp;S &lt;x&gt; team",
      html: "<p>You're receiving this email because you requested a username reset for your user account at S&amp;S &lt;x&gt;.</p>\n\n<p>Please go to the following page and choose a new username:</p>\n<a href=\"http://d.example/n?u=Nw&amp;t=diga87-fe0979c3aa7fe56eddead4ef54a63a44&amp;e=bob@example.com&amp;f=Bob\">http://d.example/n?u=Nw&amp;t=diga87-fe0979c3aa7fe56eddead4ef54a63a44&amp;e=bob@example.com&amp;f=Bob</a>\n<p>Your username, in case you've forgotten: <b>bob.smith+x@y</b></p>\n\n<p>Thanks for using our site!</p>\n\n<p>The S&amp;S &lt;x&gt; team</p>",
    });
  });

  it.each([
    ['password_reset', 'http://d.example/r?u=Nw&t=diga87-fe0979c3aa7fe56eddead4ef54a63a44&n=bob.smith+x@y&{lit}'],
    ['username_reset', 'http://d.example/n?u=Nw&t=diga87-fe0979c3aa7fe56eddead4ef54a63a44&e=bob@example.com&f=Bob'],
  ] as const)('%s with COMPAT_STACK=current: Djoser 2.3 marks the url |safe (the site name stays escaped)', (kind, link) => {
    const mail = renderer(URLS).render(request(kind, bob, 'h', { uid: 'Nw', token: 'diga87-fe0979c3aa7fe56eddead4ef54a63a44' }));
    expect(mail.text).toContain(`\n${link}\n`);
    expect(mail.html).toContain(`<a href="${link}">${link}</a>`);
    expect(mail.subject).toContain('S&amp;S &lt;x&gt;');
  });

  it('non-ASCII site names pass through unchanged', () => {
    const r = renderer({ DOMAIN: 'd', SITE_NAME: 'Café Ünïcode ✓' });
    expect(r.render(request('password_changed_confirmation', bob, 'testserver'))).toEqual({
      subject: "Café Ünïcode ✓ - Your password has been successfully changed!",
      text: "Your password has been changed!\n\nThanks for using our site!\n\nThe Café Ünïcode ✓ team",
      html: "<p>Your password has been changed!</p>\n\n<p>Thanks for using our site!</p>\n\n<p>The Café Ünïcode ✓ team</p>",
    });
  });

  it('DOMAIN set, SITE_NAME empty: the site name is still the request host (RequestSite)', () => {
    const mail = renderer({ DOMAIN: 'd.example' }).render(request('password_changed_confirmation', bob, 'req.host:81'));
    expect(mail.subject).toBe('req.host:81 - Your password has been successfully changed!');
    expect(mail.text).toBe('Your password has been changed!\n\nThanks for using our site!\n\nThe req.host:81 team');
  });
});

/** Sent by the current reference (REF_LOCALE_MIDDLEWARE=1, `Accept-Language: de`) for POST users/, HTML part included. */
describe('MailRenderer: translated mails (LANGUAGE_CODE)', () => {
  it('the activation mail in German, subject, text and HTML, as Djoser 2.3 sends it', () => {
    const r = renderer({ LANGUAGE_CODE: 'de', DOMAIN: 'localhost:3000', SITE_NAME: 'Djoser Reference', DJOSER_ACTIVATION_URL: 'activate/{uid}/{token}' });
    const extra = { uid: 'Mg', token: 'dj7fre-ff2f22fe2d2a588c43b9135a35d04fbb' };
    const mail = r.render(request('activation', { ...alice, id: 2 }, 'testserver', extra));
    const link = 'http://localhost:3000/activate/Mg/dj7fre-ff2f22fe2d2a588c43b9135a35d04fbb';
    expect(mail.subject).toBe('Aktivierung des Benutzerkontos auf Djoser Reference');
    expect(mail.html).toBe(
      `<p>Sie erhalten diese E-Mail, da Sie den Aktivierungsprozess auf Djoser Reference.abschließen müssen.</p>\n\n<p>Bitte begeben Sie sich auf folgende Seite, um die Aktivierung abzuschließen:</p>\n<p><a href="${link}">${link}</a></p>\n\n<p>Vielen Dank für die Nutzung unserer Seite!</p>\n\n<p>Das Team von Djoser Reference</p>`,
    );
  });

  it('COMPAT_STACK=2.1: Djoser 2.1 has no compiled catalog, its mails stay English', () => {
    const r = renderer({ LANGUAGE_CODE: 'de', COMPAT_STACK: '2.1', SITE_NAME: 'Djoser Reference' });
    const mail = r.render(request('activation', { ...alice, id: 2 }, 'testserver', { uid: 'Mg', token: 'dj7fre-ff' }));
    expect(mail.subject).toBe('Account activation on Djoser Reference');
  });
});
