import { Inject, Injectable, Optional } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource, EntityManager } from 'typeorm';
import { SETTINGS } from '../config/config.module';
import type { Settings } from '../config/settings';
import type { MailBackend } from './backends/mail-backend';
import { MemoryMailBackend } from './backends/memory.backend';
import { MAIL_BACKEND } from './mail.tokens';
import { MAIL_EVENTS, MailEvent } from './mail.events';
import type { DjoserEmailRequest, OutgoingMessage } from './mail.types';
import { AfterCommit } from './outbox/after-commit';
import { MailHandover } from './outbox/handover';
import { OutboxCounts, OutboxHealth, OutboxStore } from './outbox/outbox.store';
import { OutboxWorker } from './outbox/outbox.worker';
import { MailRenderer } from './rendering/mail-renderer';

/**
 * Sends Djoser's e-mails. `enqueue` is called inside the transaction of the change
 * that causes the mail (pass its EntityManager): the mail is rendered there and
 * written to the outbox table in that same transaction, so it is never lost and
 * never sent for a change that rolled back. Once the transaction has committed,
 * the first attempt is made at once and the request's answer waits for it (at
 * most EMAIL_TIMEOUT), as Djoser sends before it answers; the outbox worker
 * retries what that attempt could not send.
 */
@Injectable()
export class MailService {
  private readonly store: OutboxStore;

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(MAIL_BACKEND) private readonly backend: MailBackend,
    private readonly renderer: MailRenderer,
    private readonly worker: OutboxWorker,
    private readonly afterCommit: AfterCommit,
    private readonly handover: MailHandover,
    private readonly dataSource: DataSource,
    @Optional() private readonly events?: EventEmitter2,
  ) {
    this.store = new OutboxStore(dataSource);
  }

  /**
   * Renders the mail and queues it with `manager` (its transaction when it has one;
   * without a manager, on its own). `answer` is the request whose answer waits for the
   * first attempt (none: the attempt runs on its own). An empty address sends nothing,
   * as Django drops it.
   * Throws when the mail cannot be rendered (e.g. a *_URL setting Python's
   * str.format refuses), as Djoser's request would fail.
   */
  async enqueue(email: DjoserEmailRequest, manager?: EntityManager, answer?: object): Promise<void> {
    if (!email.to) return;
    const rendered = this.renderer.render(email);
    const m = manager ?? this.dataSource.manager;
    const id = await this.store.insert(
      m,
      {
        kind: email.kind,
        fromEmail: this.settings.email.defaultFrom,
        recipients: [email.to],
        subject: rendered.subject,
        textBody: rendered.text,
        htmlBody: rendered.html ?? null,
        request: email,
      },
      this.worker.holdBackMs(),
    );
    this.afterCommit.run(m, () => {
      this.events?.emit(MAIL_EVENTS.queued, { kind: email.kind } satisfies MailEvent);
      if (this.worker.sends) this.handover.start(answer, id);
    });
  }

  /** Makes `answer` wait as a first attempt would, for a request that only rehearsed a mail (no enumeration by latency). */
  imitateHandover(answer: object): void {
    this.handover.imitate(answer);
  }

  /** Delivers everything pending now (tests call it instead of waiting for the worker). */
  async flush(): Promise<void> {
    await this.worker.flush();
  }

  /** Messages the memory backend has delivered (tests); empty with any other backend. */
  delivered(): OutgoingMessage[] {
    return this.memory().map((d) => d.message);
  }

  /** The requests behind the delivered messages (tests). */
  deliveredRequests(): DjoserEmailRequest[] {
    return this.memory().flatMap((d) => (d.request ? [d.request] : []));
  }

  /** Unsent and failed mail (for the health check and operators). */
  outboxCounts(): Promise<OutboxCounts> {
    return this.worker.counts();
  }

  /** The counts and the stuck messages, for the readiness probe. */
  outboxHealth(stuckAfterSeconds: number): Promise<OutboxHealth> {
    return this.worker.health(stuckAfterSeconds);
  }

  /** Makes failed mail pending again (what `npm run mail:requeue` does); returns how many. */
  requeueFailed(): Promise<number> {
    return this.worker.requeueFailed();
  }

  private memory() {
    return this.backend instanceof MemoryMailBackend ? this.backend.outbox : [];
  }
}
