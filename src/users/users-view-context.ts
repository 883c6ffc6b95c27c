import type { DrfRequest } from '../drf/request';
import type { User } from './user.entity';

/**
 * What the static view descriptions (djoser-views.ts) need at request time: the users
 * module of the app that received the request. Kept on that app's Fastify instance (not in
 * a global), so several apps with different settings can live in one process (tests).
 */
export interface UsersViewContext {
  /** SimpleMetadata's `actions` entry for UserSerializer. */
  userSerializerMetadata: Record<string, unknown>;
  /** `get_object()` of the detail route for metadata: the user the requester may PUT, or null. */
  editableUser(req: DrfRequest, id: string): Promise<User | null>;
}

const CONTEXT = Symbol('nest-djoser.users');

export function attachUsersViewContext(server: object, context: UsersViewContext): void {
  (server as Record<symbol, UsersViewContext>)[CONTEXT] = context;
}

export function usersViewContext(req: DrfRequest): UsersViewContext {
  return (req.server as unknown as Record<symbol, UsersViewContext>)[CONTEXT];
}
