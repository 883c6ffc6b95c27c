import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { SETTINGS } from '../../config/config.module';
import type { Settings } from '../../config/settings';
import { MailService } from '../../mail/mail.service';

/**
 * The outbox is stuck when a message has been due for longer than
 * HEALTH_CHECK_OUTBOX_MAX_DELAY (see OutboxHealth). Messages waiting out a retry
 * backoff are not due, so a flaky SMTP server alone does not fail readiness;
 * `failed` messages need an operator, not a restart.
 */
@Injectable()
export class OutboxIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly mail: MailService,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  async check<K extends string>(key: K) {
    const session = this.indicators.check(key);
    try {
      const { pending, failed, stuck } = await this.mail.outboxHealth(this.settings.ops.healthOutboxMaxDelay);
      const data = { pending, failed, stuck };
      return stuck ? session.down(data) : session.up(data);
    } catch (e) {
      return session.down({ message: `cannot read the outbox: ${(e as Error).message}` });
    }
  }
}
