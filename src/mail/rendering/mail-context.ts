import type { Settings } from '../../config/settings';
import type { DjoserEmailRequest, MailKind, MailUser } from '../mail.types';
import { PyObject, pyFormat, PyValue } from './py-format';

/** The mails whose context gets `uid`, `token` and `url` (djoser.email.*Email.get_context_data). */
const LINK_SETTING: Partial<Record<MailKind, (s: Settings) => string>> = {
  activation: (s) => s.djoser.activationUrl,
  password_reset: (s) => s.djoser.passwordResetConfirmUrl,
  username_reset: (s) => s.djoser.usernameResetConfirmUrl,
};

export function isLinkMail(kind: MailKind): boolean {
  return kind in LINK_SETTING;
}

/** How a Django template prints a field value (`{{ user.is_staff }}` is `False`, a NULL is `None`). */
function templateValue(v: string | number | boolean | null): string | number {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return v;
}

/** Django's `User` as a template sees it: `{{ user }}` prints the username, `{{ user.get_username }}` too. */
function templateUser(u: MailUser): Record<string, unknown> {
  const user = u.fields ? modelTemplateUser(u, u.fields) : {
    pk: u.id,
    id: u.id,
    username: u.username,
    email: u.email,
    first_name: u.firstName,
    last_name: u.lastName,
    get_username: u.username,
    get_full_name: `${u.firstName} ${u.lastName}`.trim(),
    get_short_name: u.firstName,
  };
  Object.defineProperty(user, 'toString', { value: () => u.username, enumerable: false });
  return user;
}

/** A described model (AbstractBaseUser): its fields, pk and `get_username`; `str(user)` is the login value. */
function modelTemplateUser(u: MailUser, fields: NonNullable<MailUser['fields']>): Record<string, unknown> {
  const own = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, templateValue(v)]));
  return { ...own, pk: u.id, id: u.id, get_username: u.username };
}

/** A field value for `str.format` (`str(None)` is `None`). */
function formatValue(v: string | number | boolean | null): PyValue {
  return v === null ? 'None' : v;
}

/** The same user for `str.format` (`{user.username}`, `{user}` = `str(user)`); a described model has its own attributes. */
function formatUser(u: MailUser): PyObject {
  const attrs: Record<string, PyValue> = u.fields
    ? { ...Object.fromEntries(Object.entries(u.fields).map(([k, v]) => [k, formatValue(v)])), pk: u.id, id: u.id }
    : { pk: u.id, id: u.id, username: u.username, email: u.email, first_name: u.firstName, last_name: u.lastName };
  return {
    pyType: 'User',
    attrs,
    str: u.username,
    repr: `<User: ${u.username}>`,
  };
}

/**
 * templated_mail's context with Djoser's additions:
 * - `domain`: DJOSER_EMAIL_FRONTEND_DOMAIN, else DOMAIN, else the request Host (RequestSite);
 * - `site_name`: DJOSER_EMAIL_FRONTEND_SITE_NAME, else SITE_NAME, else the request Host
 *   (RequestSite's name is the host, even when DOMAIN is set);
 * - `protocol`: DJOSER_EMAIL_FRONTEND_PROTOCOL, else https/http from the request;
 * - link mails: `uid`, `token` and `url` = the *_URL setting `.format(**context)`.
 * Throws PyFormatError when the URL setting is one Python would refuse (Djoser: 500).
 */
export function buildMailContext(settings: Settings, email: DjoserEmailRequest): Record<string, unknown> {
  const host = email.request.host;
  const domain = settings.djoser.emailFrontendDomain || settings.domain || host;
  const siteName = settings.djoser.emailFrontendSiteName || settings.siteName || host;
  const protocol = settings.djoser.emailFrontendProtocol || (email.request.secure ? 'https' : 'http');
  const context: Record<string, unknown> = { domain, site_name: siteName, protocol, user: templateUser(email.user) };

  const urlSetting = LINK_SETTING[email.kind];
  if (urlSetting) {
    if (email.uid === undefined || email.token === undefined) throw new Error(`the ${email.kind} e-mail needs uid and token`);
    const formatContext: Record<string, PyValue> = {
      domain,
      site_name: siteName,
      protocol,
      user: formatUser(email.user),
      uid: email.uid,
      token: email.token,
    };
    context.uid = email.uid;
    context.token = email.token;
    context.url = pyFormat(urlSetting(settings), formatContext);
  }
  // django_rest_jwt_auth's restore mail: the link is made by its service, not a Djoser *_URL setting.
  if (email.kind === 'jwt_auth_restore') context.url = email.url;
  return context;
}
