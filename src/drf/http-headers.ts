import type { FastifyReply } from 'fastify';
import type { DrfRequest } from './request';
import type { RouteRegistry } from './route-registry';
import { renderJsonBytes } from './renderer';
import { errorMessage } from './exceptions';

/** The route entry that owns the request: the matched pattern, else the path (404/405 answers). */
function entryFor(req: DrfRequest, registry: RouteRegistry) {
  return registry.byRoutePattern(req.drf?.routePattern) ?? registry.match(req.url.split('?')[0]);
}

/**
 * Writes a DRF response: `Allow` and `Vary: Accept` on every answer of a DRF view
 * (errors included), JSON rendered with the negotiated indent, and no Content-Type
 * at all on an empty body.
 */
export function sendDrf(
  req: DrfRequest,
  reply: FastifyReply,
  registry: RouteRegistry,
  status: number,
  data: unknown,
  extraHeaders: Record<string, string> = {},
): FastifyReply {
  const entry = entryFor(req, registry);
  reply.status(status);
  if (!entry?.view.plainJson) {
    if (entry) reply.header('Allow', entry.allow);
    reply.header('Vary', 'Accept');
  }
  for (const [k, v] of Object.entries(extraHeaders)) reply.header(k, v);
  if (data === undefined) {
    reply.removeHeader('Content-Type');
    return reply.send();
  }
  reply.header('Content-Type', 'application/json');
  return reply.send(renderJsonBytes(data, req.drf?.negotiated?.indent ?? null));
}

/** An error answer: DRF's body, or the error shape of the plain JSON view that owns the path. */
export function sendDrfError(
  req: DrfRequest,
  reply: FastifyReply,
  registry: RouteRegistry,
  status: number,
  data: unknown,
  extraHeaders: Record<string, string> = {},
): FastifyReply {
  const plain = entryFor(req, registry)?.view.plainJson;
  return sendDrf(req, reply, registry, status, plain ? plain.errorBody(status, errorMessage(data)) : data, extraHeaders);
}
