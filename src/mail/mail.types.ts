/** Djoser's six e-mails (djoser.email.*Email), by template name. */
export type DjoserEmailKind =
  | 'activation'
  | 'confirmation'
  | 'password_reset'
  | 'password_changed_confirmation'
  | 'username_changed_confirmation'
  | 'username_reset';

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
  username: string;
  email: string;
  firstName: string;
  lastName: string;
}

/** One e-mail to send, as the users service asks for it. */
export interface DjoserEmailRequest {
  kind: DjoserEmailKind;
  /** Recipient; an empty address sends nothing (Django drops it). */
  to: string;
  user: MailUser;
  /** For the three link mails: `encode_uid(user.pk)` and the token made when the mail was requested. */
  uid?: string;
  token?: string;
  request: MailRequestContext;
}

/** A rendered message, as handed to a backend and kept by the memory backend. */
export interface OutgoingMessage {
  /** Which of the six mails (absent for messages not made from a DjoserEmailRequest). */
  kind?: DjoserEmailKind;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
}
