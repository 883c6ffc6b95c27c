import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { SETTINGS } from '../config/config.module';
import type { Settings } from '../config/settings';
import { AuthenticationRegistry } from './authentication';
import { DJANGO_BAD_REQUEST_HTML, DJANGO_NOT_FOUND_HTML, DJANGO_SERVER_ERROR_HTML, DjangoBadRequest, DjangoNotFound } from './django-pages';
import { ApiException } from './exceptions';
import { fromHttpStack } from './hardening';
import { sendDrfError } from './http-headers';
import { i18nOf } from '../i18n/i18n.module';
import type { I18n } from '../i18n/i18n';
import type { DrfRequest } from './request';
import { RouteRegistry } from './route-registry';
import { requestIdOf } from '../ops/logging/request-id';

/**
 * The one place error responses are written. DRF errors render as DRF does (with
 * `WWW-Authenticate` on 401s); what Django would answer itself (unknown URL, a
 * crash) is Django's HTML page; a crash is logged, never shown.
 */
@Catch()
export class DrfExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('DrfExceptionFilter');
  private readonly i18n: I18n;

  constructor(
    private readonly registry: RouteRegistry,
    private readonly authentication: AuthenticationRegistry,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {
    this.i18n = i18nOf(settings);
  }

  /** Error texts are translated here, where they are rendered (the language of the request, or LANGUAGE_CODE). */
  private translated(req: DrfRequest, data: unknown): unknown {
    return this.i18n.translateData(this.i18n.languageOf(req), data);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<DrfRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (reply.sent) return;
    exception = fromHttpStack(exception) ?? exception;

    if (exception instanceof ApiException) {
      const headers = { ...exception.headers };
      if (exception.status === 401 && !this.registry.viewOf(req)?.plainJson) {
        const challenge = this.authentication.wwwAuthenticate();
        if (challenge) headers['WWW-Authenticate'] = challenge;
      }
      sendDrfError(req, reply, this.registry, exception.status, this.translated(req, exception.data), headers);
      return;
    }
    if (exception instanceof DjangoNotFound || (exception instanceof HttpException && exception.getStatus() === 404)) {
      this.djangoPage(reply, 404, DJANGO_NOT_FOUND_HTML);
      return;
    }
    if (exception instanceof DjangoBadRequest) {
      this.djangoPage(reply, 400, DJANGO_BAD_REQUEST_HTML);
      return;
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      // Errors raised by the HTTP stack itself (e.g. a body over the size limit).
      sendDrfError(req, reply, this.registry, exception.getStatus(), this.translated(req, { detail: exception.message }));
      return;
    }
    const status = (exception as { statusCode?: number }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      sendDrfError(req, reply, this.registry, status, this.translated(req, { detail: (exception as Error).message }));
      return;
    }
    // the request id ties the crash to its `request completed` line (no per-request log context: ops.module.ts)
    const cause = exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
    this.logger.error(`request ${requestIdOf(req.raw)} crashed: ${cause}`);
    this.djangoPage(reply, 500, DJANGO_SERVER_ERROR_HTML);
  }

  /**
   * A page Django answers itself: none of what the DRF guard prepared for the view's answer
   * (Allow, Vary: Accept, the JSON serializer, which a Buffer bypasses) belongs on it.
   */
  private djangoPage(reply: FastifyReply, status: number, html: string): void {
    reply.removeHeader('Allow');
    reply.removeHeader('Vary');
    reply.status(status).header('Content-Type', this.settings.compat.djangoErrorPageContentType).send(Buffer.from(html, 'utf8'));
  }
}
