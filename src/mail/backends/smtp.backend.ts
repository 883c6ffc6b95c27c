import { createTransport, Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { envelopeAddress } from '../mime/mime-message';
import type { Delivery, MailBackend } from './mail-backend';
import type { SmtpOptions } from './smtp-options';

/**
 * django.core.mail.backends.smtp through nodemailer: one connection per message
 * (as Django's `send_mail` opens one), STARTTLS only when EMAIL_USE_TLS (Django
 * never upgrades on its own), implicit TLS with EMAIL_USE_SSL, EMAIL_TIMEOUT for
 * connecting, the greeting and every reply. The message is sent as built (raw),
 * so the bytes are the ones the file backend would write.
 */
export class SmtpMailBackend implements MailBackend {
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo>;

  constructor(private readonly options: SmtpOptions) {
    const timeout = options.timeoutSeconds * 1000;
    this.transport = createTransport({
      host: options.host,
      port: options.port,
      secure: options.useSsl,
      requireTLS: options.useTls,
      ignoreTLS: !options.useTls && !options.useSsl,
      auth: options.user ? { user: options.user, pass: options.password } : undefined,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
  }

  async send({ message, raw }: Delivery): Promise<void> {
    await this.transport.sendMail({
      envelope: { from: envelopeAddress(message.from), to: message.to.map(envelopeAddress) },
      raw,
    });
  }

  describe(): string {
    const tls = this.options.useSsl ? ' (SSL)' : this.options.useTls ? ' (STARTTLS)' : '';
    return `smtp ${this.options.host}:${this.options.port}${tls}`;
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
