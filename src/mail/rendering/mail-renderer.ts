import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Settings } from '../../config/settings';
import type { DjoserEmailRequest, MailKind } from '../mail.types';
import { BlockTemplate } from './block-template';
import { buildMailContext } from './mail-context';
import { i18nOf } from '../../i18n/i18n.module';
import type { Translator } from '../../i18n/translator';

export const MAIL_KINDS: readonly MailKind[] = [
  'activation',
  'confirmation',
  'password_reset',
  'password_changed_confirmation',
  'username_changed_confirmation',
  'username_reset',
  'jwt_auth_restore',
];

/**
 * Where the built-in templates live (copied next to the compiled code by nest-cli.json `assets`):
 * Djoser 2.3's, and in `2.1/` those Djoser 2.1 renders differently (COMPAT_STACK=2.1 reads them first).
 */
export const BUILTIN_TEMPLATES_DIR = join(__dirname, '..', 'templates');

/** What Django puts in the message: subject, text body and (optional) HTML alternative. */
export interface RenderedMail {
  subject: string;
  text: string;
  html?: string;
}

/**
 * Renders Djoser's six e-mails. Templates are read and compiled once, at start:
 * `<EMAIL_TEMPLATES_DIR>/<kind>.hbs` when it exists, else the built-in one.
 */
export class MailRenderer {
  private readonly templates = new Map<MailKind, BlockTemplate>();

  constructor(private readonly settings: Settings) {
    for (const kind of MAIL_KINDS) this.templates.set(kind, this.load(kind));
  }

  /** Which file each mail is rendered from (logged at start). */
  sources(): Record<MailKind, string> {
    return Object.fromEntries(MAIL_KINDS.map((k) => [k, this.templates.get(k)!.name])) as Record<MailKind, string>;
  }

  render(email: DjoserEmailRequest): RenderedMail {
    const blocks = this.templates.get(email.kind)!.render(buildMailContext(this.settings, email));
    // django's EmailMultiAlternatives as templated_mail fills it: the HTML is an
    // alternative of a non-empty text body, else the sole body.
    const t = i18nOf(this.settings).mailTranslator();
    const { subject, text_body: text, html_body: html } = t ? translateBlocks(t, blocks) : blocks;
    if (text) return html ? { subject, text, html } : { subject, text };
    return html ? { subject, text: '', html } : { subject, text: '' };
  }

  private load(kind: MailKind): BlockTemplate {
    const override = this.settings.email.templatesDir ? resolve(this.settings.email.templatesDir, `${kind}.hbs`) : '';
    const profiled = join(BUILTIN_TEMPLATES_DIR, this.settings.compat.mailTemplatesSubdir, `${kind}.hbs`);
    const builtin = existsSync(profiled) ? profiled : join(BUILTIN_TEMPLATES_DIR, `${kind}.hbs`);
    const file = override && existsSync(override) ? override : builtin;
    try {
      return new BlockTemplate(file, readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`e-mail template ${file}: ${(e as Error).message}`);
    }
  }
}

/**
 * Djoser's templates mark each sentence with {% trans %} / {% blocktrans %}: a line of the
 * subject and text body (or its start, as "Your username, in case you've forgotten: bob"),
 * and a text between tags of the HTML body. Blocks are stripped again, as Django strips the
 * rendered (translated) block.
 */
function translateBlocks(t: Translator, blocks: Record<string, string>): Record<string, string> {
  const lines = (s: string) => s.split('\n').map((l) => t.translateStart(l)).join('\n').trim();
  const out: Record<string, string> = { ...blocks, subject: lines(blocks.subject), text_body: lines(blocks.text_body) };
  if (blocks.html_body !== undefined) out.html_body = blocks.html_body.replace(/>([^<>]+)</g, (_all, inner: string) => `>${t.translateStart(inner)}<`);
  return out;
}
