import { CallHandler, DynamicModule, ExecutionContext, Global, Inject, Injectable, Module, NestInterceptor, OnApplicationBootstrap } from '@nestjs/common';
import { APP_INTERCEPTOR, HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { SETTINGS } from '../config/config.module';
import type { Settings } from '../config/settings';
import { I18n, varyWithAcceptLanguage } from './i18n';

export const i18nOf = (settings: Settings): I18n => I18n.of(settings.i18n, settings.compat.stack);

/** The handler runs in the request's language, so the e-mails it renders are in it (as under LocaleMiddleware). */
@Injectable()
export class MailLanguageInterceptor implements NestInterceptor {
  private readonly i18n: I18n;

  constructor(@Inject(SETTINGS) settings: Settings) {
    this.i18n = i18nOf(settings);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const lang = this.i18n.languageOf(context.switchToHttp().getRequest<FastifyRequest>());
    return new Observable((subscriber) => this.i18n.runWithMailLanguage(lang, () => next.handle().subscribe(subscriber)));
  }
}

/**
 * LANGUAGE_CODE / USE_I18N / LANGUAGES / LOCALE_MIDDLEWARE. With LOCALE_MIDDLEWARE every
 * answer gets LocaleMiddleware's `Content-Language` and `Vary: Accept-Language`.
 */
@Global()
@Module({})
export class I18nModule implements OnApplicationBootstrap {
  /** The interceptor only with LOCALE_MIDDLEWARE: any interceptor costs every route an RxJS hop (issue 21). */
  static forSettings(settings: Settings): DynamicModule {
    const perRequest = i18nOf(settings).settings.localeMiddleware;
    return { module: I18nModule, providers: perRequest ? [{ provide: APP_INTERCEPTOR, useClass: MailLanguageInterceptor }] : [] };
  }

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    i18nOf(settings); // LANGUAGE_CODE checked at start
  }

  onApplicationBootstrap(): void {
    const i18n = i18nOf(this.settings);
    if (!i18n.settings.localeMiddleware) return;
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onSend', (req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (e: null, p: unknown) => void) => {
      reply.header('Vary', varyWithAcceptLanguage(reply.getHeader('Vary') as string | undefined));
      if (!reply.hasHeader('Content-Language')) reply.header('Content-Language', i18n.languageOf(req));
      done(null, payload);
    });
  }
}
