import { Controller, Get, HttpException, Res } from '@nestjs/common';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { MigrationsIndicator } from './migrations.indicator';
import { OutboxIndicator } from './outbox.indicator';

/**
 * Probes for orchestrators, outside the DRF API (no authentication, no negotiation).
 * Terminus's JSON is sent as is, 200 or 503: the DRF filter would turn a 503 into
 * Django's 500 page, which no probe can read.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly migrations: MigrationsIndicator,
    private readonly outbox: OutboxIndicator,
  ) {}

  /** The process answers: nothing else is checked, so a database outage never restarts it. */
  @Get('live')
  async live(@Res() reply: FastifyReply): Promise<void> {
    await this.send(reply, () => this.health.check([]));
  }

  /** Ready for traffic: database reachable, schema migrated, outbox moving. */
  @Get('ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    await this.send(reply, () =>
      this.health.check([
        () => this.db.pingCheck('database', { timeout: 3000 }),
        () => this.migrations.check('migrations'),
        () => this.outbox.check('mail_outbox'),
      ]),
    );
  }

  private async send(reply: FastifyReply, run: () => Promise<unknown>): Promise<void> {
    try {
      const body = await run();
      reply.status(200).header('Cache-Control', 'no-store').send(body);
    } catch (e) {
      if (!(e instanceof HttpException)) throw e;
      reply.status(e.getStatus()).header('Cache-Control', 'no-store').send(e.getResponse());
    }
  }
}
