import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { SimpleJwtService } from '../auth/jwt/simple-jwt.service';
import { SETTINGS } from '../config/config.module';
import type { Settings } from '../config/settings';
import { AuthenticationRegistry } from '../drf/authentication';
import { CorsPolicy } from '../drf/cors';
import { hstsHeader } from '../drf/hardening';
import { SECURITY_HEADERS } from '../drf/http-adapter';
import type { DrfRequest } from '../drf/request';
import { RouteRegistry } from '../drf/route-registry';
import { renderJsonBytes } from '../drf/renderer';
import { RequestJournal } from '../ops/logging/request-journal';
import { requestIdOf } from '../ops/logging/request-id';
import { USER_ME_VIEW } from '../users/djoser-views';
import { representUser } from '../users/user-representation';
import type { User } from '../users/user.entity';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const ME = '/auth/users/me/';
const VERIFY = '/auth/jwt/verify/';
/** Accept values DRF negotiates to plain compact JSON (anything else takes the full pipeline). */
const PLAIN_ACCEPT = new Set([undefined, '*/*', 'application/json']);
/** A verify body in the form every client sends: one `token` member, a JWT's alphabet, nothing to unescape. */
const PLAIN_VERIFY_BODY = /^\{[ \t\n\r]*"token"[ \t\n\r]*:[ \t\n\r]*"([A-Za-z0-9_.=-]{1,4096})"[ \t\n\r]*\}[ \t\n\r]*$/;
const MAX_VERIFY_BODY = 4200;
const VERIFIED = renderJsonBytes({});
/** Django's security headers as Fastify writes them (lower-case names). */
const SECURITY = Object.entries(SECURITY_HEADERS).flatMap(([name, value]) => [name.toLowerCase(), value]);
/** A body the lane read and then left to Fastify, which reads it again from here. */
const READ_BODY = Symbol('fastLaneBody');

/**
 * The two requests an application sends most, `GET /auth/users/me/` and `POST /auth/jwt/verify/`,
 * answered straight from the HTTP server's request event when they are the plain success case:
 * the same authenticators, permission, token checks, serializer and renderer as the DRF
 * pipeline, and the same headers, request id, metrics and log line, without Fastify's routing
 * and hooks or Nest's guards, interceptors and middleware (which cost ten times the work).
 * Any other request, and any of these that fails or does not look plain (another Accept, a
 * query string, an Origin CORS does not allow, a body in another form), goes to Fastify as if
 * the lane were not there, and gets exactly the answer the pipeline gives; test/perf pins
 * both, byte for byte. While the server closes, everything goes to Fastify (its 503s).
 */
@Injectable()
export class FastLane implements OnModuleInit {
  private open = false;
  private readonly cors: CorsPolicy;
  private readonly hsts: string | null;
  private readonly vary: string;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly authentication: AuthenticationRegistry,
    private readonly routes: RouteRegistry,
    private readonly jwt: SimpleJwtService,
    private readonly journal: RequestJournal,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {
    this.cors = new CorsPolicy(settings);
    this.hsts = hstsHeader(settings.hardening);
    this.vary = this.cors.enabled ? 'Accept, origin' : 'Accept';
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const server = fastify.server as Server;
    const handlers = server.listeners('request') as Handler[];
    if (handlers.length !== 1) return; // not the server Fastify set up: leave it alone
    const [fastifyHandler] = handlers;
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (this.open) this.handle(req, res, fastifyHandler);
      else fastifyHandler(req, res);
    });
    // A body the lane read before handing the request over is read again from a copy.
    fastify.addHook('preParsing', (request, _reply, payload, done) => {
      const body = (request.raw as IncomingMessage & { [READ_BODY]?: Buffer })[READ_BODY];
      done(null, body ? Readable.from([body], { objectMode: false }) : payload);
    });
    fastify.addHook('preClose', (done) => {
      this.open = false;
      done();
    });
    this.open = true;
  }

  private handle(req: IncomingMessage, res: ServerResponse, next: Handler): void {
    const url = req.url;
    if (url === ME && req.method === 'GET' && this.plain(req) && !hasBody(req)) this.me(req, res, next);
    else if (url === VERIFY && req.method === 'POST' && this.plain(req) && req.headers['content-type'] === 'application/json') this.verify(req, res, next);
    else next(req, res);
  }

  /** Compact JSON negotiated, and no chunked body: the answer and its headers are the plain case. */
  private plain(req: IncomingMessage): boolean {
    // LOCALE_MIDDLEWARE answers carry Content-Language / Vary: Accept-Language, which the lane does not write.
    return PLAIN_ACCEPT.has(req.headers.accept) && req.headers['transfer-encoding'] === undefined && !this.settings.i18n.localeMiddleware;
  }

  /** `me` (retrieve): DEFAULT_AUTHENTICATION_CLASSES, the view's permission, UserSerializer. */
  private me(req: IncomingMessage, res: ServerResponse, next: Handler): void {
    const view = this.routes.byRoutePattern(ME);
    if (!view) return next(req, res);
    const started = performance.now();
    const drfReq = { raw: req, headers: req.headers, method: 'GET', url: ME, drf: { user: null, auth: null } } as unknown as DrfRequest;
    this.authentication.authenticate(drfReq).then(
      () => {
        const user = drfReq.drf.user as User | null;
        if (!user || !USER_ME_VIEW.defaultPermission(drfReq)) return next(req, res);
        const body = renderJsonBytes(representUser(user, this.settings.djoser));
        this.send(req, res, view.allow, view.pattern, body, started, user.id);
      },
      () => next(req, res),
    );
  }

  /** TokenVerifySerializer (SimpleJWT's views authenticate nobody). */
  private verify(req: IncomingMessage, res: ServerResponse, next: Handler): void {
    const view = this.routes.byRoutePattern(VERIFY);
    const length = Number(req.headers['content-length']);
    if (!view || !(length > 0 && length <= MAX_VERIFY_BODY)) return next(req, res);
    const started = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      const handOver = () => {
        (req as IncomingMessage & { [READ_BODY]?: Buffer })[READ_BODY] = body;
        next(req, res);
      };
      const token = PLAIN_VERIFY_BODY.exec(body.toString('latin1'))?.[1];
      if (token === undefined) return handOver();
      this.jwt.verify(token).then(() => this.send(req, res, view.allow, view.pattern, VERIFIED, started, undefined), handOver);
    });
  }

  /** The pipeline's headers in the pipeline's order: view, CORS, hardening, Django's security headers, request id. */
  private send(req: IncomingMessage, res: ServerResponse, allow: string, route: string, body: Buffer, started: number, userId: number | undefined): void {
    const requestId = requestIdOf(req);
    const headers = ['allow', allow, 'vary', this.vary, 'content-type', 'application/json'];
    if (this.cors.enabled) for (const [name, value] of this.cors.answerHeaders(req.method ?? 'GET', req.headers)) headers.push(name, value);
    if (this.hsts) headers.push('strict-transport-security', this.hsts);
    headers.push(...SECURITY);
    headers.push('x-request-id', requestId, 'content-length', String(body.length));
    res.writeHead(200, headers);
    res.end(body);
    this.journal.record({
      requestId,
      method: req.method ?? 'GET',
      route,
      status: 200,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      userId,
      hadAuthorization: typeof req.headers.authorization === 'string',
    });
  }
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return length !== undefined && length !== '0';
}
