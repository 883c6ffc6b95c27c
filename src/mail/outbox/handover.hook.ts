import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { madeRequestContext } from '../../drf/request';
import { MailHandover } from './handover';

/**
 * Holds every answer (success or error) until the mail its request committed has had its
 * first attempt (see MailHandover): a Fastify send hook, so a request that mailed nobody
 * pays one WeakMap lookup, not an interceptor's RxJS chain.
 */
@Injectable()
export class MailHandoverHook implements OnApplicationBootstrap {
  constructor(
    private readonly handover: MailHandover,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onApplicationBootstrap(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return; // the CLI: no HTTP server
    fastify.addHook('onSend', (req: FastifyRequest, _reply: FastifyReply, payload: unknown, done: (e: null, p: unknown) => void) => {
      // Keyed by the plain context the view handed to the services (drf/request.ts).
      const key = madeRequestContext(req);
      if (!key || !this.handover.has(key)) return done(null, payload);
      void this.handover.settle(key).then(() => done(null, payload));
    });
  }
}
