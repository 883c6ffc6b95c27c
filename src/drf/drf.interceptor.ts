import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, Observable } from 'rxjs';
import { renderJsonBytes } from './renderer';
import type { DrfRequest } from './request';
import { RouteRegistry } from './route-registry';

/**
 * Renders what a DRF handler returns: compact (or indented) UTF-8 JSON with
 * `Content-Type: application/json`, `Allow` and `Vary: Accept`; `undefined` is an
 * empty body with no Content-Type (all of Djoser's 204s).
 */
@Injectable()
export class DrfResponseInterceptor implements NestInterceptor {
  constructor(private readonly registry: RouteRegistry) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<DrfRequest>();
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(
      map((data) => {
        if (!req.drf?.routePattern) return data; // not a DRF view (e.g. health checks)
        const entry = this.registry.byRoutePattern(req.drf.routePattern);
        if (!entry?.view.plainJson) {
          if (entry) reply.header('Allow', entry.allow);
          reply.header('Vary', 'Accept');
        }
        if (data === undefined) return undefined;
        reply.header('Content-Type', 'application/json');
        return renderJsonBytes(data, req.drf.negotiated?.indent ?? null);
      }),
    );
  }
}
