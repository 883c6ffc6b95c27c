/**
 * COMPAT_STACK: which Djoser stack the server answers like. Every client-observable
 * difference between the two stacks is one field here (COMPAT.md, "Compatibility
 * profiles", lists them row by row); code reads the profile, never the stack name.
 */
import type { DjangoEmailRules } from '../drf/parsing/email-validator';

export const COMPAT_STACKS = ['current', '2.1'] as const;
export type CompatStack = (typeof COMPAT_STACKS)[number];

export interface CompatProfile {
  stack: CompatStack;
  /** The upstream versions the profile answers like. */
  versions: { djoser: string; simpleJwt: string; drf: string; django: string };
  /** SimpleJWT's TokenError texts (5.2.2: one text for both; 5.5: `Token is invalid` / `Token is expired`). */
  tokenInvalidMessage: string;
  tokenExpiredMessage: string;
  /** DRF's 404 of `users/{id}/` (3.14: `Not found.`; Django 5's get_object_or_404 text since DRF 3.15). */
  userNotFoundDetail: string;
  /** Content-Type of Django's own HTML 404/400/500 pages (Django 3.2 sets `text/html`; 4.x+ the default with charset). */
  djangoErrorPageContentType: string;
  /** Django's EmailValidator: 5.1+ has no digits in the TLD, Unicode hostnames and no punycode step. */
  emailRules: DjangoEmailRules;
  /** Folder under src/mail/templates whose templates replace the built-in (Djoser 2.3) ones: 2.1 escapes the reset links' url. */
  mailTemplatesSubdir: string;
  /** SimpleJWT >= 5.5: the user id is stored in tokens as a string (`"user_id":"2"`). */
  userIdClaimAsString: boolean;
  /** SimpleJWT >= 5.3: an access token minted by `jwt/refresh/` gets its own `iat`, not the refresh token's. */
  refreshedAccessOwnIat: boolean;
  /** Settings of newer releases this profile refuses at start unless left at their default. */
  unsupportedSettings: readonly string[];
}

export const COMPAT_PROFILES: Readonly<Record<CompatStack, CompatProfile>> = {
  current: {
    stack: 'current',
    versions: { djoser: '2.3.3', simpleJwt: '5.5.1', drf: '3.18.3', django: '5.2' },
    tokenInvalidMessage: 'Token is invalid',
    tokenExpiredMessage: 'Token is expired',
    userNotFoundDetail: 'No User matches the given query.',
    djangoErrorPageContentType: 'text/html; charset=utf-8',
    emailRules: '5.2',
    mailTemplatesSubdir: '',
    userIdClaimAsString: true,
    refreshedAccessOwnIat: true,
    unsupportedSettings: [],
  },
  '2.1': {
    stack: '2.1',
    versions: { djoser: '2.1.0', simpleJwt: '5.2.2', drf: '3.14.0', django: '3.2' },
    tokenInvalidMessage: 'Token is invalid or expired',
    tokenExpiredMessage: 'Token is invalid or expired',
    userNotFoundDetail: 'Not found.',
    djangoErrorPageContentType: 'text/html',
    emailRules: '3.2',
    mailTemplatesSubdir: '2.1',
    userIdClaimAsString: false,
    refreshedAccessOwnIat: false,
    unsupportedSettings: ['SIMPLE_JWT_CHECK_REVOKE_TOKEN', 'SIMPLE_JWT_REVOKE_TOKEN_CLAIM', 'SIMPLE_JWT_CHECK_USER_IS_ACTIVE'],
  },
};

export function compatProfile(stack: CompatStack): CompatProfile {
  return COMPAT_PROFILES[stack];
}
