import type { EmailSettings } from '../../config/settings';

/** What Django's SMTP backend is configured with (EMAIL_HOST & co.), however it was given. */
export interface SmtpOptions {
  host: string;
  port: number;
  user: string;
  password: string;
  /** STARTTLS (EMAIL_USE_TLS). */
  useTls: boolean;
  /** Implicit TLS from the first byte (EMAIL_USE_SSL). */
  useSsl: boolean;
  timeoutSeconds: number;
}

const TRUE = new Set(['1', 'true', 'yes', 'on']);

/**
 * EMAIL_URL, when set, replaces EMAIL_HOST/PORT/HOST_USER/HOST_PASSWORD/USE_TLS/USE_SSL:
 * `smtp://user:pass@host:587?tls=true` (STARTTLS), `smtps://user:pass@host` (implicit
 * TLS, port 465), `?ssl=true`, `?timeout=<seconds>`; user and password percent-decoded.
 */
export function smtpOptions(email: EmailSettings): SmtpOptions {
  const fromSettings: SmtpOptions = {
    host: email.host,
    port: email.port,
    user: email.hostUser,
    password: email.hostPassword,
    useTls: email.useTls,
    useSsl: email.useSsl,
    timeoutSeconds: email.timeout,
  };
  if (!email.url) return fromSettings;
  const url = new URL(email.url);
  const query = (key: string) => TRUE.has((url.searchParams.get(key) ?? '').toLowerCase());
  const useSsl = url.protocol === 'smtps:' || query('ssl');
  const useTls = !useSsl && query('tls');
  const timeout = Number(url.searchParams.get('timeout'));
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : useSsl ? 465 : 25,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    useTls,
    useSsl,
    timeoutSeconds: Number.isInteger(timeout) && timeout > 0 ? timeout : email.timeout,
  };
}
