import type { DjoserEmailRequest, OutgoingMessage } from '../mail.types';

/** One message on its way out. */
export interface Delivery {
  message: OutgoingMessage;
  /** The RFC 822 form (Django's layout), what the file, console and SMTP backends write. */
  raw: string;
  /** What the users service asked for, when known. */
  request: DjoserEmailRequest | null;
}

/** Where a rendered message goes: Django's EMAIL_BACKEND, one implementation per choice. */
export interface MailBackend {
  /** Delivers one message. Rejects when it was not delivered. */
  send(delivery: Delivery): Promise<void>;
  /** For the start-up log line, e.g. "smtp 127.0.0.1:25". */
  describe(): string;
  /** Seconds one delivery may take, when the backend has its own (SMTP: EMAIL_URL's `?timeout=`); else EMAIL_TIMEOUT. */
  readonly timeoutSeconds?: number;
  close?(): Promise<void>;
}

/** An error the server answered with a permanent (5xx) reply: retrying cannot help. */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** Django's console/file backends end every message with a line of 79 dashes. */
export const DJANGO_SEPARATOR = '-'.repeat(79);
