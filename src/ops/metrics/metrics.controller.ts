import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SETTINGS } from '../../config/config.module';
import type { Settings } from '../../config/settings';
import { DjangoNotFound } from '../../drf/django-pages';
import { NotAuthenticated, PermissionDenied } from '../../drf/exceptions';
import { Metrics } from './metrics.service';

/** Prometheus exposition: 404 when METRICS_ENABLED=false; bearer-protected when METRICS_BEARER_TOKEN is set. */
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly metrics: Metrics,
  ) {}

  @Get()
  async scrape(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { metricsEnabled, metricsBearerToken } = this.settings.ops;
    if (!metricsEnabled) throw new DjangoNotFound();
    if (metricsBearerToken) {
      const header = req.headers.authorization;
      if (!header) throw NotAuthenticated();
      if (!sameSecret(header, `Bearer ${metricsBearerToken}`)) throw PermissionDenied();
    }
    const body = await this.metrics.registry.metrics();
    reply.status(200).header('Content-Type', this.metrics.registry.contentType).header('Cache-Control', 'no-store').send(body);
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
