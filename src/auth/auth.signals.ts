import type { User } from '../users/user.entity';
import type { RequestContext } from '../drf/request';

/**
 * Django's authentication signals, emitted through EventEmitter2 under the same
 * names so that listeners read like Django receivers.
 */
export const USER_LOGGED_IN = 'user_logged_in';
export const USER_LOGGED_OUT = 'user_logged_out';
export const USER_LOGIN_FAILED = 'user_login_failed';

/** `user_logged_in(sender=User, request, user)` / `user_logged_out(...)`. */
export interface UserLoggedInEvent {
  request: RequestContext;
  user: User;
}
export type UserLoggedOutEvent = UserLoggedInEvent;

/** `user_login_failed(sender, credentials, request)`: the password is masked as Django's `_clean_credentials` does. */
export interface UserLoginFailedEvent {
  request: RequestContext;
  credentials: Record<string, string | undefined>;
}

/** Django's `SENSITIVE_VARIABLES` substitute for credentials. */
export const CLEANSED_SUBSTITUTE = '********************';
