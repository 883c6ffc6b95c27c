import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SETTINGS } from '../config/config.module';
import type { Settings } from '../config/settings';
import { Throttled } from '../drf/exceptions';
import { Metrics } from '../ops/metrics/metrics.service';
import { PgThrottleStore } from './pg-throttle.store';
import type { Rate } from './rate';
import { RedisThrottleStore } from './redis-throttle.store';
import type { ThrottleStore } from './throttle-store';

export interface Bucket {
  key: string;
  rate: Rate;
}

const WARN_EVERY_MS = 10_000;
/** After a store failure, skip it for a while instead of making every request wait for a timeout. */
const BACKOFF_MS = 5_000;

/**
 * Takes one hit from each bucket or refuses with DRF's 429. When the store is down the
 * request goes through (fail open) with a logged warning: an outage of the counter store
 * must not become an outage of login; the password hash still bounds each attempt's speed.
 */
@Injectable()
export class ThrottleService implements OnApplicationShutdown {
  private readonly logger = new Logger('Throttle');
  private readonly store: ThrottleStore;
  private lastWarning = 0;
  private downUntil = 0;

  constructor(
    @Inject(SETTINGS) settings: Settings,
    @InjectDataSource() dataSource: DataSource,
    // Absent only in test modules built without OpsModule.
    @Optional() private readonly metrics?: Metrics,
  ) {
    const t = settings.throttle;
    this.store = t.redisUrl ? new RedisThrottleStore(t.redisUrl, t.keyPrefix) : new PgThrottleStore(dataSource);
  }

  /** Identifiers are hashed: the counter table is no list of e-mail addresses. */
  static key(scope: string, kind: 'ip' | 'id', value: string): string {
    return `${scope}:${kind}:${createHash('sha256').update(value).digest('base64url')}`;
  }

  /** Hits every bucket; if one is full, the hits taken are given back and the longest wait is answered. */
  async acquire(buckets: Bucket[]): Promise<void> {
    const taken: Bucket[] = [];
    let waitMs = -1;
    let refusedBy = '';
    for (const b of buckets) {
      const hit = await this.guarded(() => this.store.hit(b.key, b.rate));
      if (!hit || hit.allowed) {
        if (hit) taken.push(b);
      } else {
        waitMs = Math.max(waitMs, hit.resetMs);
        refusedBy ||= b.key.slice(0, b.key.indexOf(':'));
      }
    }
    if (waitMs < 0) return;
    this.metrics?.rateLimitHits.inc({ scope: refusedBy });
    await this.release(taken);
    throw Throttled(Math.max(1, Math.ceil(waitMs / 1000)));
  }

  async release(buckets: Bucket[]): Promise<void> {
    for (const b of buckets) await this.guarded(() => this.store.refund(b.key));
  }

  private async guarded<T>(work: () => Promise<T>): Promise<T | undefined> {
    if (Date.now() < this.downUntil) return undefined;
    try {
      return await work();
    } catch (e) {
      const now = Date.now();
      this.downUntil = now + BACKOFF_MS;
      if (now - this.lastWarning > WARN_EVERY_MS) {
        this.lastWarning = now;
        this.logger.warn(`rate-limit store unavailable, letting requests through: ${(e as Error).message}`);
      }
      return undefined;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
