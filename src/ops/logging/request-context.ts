import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { PinoLogger } from 'nestjs-pino';
import { Store, storage } from 'nestjs-pino/storage';
import { requestIdOf } from './request-id';

/**
 * The request's logger as nestjs-pino's middleware (pino-http with `quietReqLogger`) sets it:
 * `root.child({ reqId })`, so that app logs written while a request runs carry its id. Built
 * only when something logs (most requests log nothing), not per request as the middleware does.
 */
class LazyRequestStore {
  private child?: Logger;

  constructor(private readonly id: string) {}

  get logger(): Logger {
    return (this.child ??= PinoLogger.root.child({ reqId: this.id }));
  }

  /** PinoLogger.assign() replaces the request's logger with a child of it. */
  set logger(logger: Logger) {
    this.child = logger;
  }

  responseLogger = undefined;
}

/** Each request runs in its own logging context, opened by a Fastify hook instead of a Nest middleware. */
export function installRequestLogContext(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (req: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    storage.run(new LazyRequestStore(requestIdOf(req.raw)) as unknown as Store, done);
  });
}
