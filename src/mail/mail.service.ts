import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DjoserEmailRequest, OutgoingMessage } from './mail.types';

/**
 * Sends Djoser's e-mails. `enqueue` is called inside the transaction of the change
 * that causes the mail (pass its EntityManager), so a mail is never lost and never
 * sent for a change that rolled back; the HTTP answer never waits for SMTP.
 *
 * (Initial in-memory version; the Mail module issue replaces the body with the
 * outbox, templates and real backends behind this same interface.)
 */
@Injectable()
export class MailService {
  private readonly sent: OutgoingMessage[] = [];
  private readonly requests: DjoserEmailRequest[] = [];

  async enqueue(email: DjoserEmailRequest, _manager?: EntityManager): Promise<void> {
    if (!email.to) return;
    this.requests.push(email);
    this.sent.push({ from: 'webmaster@localhost', to: [email.to], subject: email.kind, text: `${email.uid ?? ''}/${email.token ?? ''}` });
  }

  /** Delivers everything pending now (tests call it instead of waiting for the worker). */
  async flush(): Promise<void> {}

  /** Messages the memory backend has delivered (tests). */
  delivered(): OutgoingMessage[] {
    return [...this.sent];
  }

  /** The requests behind the delivered messages (tests). */
  deliveredRequests(): DjoserEmailRequest[] {
    return [...this.requests];
  }
}
