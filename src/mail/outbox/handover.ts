import { Inject, Injectable } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { randomInt } from 'node:crypto';
import { SETTINGS } from '../../config/config.module';
import type { Settings } from '../../config/settings';
import type { MailBackend } from '../backends/mail-backend';
import { MAIL_BACKEND } from '../mail.tokens';
import { OutboxWorker } from './outbox.worker';

/** How many recent first-attempt durations a rehearsal draws from. */
const SAMPLES = 32;

/**
 * What a request's answer waits for: the first delivery attempts of the mail its
 * transaction committed, for at most the backend's timeout (EMAIL_TIMEOUT). Djoser
 * sends inside the request, so a client reads the mailbox as soon as the answer
 * arrives; here the mail is in the outbox first, so a failed or slow attempt
 * changes nothing but who retries it. Keyed by the request object: a request that
 * queued no mail costs one WeakMap lookup.
 */
@Injectable()
export class MailHandover {
  private readonly pending = new WeakMap<object, Promise<void>>();
  private readonly limitMs: number;
  /** Durations (ms) of recent first attempts, for `imitate`. */
  private readonly recent: number[] = [];
  private slot = 0;

  constructor(
    @Inject(SETTINGS) settings: Settings,
    @Inject(MAIL_BACKEND) backend: MailBackend,
    private readonly worker: OutboxWorker,
  ) {
    this.limitMs = (backend.timeoutSeconds ?? settings.email.timeout) * 1000;
  }

  /** Starts the first attempt of the committed message `id`, after the earlier ones of the same request (Djoser's order). */
  start(request: object | undefined, id: string): void {
    if (!request) {
      void this.worker.sendNow(id);
      return;
    }
    const before = this.pending.get(request) ?? Promise.resolve();
    this.pending.set(
      request,
      before.then(async () => {
        const started = performance.now();
        await this.worker.sendNow(id);
        this.record(performance.now() - started);
      }),
    );
  }

  /**
   * For a request that mails nobody but must not be told apart by its latency (the
   * reset and resend endpoints with an unknown address): its answer waits as long as
   * one of the recent first attempts, drawn at random.
   */
  imitate(request: object): void {
    if (!this.worker.sends || this.pending.has(request)) return;
    const ms = this.recent.length ? Math.min(this.recent[randomInt(this.recent.length)], this.limitMs) : 0;
    this.pending.set(request, new Promise((resolve) => setTimeout(resolve, ms)));
  }

  has(request: object): boolean {
    return this.pending.has(request);
  }

  /** Waits for the request's attempts, at most the backend's timeout; never rejects. */
  async settle(request: object): Promise<void> {
    const attempts = this.pending.get(request);
    if (!attempts) return;
    this.pending.delete(request);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([attempts, new Promise((resolve) => (timer = setTimeout(resolve, this.limitMs)))]);
    clearTimeout(timer);
  }

  private record(ms: number): void {
    this.recent[this.slot] = ms;
    this.slot = (this.slot + 1) % SAMPLES;
  }
}
