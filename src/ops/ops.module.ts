import { Global, Inject, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
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
import { installRequestHooks, RequestRecord } from './logging/request-log';
import { rootLoggerFor } from './logging/root-logger';
import { countAuth } from './metrics/auth-metrics';
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
        // pino-http gives app logs written during a request its id; the request line itself is ours (route pattern, user).
        pinoHttp: { logger: rootLoggerFor(settings), autoLogging: false, quietReqLogger: true, genReqId: (req) => requestIdOf(req) },
      }),
    }),
  ],
  controllers: [HealthController, MetricsController],
  providers: [Metrics, MigrationsIndicator, OutboxIndicator, MailMetricsListener],
  exports: [Metrics],
})
export class OpsModule implements OnApplicationBootstrap {
  private readonly textLog = new Logger('HTTP');

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly metrics: Metrics,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onApplicationBootstrap(): void {
    installRequestHooks(this.adapterHost.httpAdapter.getInstance<FastifyInstance>(), (record) => this.finished(record));
  }

  private finished(r: RequestRecord): void {
    const labels = { method: r.method, route: r.route, status: String(r.status) };
    this.metrics.httpRequests.inc(labels);
    this.metrics.httpDuration.observe(labels, r.durationMs / 1000);
    countAuth(this.metrics, r.route, r.method, r.status, r.hadAuthorization);
    const { hadAuthorization: _, ...fields } = r;
    if (this.settings.logFormat === 'json') rootLoggerFor(this.settings).info(fields, 'request completed');
    else
      this.textLog.log(
        `${r.method} ${r.route} ${r.status} ${r.durationMs}ms id=${r.requestId}${r.userId !== undefined ? ` user=${r.userId}` : ''}`,
      );
  }
}
