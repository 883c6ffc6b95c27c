import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { SETTINGS } from '../../config/config.module';
import type { Settings } from '../../config/settings';
import { isPermanentFailure, MailBackend } from '../backends/mail-backend';
import { MAIL_EVENTS, MailEvent } from '../mail.events';
import { MAIL_BACKEND } from '../mail.tokens';
import type { OutgoingMessage } from '../mail.types';
import { buildMimeMessage } from '../mime/mime-message';
import { ClaimedMessage, OutboxCounts, OutboxHealth, OutboxStore } from './outbox.store';

/** Messages claimed per statement. */
const BATCH = 10;

/**
 * Sends what the outbox holds. Runs inside the server: started on bootstrap,
 * stopped (after the message in hand) on shutdown; a fresh message gets its first
 * attempt from its own request (`sendNow`, right after the commit), the worker
 * passes every EMAIL_OUTBOX_POLL_INTERVAL_MS take the retries, mail whose first
 * attempt never happened (crash) and mail queued by other instances. Passes
 * never overlap inside one process; across processes the claim (FOR UPDATE SKIP LOCKED) keeps two
 * workers off the same message.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Mail');
  private readonly store: OutboxStore;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** The pass in progress or queued; everything runs one after the other. */
  private chain: Promise<void> = Promise.resolve();
  private draining = false;
  private nudgedWhileDraining = false;
  /** First attempts made for requests (`sendNow`), awaited on shutdown like a pass. */
  private readonly firstAttempts = new Set<Promise<void>>();

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(MAIL_BACKEND) private readonly backend: MailBackend,
    dataSource: DataSource,
    @Optional() private readonly events?: EventEmitter2,
  ) {
    this.store = new OutboxStore(dataSource);
  }

  async onApplicationBootstrap(): Promise<void> {
    const worker = this.settings.email.outboxWorker ? `worker every ${this.settings.email.outboxPollIntervalMs} ms` : 'worker off';
    try {
      this.logger.log(`backend ${this.backend.describe()}, ${worker}; ${describeCounts(await this.store.counts())}`);
    } catch (e) {
      this.logger.error(`backend ${this.backend.describe()}, ${worker}; cannot read the outbox: ${(e as Error).message}`);
    }
    if (this.settings.email.url && this.settings.email.backend !== 'smtp')
      this.logger.warn(`EMAIL_URL is set but EMAIL_BACKEND=${this.settings.email.backend}: set EMAIL_BACKEND=smtp to send through it`);
    if (!this.settings.email.outboxWorker) return;
    this.timer = setInterval(() => this.nudge(), this.settings.email.outboxPollIntervalMs);
    this.timer.unref();
    this.nudge();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.all([this.chain, ...this.firstAttempts]);
    await this.backend.close?.();
  }

  /** Asks for a pass soon; a pass already running makes another one after it. */
  nudge(): void {
    if (this.stopped || !this.settings.email.outboxWorker) return;
    if (this.draining) {
      this.nudgedWhileDraining = true;
      return;
    }
    this.draining = true;
    void this.serialise(async () => {
      try {
        do {
          this.nudgedWhileDraining = false;
          await this.pass(false);
        } while (this.nudgedWhileDraining && !this.stopped);
      } finally {
        this.draining = false;
      }
    });
  }

  /** Whether this process sends mail (EMAIL_OUTBOX_WORKER): then requests make the first attempt. */
  get sends(): boolean {
    return this.settings.email.outboxWorker && !this.stopped;
  }

  /**
   * The first attempt of one committed message, made for the request that queued it.
   * Claimed like any other (a worker that got it first keeps it: never two sends); a
   * failure is settled as every attempt is (the worker retries after the backoff).
   * Never rejects.
   */
  sendNow(id: string): Promise<void> {
    if (!this.sends) return Promise.resolve();
    const attempt = (async () => {
      try {
        const claimed = await this.store.claimOne(id, this.leaseMs(1));
        if (claimed) await this.deliver(claimed);
      } catch (e) {
        // The database is unreachable or the like: the row stays pending, the worker takes it later.
        this.logger.error(`first attempt of e-mail #${id} failed: ${(e as Error).message}`);
      }
    })();
    this.firstAttempts.add(attempt);
    void attempt.finally(() => this.firstAttempts.delete(attempt));
    return attempt;
  }

  /** How long a freshly queued message is kept from the workers: its request's attempt goes first. */
  holdBackMs(): number {
    return this.sends ? this.leaseMs(1) : 0;
  }

  /** Sends everything pending now, retry delays ignored, after any pass and first attempt in progress (tests). */
  async flush(): Promise<void> {
    await Promise.all(this.firstAttempts);
    return this.serialise(() => this.pass(true));
  }

  counts(): Promise<OutboxCounts> {
    return this.store.counts();
  }

  health(stuckAfterSeconds: number): Promise<OutboxHealth> {
    return this.store.health(stuckAfterSeconds);
  }

  async requeueFailed(): Promise<number> {
    const n = await this.store.requeueFailed();
    if (n) this.nudge();
    return n;
  }

  private serialise(task: () => Promise<void>): Promise<void> {
    const run = this.chain.then(task);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** One sweep over the table in id order: each message at most one attempt per pass. */
  private async pass(ignoreBackoff: boolean): Promise<void> {
    let afterId = '0';
    let failures = 0;
    try {
      for (;;) {
        if (this.stopped && !ignoreBackoff) break;
        const batch = await this.store.claim({ limit: BATCH, leaseMs: this.leaseMs(), ignoreBackoff, afterId });
        if (batch.length === 0) break;
        for (const message of batch) if (!(await this.deliver(message))) failures++;
        afterId = batch[batch.length - 1].id;
      }
    } catch (e) {
      // The database is unreachable or the like: the next nudge or tick tries again.
      this.logger.error(`outbox pass failed: ${(e as Error).message}`);
      return;
    }
    if (failures) this.logger.warn(`outbox after this pass: ${describeCounts(await this.store.counts())}`);
  }

  /** Sends one claimed message and settles its row; true when it went out. */
  private async deliver(claimed: ClaimedMessage): Promise<boolean> {
    const message: OutgoingMessage = {
      kind: claimed.kind,
      from: claimed.fromEmail,
      to: claimed.recipients,
      subject: claimed.subject,
      text: claimed.textBody,
      ...(claimed.htmlBody !== null ? { html: claimed.htmlBody } : {}),
    };
    let raw: string;
    try {
      raw = buildMimeMessage(message);
    } catch (e) {
      return this.settleFailure(claimed, e, true); // e.g. a newline in a header: no retry can fix it
    }
    try {
      await this.backend.send({ message, raw, request: claimed.request });
    } catch (e) {
      return this.settleFailure(claimed, e, isPermanentFailure(e));
    }
    await this.store.markSent(claimed);
    this.events?.emit(MAIL_EVENTS.sent, { kind: claimed.kind } satisfies MailEvent);
    this.logger.debug(`sent ${claimed.kind} e-mail #${claimed.id} to ${claimed.recipients.join(', ')}`);
    return true;
  }

  private async settleFailure(claimed: ClaimedMessage, error: unknown, permanent: boolean): Promise<false> {
    const text = error instanceof Error ? error.message : String(error);
    const { outboxMaxAttempts: maxAttempts, outboxRetryBackoffMs: backoffMs } = this.settings.email;
    const status = await this.store.markAttemptFailed(claimed, text, { permanent, maxAttempts, backoffMs });
    this.events?.emit(MAIL_EVENTS.failed, { kind: claimed.kind } satisfies MailEvent);
    if (status === 'failed') this.events?.emit(MAIL_EVENTS.gaveUp, { kind: claimed.kind } satisfies MailEvent);
    const what = `${claimed.kind} e-mail #${claimed.id} to ${claimed.recipients.join(', ')} (attempt ${claimed.attempts})`;
    if (status === 'failed') this.logger.error(`gave up on ${what}: ${text}; npm run mail:requeue sends it again`);
    else this.logger.warn(`could not send ${what}: ${text}; will retry`);
    return false;
  }

  /** How long a claim holds: enough for `messages` slow SMTP exchanges (a whole batch by default). */
  private leaseMs(messages = BATCH): number {
    return 60_000 + messages * 4 * this.settings.email.timeout * 1000;
  }
}

export function describeCounts(counts: OutboxCounts): string {
  return `outbox ${counts.pending} pending, ${counts.failed} failed`;
}
