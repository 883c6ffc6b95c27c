import type { Fields } from '../../drf/serializer';
import { describeFields } from '../../drf/serializer';
import { AllowAny } from '../../drf/permissions';
import type { DrfRequest } from '../../drf/request';
import type { DrfView } from '../../drf/view';
import { settingsOf } from '../app-settings';

/**
 * SimpleJWT's views (`TokenViewBase`): `authentication_classes=()` (the Authorization
 * header is ignored), `permission_classes=()`, POST only, optional trailing slash.
 * Names and descriptions are DRF's renderings of the class names and docstrings.
 */
function simpleJwtView(name: string, description: string, fields: (req: DrfRequest) => Fields): DrfView {
  return {
    name,
    description,
    authenticate: false,
    defaultPermission: AllowAny,
    slashOptional: true,
    metadataActions: (req) => ({ POST: describeFields(fields(req)) }),
  };
}

/** `TokenObtainSerializer`: `{USERNAME_FIELD}` CharField + write-only PasswordField (labels from the field names). */
export function obtainFields(usernameField: 'username' | 'email'): Fields {
  return [
    [usernameField, { label: usernameField === 'username' ? 'Username' : 'Email' }],
    ['password', { writeOnly: true, label: 'Password' }],
  ];
}

export const REFRESH_FIELDS: Fields = [
  ['refresh', { label: 'Refresh' }],
  ['access', { readOnly: true, label: 'Access' }],
];
export const VERIFY_FIELDS: Fields = [['token', { label: 'Token' }]];
export const BLACKLIST_FIELDS: Fields = [['refresh', { label: 'Refresh' }]];

/** One set per mount (Djoser's `jwt/...`, SimpleJWT's `api/token/...`): a DrfView belongs to one URL. */
export function jwtViews() {
  return {
    create: simpleJwtView(
      'Token Obtain Pair',
      'Takes a set of user credentials and returns an access and refresh JSON web\ntoken pair to prove the authentication of those credentials.',
      (req) => obtainFields(settingsOf(req).djoser.loginField),
    ),
    refresh: simpleJwtView(
      'Token Refresh',
      'Takes a refresh type JSON web token and returns an access type JSON web\ntoken if the refresh token is valid.',
      () => REFRESH_FIELDS,
    ),
    verify: simpleJwtView(
      'Token Verify',
      "Takes a token and indicates if it is valid.  This view provides no\ninformation about a token's fitness for a particular use.",
      () => VERIFY_FIELDS,
    ),
    blacklist: simpleJwtView(
      'Token Blacklist',
      'Takes a token and blacklists it. Must be used with the\n`rest_framework_simplejwt.token_blacklist` app installed.',
      () => BLACKLIST_FIELDS,
    ),
  };
}
