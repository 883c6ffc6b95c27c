import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSettings } from '../../config/settings';
import type { MailUser } from '../mail.types';
import { BlockTemplate } from './block-template';
import { MailRenderer } from './mail-renderer';

const user: MailUser = { id: 7, username: 'bob', email: 'bob@example.com', firstName: 'Bob', lastName: "O'Neil" };

describe('BlockTemplate: Djoser-shaped Handlebars templates', () => {
  it('renders each block on its own, stripped; text outside the blocks is ignored', () => {
    const t = new BlockTemplate('t', 'ignored {{x}}\n{{#*inline "subject"}}\n  Hi {{x}}  \n{{/inline}}\nalso ignored\n{{#*inline "text_body"}}\n\nbody\n\n{{/inline}}');
    expect(t.render({ x: 'there' })).toEqual({ subject: 'Hi there', text_body: 'body', html_body: '' });
  });

  // Django's autoescape (spec section 6): exactly & < > " ' become &amp; &lt; &gt; &quot; &#x27;
  it("escapes like Django, not like Handlebars: backquote and '=' stay as they are", () => {
    const t = new BlockTemplate('t', '{{#*inline "text_body"}}{{v}}|{{{v}}}{{/inline}}');
    expect(t.render({ v: `&<>"'\`=` }).text_body).toBe('&amp;&lt;&gt;&quot;&#x27;`=|&<>"\'`=');
  });

  it('escapes helper results, nested block content and user attributes too', () => {
    const source = '{{#*inline "html_body"}}{{#if on}}<b>{{lookup u "n"}}</b>{{/if}}{{#each list}}[{{this}}]{{/each}}{{/inline}}';
    const t = new BlockTemplate('t', source);
    expect(t.render({ on: true, u: { n: "O'Neil" }, list: ['<a>', '&'] }).html_body).toBe('<b>O&#x27;Neil</b>[&lt;a&gt;][&amp;]');
  });

  it('renders a missing value as empty', () => {
    expect(new BlockTemplate('t', '{{#*inline "subject"}}[{{nope}}]{{/inline}}').render({}).subject).toBe('[]');
  });

  it('refuses a broken template when it is loaded', () => {
    expect(() => new BlockTemplate('t', '{{#*inline "subject"}}{{#if}}{{/inline}}')).toThrow();
  });
});

describe('MailRenderer: settings beyond Djoser 2.1', () => {
  const renderer = (env: Record<string, string>) => new MailRenderer(parseSettings({ SECRET_KEY: 'unit', ...env }));
  const reset = { kind: 'password_reset' as const, to: user.email, user, uid: 'Nw', token: 't-1', request: { host: 'api.internal:8000', secure: false } };

  it('DJOSER_EMAIL_FRONTEND_* win over DOMAIN/SITE_NAME and the request (Djoser >= 2.2.3)', () => {
    const mail = renderer({
      DOMAIN: 'd.example',
      SITE_NAME: 'Site',
      DJOSER_EMAIL_FRONTEND_DOMAIN: 'app.example',
      DJOSER_EMAIL_FRONTEND_SITE_NAME: 'App',
      DJOSER_EMAIL_FRONTEND_PROTOCOL: 'https',
    }).render(reset);
    expect(mail.subject).toBe('Password reset on App');
    expect(mail.text).toContain('\nhttps://app.example/#/password/reset/confirm/Nw/t-1\n');
  });

  it('EMAIL_TEMPLATES_DIR overrides a template by name; the others stay built in', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mail-templates-'));
    writeFileSync(
      join(dir, 'password_reset.hbs'),
      '{{#*inline "subject"}}Reset for {{user}} at {{site_name}}{{/inline}}\n{{#*inline "html_body"}}<a href="{{protocol}}://{{domain}}/{{{url}}}">{{user.get_full_name}}</a>{{/inline}}',
    );
    const r = renderer({ EMAIL_TEMPLATES_DIR: dir, DOMAIN: 'd.example', SITE_NAME: 'S' });
    expect(r.sources().password_reset).toBe(join(dir, 'password_reset.hbs'));
    expect(r.sources().activation).not.toContain(dir);
    // no text block: the HTML is the sole body, as templated_mail sends it
    expect(r.render(reset)).toEqual({
      subject: 'Reset for bob at S',
      text: '',
      html: '<a href="http://d.example/#/password/reset/confirm/Nw/t-1">Bob O&#x27;Neil</a>',
    });
  });

  it('a *_URL setting Python would refuse fails the rendering (Djoser: 500)', () => {
    expect(() => renderer({ DJOSER_PASSWORD_RESET_CONFIRM_URL: 'reset/{uid}/{nope}' }).render(reset)).toThrow("KeyError: 'nope'");
  });
});
