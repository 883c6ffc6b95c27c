import { All, Controller, Req } from '@nestjs/common';
import { DjangoNotFound } from './django-pages';
import { ApiException, MethodNotAllowed } from './exceptions';
import { viewMetadata } from './metadata';
import type { DrfRequest } from './request';
import { RouteRegistry } from './route-registry';

/**
 * Answers what no handler maps: OPTIONS (DRF metadata) and 405 for a known path
 * (after the guard ran the view's authentication and permission, as DRF does),
 * and Django's 404 page for unknown paths.
 */
@Controller()
export class FallbackController {
  constructor(private readonly registry: RouteRegistry) {}

  @All('*')
  async fallback(@Req() req: DrfRequest): Promise<unknown> {
    const entry = this.registry.match(req.url.split('?')[0]);
    if (!entry) throw new DjangoNotFound();
    req.drf.routePattern = entry.pattern;
    const plain = entry.view.plainJson;
    if (plain) throw new ApiException(405, { detail: plain.methodNotAllowed });
    if (req.method === 'OPTIONS') return viewMetadata(entry.view, req);
    throw MethodNotAllowed(req.method);
  }
}
