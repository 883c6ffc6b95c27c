import { Delivery, DJANGO_SEPARATOR, MailBackend } from './mail-backend';

/** django.core.mail.backends.console: the whole message on stdout (links stay whole, never quoted-printable). */
export class ConsoleMailBackend implements MailBackend {
  constructor(private readonly stream: NodeJS.WritableStream = process.stdout) {}

  async send({ raw }: Delivery): Promise<void> {
    await new Promise<void>((resolve, reject) =>
      this.stream.write(`${raw}\n${DJANGO_SEPARATOR}\n`, (err) => (err ? reject(err) : resolve())),
    );
  }

  describe(): string {
    return 'console';
  }
}
