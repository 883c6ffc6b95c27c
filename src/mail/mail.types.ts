/** Djoser's six e-mails (djoser.email.*Email), by template name. */
export type DjoserEmailKind =
  | 'activation'
  | 'confirmation'
  | 'password_reset'
  | 'password_changed_confirmation'
  | 'username_changed_confirmation'
  | 'username_reset';

/** Every mail the server sends: Djoser's six and django_rest_jwt_auth's restore link (src/jwt-auth-mount). */
export type MailKind = DjoserEmailKind | 'jwt_auth_restore';

/** What Djoser reads from the request for the mail context when no DOMAIN is configured. */
export interface MailRequestContext {
  /** The request's Host header (with port), Django's `request.get_host()`. */
  host: string;
  /** Whether the request came over HTTPS (`protocol` = https). */
  secure: boolean;
}

/** The user fields a template may use (`{{ user.get_username }}`, `{{ user.email }}`...). */
export interface MailUser {
  id: number;
  /** `get_username()`: the USERNAME_FIELD's value. */
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  /**
   * A described model's own fields by name (AUTH_USER_MODEL_FILE): the template sees exactly
   * `user.<field>` for these (and no `username`, `get_full_name` of auth.User). Absent: Django's User.
   */
  fields?: Record<string, string | number | boolean | null>;
}

/** One e-mail to send, as the users service asks for it. */
export interface DjoserEmailRequest {
  kind: MailKind;
  /** Recipient; an empty address sends nothing (Django drops it). */
  to: string;
  user: MailUser;
  /** For the three link mails: `encode_uid(user.pk)` and the token made when the mail was requested. */
  uid?: string;
  token?: string;
  /** jwt_auth_restore: the whole link (`PATH_TO_RESTORE?restoring=<token>`). */
  url?: string;
  request: MailRequestContext;
}

/** A rendered message, as handed to a backend and kept by the memory backend. */
export interface OutgoingMessage {
  /** Which mail (absent for messages not made from a DjoserEmailRequest). */
  kind?: MailKind;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
}
