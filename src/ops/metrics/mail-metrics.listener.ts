import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { MAIL_EVENTS, MailEvent } from '../../mail/mail.events';
import { Metrics } from './metrics.service';

/** The mail outbox's events, counted. */
@Injectable()
export class MailMetricsListener {
  constructor(private readonly metrics: Metrics) {}

  @OnEvent(MAIL_EVENTS.queued)
  queued(e: MailEvent): void {
    this.metrics.mail.inc({ event: 'queued', kind: e.kind });
  }

  @OnEvent(MAIL_EVENTS.sent)
  sent(e: MailEvent): void {
    this.metrics.mail.inc({ event: 'sent', kind: e.kind });
  }

  @OnEvent(MAIL_EVENTS.failed)
  failed(e: MailEvent): void {
    this.metrics.mail.inc({ event: 'failed', kind: e.kind });
  }

  @OnEvent(MAIL_EVENTS.gaveUp)
  gaveUp(e: MailEvent): void {
    this.metrics.mail.inc({ event: 'gave_up', kind: e.kind });
  }
}
