import { MailerService } from '@nestjs-modules/mailer';
import { envelopeAddress } from '../mime/mime-message';
import type { Delivery, MailBackend } from './mail-backend';
import type { SmtpOptions } from './smtp-options';

/**
 * django.core.mail.backends.smtp through @nestjs-modules/mailer's MailerService
 * (nodemailer underneath): STARTTLS only when EMAIL_USE_TLS (Django never
 * upgrades on its own), implicit TLS with EMAIL_USE_SSL, EMAIL_TIMEOUT for
 * connecting, the greeting and every reply. The message is sent as built (raw),
 * so the bytes are the ones the file backend would write; the mailer's own
 * template adapters are not used because Djoser's templates need Django's
 * autoescaping (see ../rendering/block-template.ts).
 */
export class SmtpMailBackend implements MailBackend {
  private readonly mailer: MailerService;
  readonly timeoutSeconds: number;

  constructor(private readonly options: SmtpOptions) {
    this.timeoutSeconds = options.timeoutSeconds;
    const timeout = options.timeoutSeconds * 1000;
    this.mailer = new MailerService(
      {
        transport: {
          host: options.host,
          port: options.port,
          secure: options.useSsl,
          requireTLS: options.useTls,
          ignoreTLS: !options.useTls && !options.useSsl,
          auth: options.user ? { user: options.user, pass: options.password } : undefined,
          connectionTimeout: timeout,
          greetingTimeout: timeout,
          socketTimeout: timeout,
        },
        // The outbox worker reports failures per message; no connection probe at start.
        verifyTransporters: false,
      },
      // undefined: the mailer builds its default nodemailer transport factory.
      undefined as never,
    );
  }

  async send({ message, raw }: Delivery): Promise<void> {
    await this.mailer.sendMail({
      envelope: { from: envelopeAddress(message.from), to: message.to.map(envelopeAddress) },
      raw,
    });
  }

  describe(): string {
    const tls = this.options.useSsl ? ' (SSL)' : this.options.useTls ? ' (STARTTLS)' : '';
    return `smtp ${this.options.host}:${this.options.port}${tls}`;
  }

  async close(): Promise<void> {
    await this.mailer.onModuleDestroy();
  }
}
