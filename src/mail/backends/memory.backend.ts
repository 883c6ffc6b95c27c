import type { Delivery, MailBackend } from './mail-backend';

/** django.core.mail.backends.locmem: keeps what was sent (tests read it). */
export class MemoryMailBackend implements MailBackend {
  readonly outbox: Delivery[] = [];

  async send(delivery: Delivery): Promise<void> {
    this.outbox.push(delivery);
  }

  describe(): string {
    return 'memory';
  }
}
