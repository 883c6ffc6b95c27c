import { HttpException } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiException } from './exceptions';
import { RequestEntityTooLarge } from './exceptions';

/**
 * HTTP hardening for a JSON API, applied to every answer (errors and 404s too).
 * The reference already sends Django's SecurityMiddleware / XFrameOptionsMiddleware
 * headers (set in http-adapter.ts); this adds what Django leaves to the integrator:
 * HSTS behind SECURE_HSTS_SECONDS, `Cache-Control: no-store` on answers that carry
 * tokens, and the request limits (body size, JSON depth).
 */
export interface HardeningOptions {
  dataUploadMaxMemorySize: number;
  dataUploadMaxJsonDepth: number;
  hstsSeconds: number;
  hstsIncludeSubdomains: boolean;
  hstsPreload: boolean;
}

/** Views whose successful answers carry a credential (SimpleJWT and DRF send no Cache-Control). */
const TOKEN_ROUTES = /^\/(?:auth\/jwt\/(?:create|refresh)|auth\/token\/login|api\/token(?:\/refresh)?|api-token-auth)\/?(?:\?|$)/;

const limitsByServer = new WeakMap<object, HardeningOptions>();

/** The limits of the app a request belongs to (tests run several apps in one process). */
export function requestLimits(req: { server: object }): HardeningOptions | undefined {
  return limitsByServer.get(req.server);
}

export function hstsHeader(o: HardeningOptions): string | null {
  if (o.hstsSeconds <= 0) return null;
  return [`max-age=${o.hstsSeconds}`, o.hstsIncludeSubdomains && 'includeSubDomains', o.hstsPreload && 'preload']
    .filter(Boolean)
    .join('; ');
}

export function installHardening(fastify: FastifyInstance, options: HardeningOptions): void {
  limitsByServer.set(fastify, options);
  const hsts = hstsHeader(options);
  fastify.addHook('onSend', (req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (e: null, p: unknown) => void) => {
    reply.removeHeader('X-Powered-By');
    // Django sends HSTS on secure requests only; behind a TLS-terminating proxy every request looks plain, so always.
    if (hsts) reply.header('Strict-Transport-Security', hsts);
    if (TOKEN_ROUTES.test(req.url) && !reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    done(null, payload);
  });
}

/**
 * Errors raised by Fastify itself before a view runs, as DRF-shaped exceptions:
 * a body over DATA_UPLOAD_MAX_MEMORY_SIZE (announced by Content-Length or counted
 * while a chunked body streams in) is Django's RequestDataTooBig message, as a 413.
 */
export function fromHttpStack(e: unknown): ApiException | null {
  // Nest maps Fastify's FST_ERR_CTP_BODY_TOO_LARGE to a plain HttpException(413), losing the code.
  if (e instanceof HttpException && e.getStatus() === 413) return RequestEntityTooLarge();
  if ((e as { code?: unknown } | null)?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return RequestEntityTooLarge();
  return null;
}
