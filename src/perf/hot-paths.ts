import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SimpleJwtService } from '../auth/jwt/simple-jwt.service';
import { VERIFY_FIELDS } from '../auth/jwt/jwt-views';
import { SETTINGS } from '../config/config.module';
import type { Settings } from '../config/settings';
import { AuthenticationRegistry } from '../drf/authentication';
import { parsePythonJson } from '../drf/parsing/python-json';
import { renderJsonBytes } from '../drf/renderer';
import type { DrfRequest } from '../drf/request';
import { RouteRegistry } from '../drf/route-registry';
import { validateFields } from '../drf/serializer';
import { USER_ME_VIEW } from '../users/djoser-views';
import { representUser } from '../users/user-representation';
import type { User } from '../users/user.entity';

const ME = '/auth/users/me/';
const VERIFY = '/auth/jwt/verify/';
/** Fastify's route patterns (registered without the trailing slash: the router ignores it). */
const ME_ROUTE = '/auth/users/me';
const VERIFY_ROUTE = '/auth/jwt/verify';
/** Accept values DRF negotiates to plain compact JSON (anything else takes the full pipeline). */
const PLAIN_ACCEPT = new Set([undefined, '*/*', 'application/json']);

/**
 * The two requests an application sends most, `GET /auth/users/me/` and `POST /auth/jwt/verify/`,
 * answered from a Fastify preHandler hook when they are the plain success case: the same
 * authenticators, permission, serializer and renderer as the DRF pipeline, without Nest's
 * per-request guard/interceptor/rxjs machinery (which costs more than the work itself).
 * Anything else (another Accept, a query string, a body that is not plain JSON, any failure)
 * falls through untouched to the full pipeline, which then answers exactly as before;
 * Fastify's own hooks (security headers, CORS, logging) run either way.
 */
@Injectable()
export class HotPaths implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly authentication: AuthenticationRegistry,
    private readonly routes: RouteRegistry,
    private readonly jwt: SimpleJwtService,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('preHandler', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
      const answer = this.eligible(req) ? (req.method === 'GET' ? this.me(req as DrfRequest) : this.verify(req as DrfRequest)) : null;
      if (!answer) return done();
      const fallThrough = () => {
        delete (req as Partial<DrfRequest>).drf; // the full pipeline starts from a clean request
        done();
      };
      answer.then((body) => (body ? this.send(req as DrfRequest, reply, body) : fallThrough()), fallThrough);
    });
  }

  private eligible(req: FastifyRequest): boolean {
    const route = req.routeOptions.url;
    if (route === ME_ROUTE) return req.method === 'GET' && req.url === ME && PLAIN_ACCEPT.has(req.headers.accept);
    if (route === VERIFY_ROUTE) {
      return req.method === 'POST' && req.url === VERIFY && PLAIN_ACCEPT.has(req.headers.accept) && req.headers['content-type'] === 'application/json';
    }
    return false;
  }

  /** `me` (retrieve): authenticated by DEFAULT_AUTHENTICATION_CLASSES, the view's permission, UserSerializer. */
  private async me(req: DrfRequest): Promise<Buffer | null> {
    req.drf = { user: null, auth: null, negotiated: { contentType: 'application/json', indent: null }, routePattern: ME_ROUTE };
    await this.authentication.authenticate(req);
    if (!req.drf.user || !USER_ME_VIEW.defaultPermission(req)) return null;
    return renderJsonBytes(representUser(req.drf.user as User, this.settings.djoser));
  }

  /** TokenVerifySerializer (no authentication on SimpleJWT's views). */
  private async verify(req: DrfRequest): Promise<Buffer | null> {
    if (!req.rawBody?.length) return null;
    req.drf = { user: null, auth: null, negotiated: { contentType: 'application/json', indent: null }, routePattern: VERIFY_ROUTE };
    const { token } = await validateFields(VERIFY_FIELDS, parsePythonJson(req.rawBody, undefined));
    return renderJsonBytes(await this.jwt.verify(token));
  }

  private send(req: DrfRequest, reply: FastifyReply, body: Buffer): void {
    const view = this.routes.byRoutePattern(req.drf.routePattern);
    if (view) reply.header('Allow', view.allow);
    reply.header('Vary', 'Accept').header('Content-Type', 'application/json').status(200).send(body);
  }
}
