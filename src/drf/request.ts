import type { FastifyRequest } from 'fastify';
import type { Negotiated } from './negotiation';

/** The authenticated principal as the wire layer sees it; the auth module attaches its User entity. */
export interface Principal {
  id: number;
  isStaff: boolean;
  isActive: boolean;
}

/** What the wire layer keeps on each request (DRF's `request.user`, `request.auth`, accepted renderer). */
export interface DrfState {
  user: Principal | null;
  /** The credential that authenticated the request (a decoded JWT payload, a DRF token key...). */
  auth: unknown;
  negotiated?: Negotiated;
  /** Route pattern of the DRF view that answers this path (for `Allow`). */
  routePattern?: string;
  /** What runs once the view answered with a success status (throttles giving back failures-only slots). */
  onSuccess?: Array<() => void>;
  /** The guard set up DRF's rendering for this answer (renderer.ts). */
  rendered?: boolean;
}

export type DrfRequest = FastifyRequest & { drf: DrfState; rawBody?: Buffer };

export function drfState(req: FastifyRequest): DrfState {
  const r = req as DrfRequest;
  if (!r.drf) r.drf = { user: null, auth: null };
  return r.drf;
}

/**
 * What a service gets of the HTTP request it serves, as plain data (the view turns the request
 * into it): Django's `request.get_host()` and `request.is_secure()`, for the links in e-mails.
 * It is also what the request's signals carry as `request`, and the key under which the answer
 * waits for the request's mail (src/mail/outbox). The CLI and tests build one without HTTP.
 */
export interface RequestContext {
  readonly host: string;
  readonly secure: boolean;
}

const CONTEXT = Symbol('drf.requestContext');

/** The request's context, made once per request. */
export function requestContext(req: FastifyRequest): RequestContext {
  const r = req as FastifyRequest & { [CONTEXT]?: RequestContext };
  return (r[CONTEXT] ??= { host: req.headers.host ?? '', secure: req.protocol === 'https' });
}

/** The context a view made for this request, if it made one (nothing is built for requests that never asked). */
export function madeRequestContext(req: FastifyRequest): RequestContext | undefined {
  return (req as FastifyRequest & { [CONTEXT]?: RequestContext })[CONTEXT];
}

/** Django's `QueryDict.get`: the last value of a repeated query parameter. */
export function queryParam(req: FastifyRequest, name: string): string | undefined {
  const value = (req.query as Record<string, string | string[] | undefined> | undefined)?.[name];
  return Array.isArray(value) ? value[value.length - 1] : value;
}
