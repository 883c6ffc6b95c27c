import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { SETTINGS } from '../../config/config.module';
import type { Settings } from '../../config/settings';

/**
 * The outbox is stuck when a message has been due for longer than
 * HEALTH_CHECK_OUTBOX_MAX_DELAY: due and pending (no worker sends), or claimed
 * and its lease long expired (a worker died mid-send and none took over).
 * Messages waiting out a retry backoff are not due, so a flaky SMTP server alone
 * does not fail readiness; `failed` messages need an operator, not a restart.
 */
@Injectable()
export class OutboxIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  async check<K extends string>(key: K) {
    const session = this.indicators.check(key);
    try {
      const rows: Array<{ stuck: string; pending: string; failed: string }> = await this.dataSource.query(
        `SELECT count(*) FILTER (WHERE ("status" = 'pending' AND "next_attempt_at" < now() - make_interval(secs => $1))
                                    OR ("status" = 'sending' AND "locked_until" < now() - make_interval(secs => $1))) AS "stuck",
                count(*) FILTER (WHERE "status" <> 'failed') AS "pending",
                count(*) FILTER (WHERE "status" = 'failed') AS "failed"
           FROM "nest_mail_outbox"`,
        [this.settings.ops.healthOutboxMaxDelay],
      );
      const [stuck, pending, failed] = [rows[0].stuck, rows[0].pending, rows[0].failed].map(Number);
      const data = { pending, failed, stuck };
      return stuck ? session.down(data) : session.up(data);
    } catch (e) {
      return session.down({ message: `cannot read the outbox: ${(e as Error).message}` });
    }
  }
}
