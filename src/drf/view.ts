import { HttpCode, SetMetadata, applyDecorators } from '@nestjs/common';
import type { ApiException } from './exceptions';
import type { Permission } from './permissions';
import type { DrfRequest } from './request';

/** What DRF knows about a view (one URL pattern), shared by all the methods it maps. */
export interface DrfView {
  /** DRF's `get_view_name()` (OPTIONS `name`), e.g. "User List". */
  name: string;
  /** DRF's `get_view_description()` (OPTIONS `description`). */
  description?: string;
  /** `authentication_classes=()` in SimpleJWT's views: the Authorization header is ignored. */
  authenticate?: boolean;
  /** Permission for methods the view does not map and for OPTIONS (Djoser: the `user` permission). */
  defaultPermission: Permission;
  /** Trailing slash optional (Djoser's token/jwt URLs), else Django's APPEND_SLASH 301. */
  slashOptional?: boolean;
  /** Replaces DRF's `permission_denied` (Djoser's HIDE_USERS answers 404 for some actions). */
  permissionDenied?: (req: DrfRequest, action: string) => ApiException | null;
  /** OPTIONS `actions` (the serializer fields of POST/PUT), or undefined for none. */
  metadataActions?: (req: DrfRequest) => Promise<Record<string, unknown> | undefined> | Record<string, unknown> | undefined;
  /** Not a DRF view but another package's plain JSON view (django_rest_jwt_auth): see PlainJsonView. */
  plainJson?: PlainJsonView;
}

/**
 * A Django `JsonResponse` view of another package: every error (including throttling,
 * 405 and the HTTP stack's own) is rendered in that package's body shape, no content
 * negotiation, no `Allow` / `Vary`, and OPTIONS is just another refused method.
 */
export interface PlainJsonView {
  /** The body of an error answer with this status and text. */
  errorBody(status: number, message: string): unknown;
  /** The text of the 405 answer to any method the view does not map. */
  methodNotAllowed: string;
}

export interface DrfRouteOptions {
  view: DrfView;
  /** Permission of this method's action (defaults to the view's default permission). */
  permission?: Permission;
  /** Action name, e.g. 'list', 'retrieve', 'me' (for permissionDenied). */
  action?: string;
}

export const DRF_ROUTE = 'drf:route';

/**
 * Marks a controller method as a DRF view method: negotiation, authentication and
 * permission run before it, and its result is rendered as DRF renders it. `status`
 * is the success status (DRF views answer 200 unless they say otherwise).
 */
export const DrfRoute = (options: DrfRouteOptions & { status?: number }) =>
  applyDecorators(SetMetadata(DRF_ROUTE, options), HttpCode(options.status ?? 200));
