import { Global, Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, DiscoveryModule, HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { AuthenticationRegistry } from './authentication';
import { DrfExceptionFilter } from './drf.filter';
import { DrfGuard } from './drf.guard';
import { installDrfHooks } from './http-adapter';
import { RouteRegistry } from './route-registry';
import { ThrottleRegistry } from './throttling';

/**
 * The DRF wire layer: negotiation, authentication, permission and throttles (guard), rendering
 * (set up by the guard, renderer.ts), error bodies (filter), lazy body parsing (`@Data()`), Allow / 405 /
 * OPTIONS / APPEND_SLASH (route registry + fallback). Controllers only declare
 * `@DrfRoute` and return data. The FallbackController is registered by AppModule,
 * last, so that it never shadows a real route.
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [
    RouteRegistry,
    AuthenticationRegistry,
    { provide: APP_GUARD, useClass: DrfGuard },
    ThrottleRegistry,
    { provide: APP_FILTER, useClass: DrfExceptionFilter },
  ],
  exports: [RouteRegistry, AuthenticationRegistry, ThrottleRegistry],
})
export class DrfModule implements OnApplicationBootstrap {
  constructor(
    private readonly registry: RouteRegistry,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onApplicationBootstrap(): void {
    this.registry.build();
    installDrfHooks(this.adapterHost.httpAdapter.getInstance<FastifyInstance>(), this.registry);
  }
}
