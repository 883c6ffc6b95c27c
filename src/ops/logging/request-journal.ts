import { Inject, Injectable, Logger } from '@nestjs/common';
import { SETTINGS } from '../../config/config.module';
import type { Settings } from '../../config/settings';
import { countAuth } from '../metrics/auth-metrics';
import { Metrics } from '../metrics/metrics.service';
import type { RequestRecord } from './request-log';
import { rootLoggerFor } from './root-logger';

/**
 * Where every answered request ends: counted in the metrics and logged as one line.
 * The Fastify hooks hand it every answered request (one pipeline for all routes).
 */
@Injectable()
export class RequestJournal {
  private readonly textLog = new Logger('HTTP');
  /** The request line is written at info level ('log'): below LOG_LEVEL it is not even built. */
  private readonly logsRequests: boolean;

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly metrics: Metrics,
  ) {
    this.logsRequests = settings.logLevel === 'log' || settings.logLevel === 'debug' || settings.logLevel === 'verbose';
  }

  record(r: RequestRecord): void {
    const labels = { method: r.method, route: r.route, status: String(r.status) };
    this.metrics.httpRequests.inc(labels);
    this.metrics.httpDuration.observe(labels, r.durationMs / 1000);
    countAuth(this.metrics, r.route, r.method, r.status, r.hadAuthorization);
    if (!this.logsRequests) return;
    const { hadAuthorization: _, ...fields } = r;
    if (this.settings.logFormat === 'json') rootLoggerFor(this.settings).info(fields, 'request completed');
    else
      this.textLog.log(
        `${r.method} ${r.route} ${r.status} ${r.durationMs}ms id=${r.requestId}${r.userId !== undefined ? ` user=${r.userId}` : ''}`,
      );
  }
}
