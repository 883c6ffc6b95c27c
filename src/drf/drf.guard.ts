import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticationRegistry } from './authentication';
import { NotAuthenticated, PermissionDenied } from './exceptions';
import { negotiate } from './negotiation';
import { DrfRequest, drfState, queryParam } from './request';
import { RouteRegistry } from './route-registry';
import { DRF_ROUTE, DrfRouteOptions, DrfView } from './view';
import type { Permission } from './permissions';

/**
 * DRF's `APIView.initial()` for every request, in DRF's order: content negotiation
 * (406 / 404 for `?format`), authentication (even on AllowAny views, except views
 * that opt out), then the permission check (401 / 403 / the view's own denial).
 * Requests that no handler maps (405, OPTIONS) get the same treatment from the
 * view that owns the path.
 */
@Injectable()
export class DrfGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly registry: RouteRegistry,
    private readonly authentication: AuthenticationRegistry,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<DrfRequest>();
    const state = drfState(req);
    const route = this.reflector.get<DrfRouteOptions | undefined>(DRF_ROUTE, context.getHandler());
    let view: DrfView | undefined;
    let permission: Permission;
    let action: string;
    if (route) {
      view = route.view;
      permission = route.permission ?? view.defaultPermission;
      action = route.action ?? req.method.toLowerCase();
      state.routePattern = this.registry.byRoutePattern(req.routeOptions.url)?.pattern;
    } else {
      // The fallback handler: only paths that belong to a DRF view go through DRF's pipeline.
      const entry = this.registry.match(req.url.split('?')[0]);
      if (!entry) return true;
      view = entry.view;
      permission = view.defaultPermission;
      action = req.method === 'OPTIONS' ? 'metadata' : req.method.toLowerCase();
      state.routePattern = entry.pattern;
    }

    // A plain JSON view (another package's) answers JSON whatever the Accept header.
    if (!view.plainJson) state.negotiated = negotiate(req.headers.accept, queryParam(req, 'format'));
    if (view.authenticate !== false) await this.authentication.authenticate(req);
    if (!permission(req)) {
      const custom = view.permissionDenied?.(req, action);
      if (custom) throw custom;
      if (view.authenticate !== false && state.user === null && this.authentication.authenticators.length > 0) throw NotAuthenticated();
      throw PermissionDenied();
    }
    return true;
  }
}
