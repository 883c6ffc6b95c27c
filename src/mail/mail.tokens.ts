/** Injection token of the MailBackend chosen by EMAIL_BACKEND. */
export const MAIL_BACKEND = Symbol('MAIL_BACKEND');
