import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SETTINGS } from '../../config/config.module';
import { constantTimeEquals } from '../../crypto/constant-time';
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
      if (!constantTimeEquals(header, `Bearer ${metricsBearerToken}`)) throw PermissionDenied();
    }
    const body = await this.metrics.registry.metrics();
    reply.status(200).header('Content-Type', this.metrics.registry.contentType).header('Cache-Control', 'no-store').send(body);
  }
}
