import { Global, Module, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import type { FastifyInstance } from 'fastify';
import { LoggerModule } from 'nestjs-pino';
import { SETTINGS } from '../config/config.module';
import type { Settings } from '../config/settings';
import { HealthController } from './health/health.controller';
import { MigrationsIndicator } from './health/migrations.indicator';
import { OutboxIndicator } from './health/outbox.indicator';
import { requestIdOf } from './logging/request-id';
import { RequestJournal } from './logging/request-journal';
import { installRequestHooks } from './logging/request-log';
import { rootLoggerFor } from './logging/root-logger';
import { MailMetricsListener } from './metrics/mail-metrics.listener';
import { MetricsController } from './metrics/metrics.controller';
import { Metrics } from './metrics/metrics.service';

/**
 * Health probes (/health/live, /health/ready), structured request logs with a
 * request id, and Prometheus metrics (/metrics). Graceful shutdown is in ./shutdown.
 * Global so that any module can inject `Metrics` (e.g. the throttler counts `rateLimitHits`).
 */
@Global()
@Module({
  imports: [
    TerminusModule.forRoot({ logger: false }),
    LoggerModule.forRootAsync({
      inject: [SETTINGS],
      useFactory: (settings: Settings) => ({
        // pino-http's logger (its serializers) is the root; its per-request middleware runs on no route: it opens an
        // AsyncLocalStorage context per request, which on Node 20 turns on promise hooks for every promise in the
        // process (≈ 10 µs a request, BENCHMARKS.md). The request line is ours (request-journal.ts) and carries the
        // request id; so does the one log a request can cause, a crash (drf.filter.ts).
        pinoHttp: { logger: rootLoggerFor(settings), autoLogging: false, quietReqLogger: true, genReqId: (req) => requestIdOf(req) },
        forRoutes: [],
      }),
    }),
  ],
  controllers: [HealthController, MetricsController],
  providers: [Metrics, RequestJournal, MigrationsIndicator, OutboxIndicator, MailMetricsListener],
  exports: [Metrics, RequestJournal],
})
export class OpsModule implements OnApplicationBootstrap {
  constructor(
    private readonly journal: RequestJournal,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onApplicationBootstrap(): void {
    installRequestHooks(this.adapterHost.httpAdapter.getInstance<FastifyInstance>(), (record) => this.journal.record(record));
  }
}
