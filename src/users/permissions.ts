import { NotFound, PermissionDenied } from '../drf/exceptions';
import { IsAuthenticated, type Permission } from '../drf/permissions';
import type { Principal } from '../drf/request';

/** Djoser's `CurrentUserOrAdmin`: `has_permission` is IsAuthenticated; the object check is below. */
export const CurrentUserOrAdmin: Permission = IsAuthenticated;

/** The viewset actions whose object-permission denial HIDE_USERS turns into a 404. */
const HIDDEN_ACTIONS = new Set(['update', 'partial_update', 'list', 'retrieve']);

export type UserObjectAction = 'retrieve' | 'update' | 'partial_update' | 'destroy';

/** `CurrentUserOrAdmin.has_object_permission`: staff ("admin" is `is_staff`) or the user itself. */
export function mayAccessUser(requester: Principal, targetId: number): boolean {
  return requester.isStaff || requester.id === targetId;
}

/**
 * `check_object_permissions` + `UserViewSet.permission_denied`: another user's object is a 404
 * when HIDE_USERS hides it (retrieve/update), a 403 otherwise (destroy is never hidden).
 */
export function checkUserObjectPermission(requester: Principal, targetId: number, action: UserObjectAction, hideUsers: boolean): void {
  if (mayAccessUser(requester, targetId)) return;
  if (hideUsers && HIDDEN_ACTIONS.has(action)) throw NotFound();
  throw PermissionDenied();
}
