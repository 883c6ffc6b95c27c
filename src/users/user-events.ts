import type { RequestContext } from '../drf/request';
import type { User } from './user.entity';

/**
 * Djoser's and Django's signals as EventEmitter2 events (same names), so an application can
 * hook in with `@OnEvent('user_registered')` without forking. Emitted after the change is
 * committed; listeners are awaited (`emitAsync`), as Django runs signal receivers inline.
 */
export const USER_EVENTS = {
  /** djoser.signals.user_registered: after POST users/ saved the user. */
  registered: 'user_registered',
  /** djoser.signals.user_activated: after POST users/activation/. */
  activated: 'user_activated',
  /** djoser.signals.user_updated (Djoser ≥ 2.2.0): after PUT/PATCH of a user. */
  updated: 'user_updated',
  /** django.contrib.auth.user_logged_in (token/login; emitted by the auth module). */
  loggedIn: 'user_logged_in',
  /** django.contrib.auth.user_logged_out: token/logout, self-delete, LOGOUT_ON_PASSWORD_CHANGE. */
  loggedOut: 'user_logged_out',
  /** django.contrib.auth.user_login_failed (emitted by the auth module). */
  loginFailed: 'user_login_failed',
} as const;

/** The signal's keyword arguments: `user` and `request` (what the services know of the request: its host and scheme). */
export interface UserEvent {
  user: User;
  request: RequestContext;
}
