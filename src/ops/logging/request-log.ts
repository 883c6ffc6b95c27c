import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DrfRequest } from '../../drf/request';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id';

export interface RequestRecord {
  requestId: string;
  method: string;
  /** The route pattern (`/auth/users/:id`), never the URL: URLs can carry uid/token pairs. */
  route: string;
  status: number;
  durationMs: number;
  userId?: number;
  hadAuthorization: boolean;
}

/** The pattern that answered: the DRF view's, the Fastify route's, or a fixed label (no unbounded label values). */
export function routeOf(req: FastifyRequest): string {
  const drfPattern = (req as DrfRequest).drf?.routePattern;
  if (drfPattern) return labelOf(drfPattern, false);
  const url = req.routeOptions?.url;
  if (url && url !== '*' && url !== '/*') return labelOf(url, true);
  return '<unmatched>';
}

/** Labels by pattern (a fixed set: the registered routes), worked out once each. */
const labels = new Map<string, string>();
function labelOf(pattern: string, fastifyRoute: boolean): string {
  const key = fastifyRoute ? `r ${pattern}` : pattern;
  let label = labels.get(key);
  if (label === undefined) {
    label = stripParamRegexes(pattern);
    if (fastifyRoute) label = label.replace(/\/+$/, '') || '/';
    labels.set(key, label);
  }
  return label;
}

/** `/auth/users/:id(^(?!(?:me|...)$)[^.]+$)` → `/auth/users/:id`: the label names the parameter, not its regex. */
export function stripParamRegexes(pattern: string): string {
  let out = '';
  let depth = 0;
  for (const ch of pattern) {
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0) out += ch;
  }
  return out;
}

/**
 * Fastify hooks: echo the request id on every answer (also those an earlier hook
 * sends, like APPEND_SLASH redirects), and hand each finished request to `sink` once.
 */
export function installRequestHooks(fastify: FastifyInstance, sink: (record: RequestRecord) => void): void {
  fastify.addHook('onSend', (req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (e: null, p: unknown) => void) => {
    reply.header('X-Request-Id', requestIdOf(req.raw));
    done(null, payload);
  });
  fastify.addHook('onResponse', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    sink({
      requestId: requestIdOf(req.raw),
      method: req.method,
      route: routeOf(req),
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
      userId: (req as DrfRequest).drf?.user?.id,
      hadAuthorization: typeof req.headers.authorization === 'string',
    });
    done();
  });
}

export { REQUEST_ID_HEADER };
