import type { ThrottleSettings } from './throttle-settings';
import type { Rate } from './rate';

/** What a throttled endpoint counts. */
export interface ThrottleRule {
  /** Counter namespace; endpoints sharing a scope share counters. */
  scope: string;
  ipRate?: Rate;
  /** Per target identifier: the body field holding it (login field or e-mail) and its rate. */
  identifier?: { field: 'login' | 'email'; rate?: Rate };
  /** Count only failed attempts: a success gives its hit back (login). */
  failuresOnly?: boolean;
}

/** Route (method + Fastify route url) → rule. The optional SimpleJWT / DRF mounts count as logins too. */
export function throttleRules(t: ThrottleSettings, jwtAuthPrefix = ''): Map<string, ThrottleRule> {
  const login: ThrottleRule = {
    scope: 'login',
    ipRate: t.loginFailedIp,
    identifier: { field: 'login', rate: t.loginFailedAccount },
    failuresOnly: true,
  };
  const email: ThrottleRule = { scope: 'email', ipRate: t.emailIp, identifier: { field: 'email', rate: t.emailAddress } };
  const confirm: ThrottleRule = { scope: 'confirm', ipRate: t.confirmIp };
  // django_rest_jwt_auth's mount (MOUNT_JWT_AUTH_URLS): signin is a login, signup a registration, restore an e-mail.
  const jwtAuth: Array<[string, ThrottleRule]> = jwtAuthPrefix
    ? [
        [`POST /${jwtAuthPrefix}/signin/`, login],
        [`POST /${jwtAuthPrefix}/signup/`, { scope: 'register', ipRate: t.registerIp }],
        [`POST /${jwtAuthPrefix}/restore/`, email],
      ]
    : [];
  return new Map([
    ...jwtAuth,
    ['POST /auth/jwt/create/', login],
    ['POST /auth/token/login/', login],
    ['POST /api/token/', login],
    ['POST /api-token-auth/', login],
    ['POST /auth/users/', { scope: 'register', ipRate: t.registerIp }],
    ['POST /auth/users/reset_password/', email],
    ['POST /auth/users/reset_username/', email],
    ['POST /auth/users/resend_activation/', email],
    ['POST /auth/users/activation/', confirm],
    ['POST /auth/users/reset_password_confirm/', confirm],
    ['POST /auth/users/reset_username_confirm/', confirm],
  ]);
}
