import { PATH_METADATA } from '@nestjs/common/constants';

// Djoser's router URLs that depend on settings. Nest reads route paths from decorator
// metadata when the app initialises its router (after module construction), so the users
// module writes the paths of its settings-dependent handlers in its constructor. One login
// field per process: every app of a process shares these handler functions.

type LoginField = 'username' | 'email';

/** The list-level action routes (`users/<segment>/`), which Django resolves before `users/{id}/`. */
export function listActionSegments(usernameField: LoginField): string[] {
  return [
    'me',
    'activation',
    'resend_activation',
    'set_password',
    'reset_password',
    'reset_password_confirm',
    `set_${usernameField}`,
    `reset_${usernameField}`,
    `reset_${usernameField}_confirm`,
  ];
}

/**
 * `users/{id}/` with DRF's lookup regex `[^/.]+`, minus the action segments: Fastify keeps a
 * route tree per method, so without the exclusion `GET users/activation/` would reach the
 * detail handler instead of answering as the activation route does (401 / 405).
 */
export function userDetailPath(usernameField: LoginField): string {
  return `users/:id(^(?!(?:${listActionSegments(usernameField).join('|')})$)[^.]+$)/`;
}

/** The path decorator default; rewritten by `applyUserRoutePaths`. */
export const DEFAULT_DETAIL_PATH = userDetailPath('username');

/** Handlers whose path follows User.USERNAME_FIELD (`set_email/` when e-mail is the login). */
export interface UsernameRouteHandlers {
  setUsername: object;
  resetUsername: object;
  resetUsernameConfirm: object;
}

export function applyUserRoutePaths(usernameField: LoginField, detailHandlers: object[], username: UsernameRouteHandlers): void {
  for (const handler of detailHandlers) Reflect.defineMetadata(PATH_METADATA, userDetailPath(usernameField), handler);
  Reflect.defineMetadata(PATH_METADATA, `users/set_${usernameField}/`, username.setUsername);
  Reflect.defineMetadata(PATH_METADATA, `users/reset_${usernameField}/`, username.resetUsername);
  Reflect.defineMetadata(PATH_METADATA, `users/reset_${usernameField}_confirm/`, username.resetUsernameConfirm);
}
