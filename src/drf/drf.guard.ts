import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { AuthenticationRegistry } from './authentication';
import { NotAuthenticated, PermissionDenied } from './exceptions';
import { negotiateCached } from './negotiation';
import { prepareRendering } from './renderer';
import { DrfRequest, drfState, queryParam } from './request';
import { RegisteredView, RouteRegistry } from './route-registry';
import { ThrottleRegistry } from './throttling';
import { DRF_ROUTE, DrfRouteOptions, DrfView } from './view';

/** What the guard needs of a handler, read once (metadata reflection is not free). */
type HandlerRoute = DrfRouteOptions | null;

/**
 * DRF's `APIView.initial()` for every request, in DRF's order: content negotiation
 * (406 / 404 for `?format`), authentication (even on AllowAny views, except views
 * that opt out), the permission check (401 / 403 / the view's own denial), then the
 * throttles (429). Requests that no handler maps (405, OPTIONS) get the same treatment
 * from the view that owns the path. It also prepares the answer (renderer.ts): there is
 * no interceptor, each of which costs an RxJS chain and async-context bindings per request.
 */
@Injectable()
export class DrfGuard implements CanActivate {
  private readonly routes = new WeakMap<object, HandlerRoute>();

  constructor(
    private readonly reflector: Reflector,
    private readonly registry: RouteRegistry,
    private readonly authentication: AuthenticationRegistry,
    private readonly throttles: ThrottleRegistry,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const req = context.switchToHttp().getRequest<DrfRequest>();
    const route = this.routeOf(context.getHandler());
    let entry: RegisteredView | undefined;
    if (route) entry = this.registry.byRouteUrl(req.routeOptions.url);
    else {
      // The fallback handler: only paths that belong to a DRF view go through DRF's pipeline.
      entry = this.registry.match(req.url.split('?')[0]);
      if (!entry) return true;
    }
    const state = drfState(req);
    state.routePattern = entry?.pattern;
    const view = route ? route.view : entry!.view;
    // A plain JSON view (another package's) answers JSON whatever the Accept header.
    if (!view.plainJson) state.negotiated = negotiateCached(req.headers.accept, queryParam(req, 'format'));
    prepareRendering(context.switchToHttp().getResponse<FastifyReply>(), state, view, entry);
    return this.initial(req, route, view);
  }

  private async initial(req: DrfRequest, route: HandlerRoute, view: DrfView): Promise<boolean> {
    if (view.authenticate !== false) await this.authentication.authenticate(req);
    const permission = route ? (route.permission ?? view.defaultPermission) : view.defaultPermission;
    if (!permission(req)) {
      const action = route ? (route.action ?? req.method.toLowerCase()) : req.method === 'OPTIONS' ? 'metadata' : req.method.toLowerCase();
      const custom = view.permissionDenied?.(req, action);
      if (custom) throw custom;
      if (view.authenticate !== false && req.drf.user === null && this.authentication.authenticators.length > 0) throw NotAuthenticated();
      throw PermissionDenied();
    }
    if (!this.throttles.empty) await this.throttles.check(req);
    return true;
  }

  private routeOf(handler: object): HandlerRoute {
    let route = this.routes.get(handler);
    if (route === undefined) {
      route = this.reflector.get<DrfRouteOptions | undefined>(DRF_ROUTE, handler as () => void) ?? null;
      this.routes.set(handler, route);
    }
    return route;
  }
}
