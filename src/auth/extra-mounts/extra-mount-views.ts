import { DjangoNotFound } from '../../drf/django-pages';
import { describeFields, Fields } from '../../drf/serializer';
import type { Permission } from '../../drf/permissions';
import type { DrfRequest } from '../../drf/request';
import type { DrfView } from '../../drf/view';
import type { Settings } from '../../config/settings';
import { settingsOf } from '../app-settings';
import { jwtViews } from '../jwt/jwt-views';

/**
 * The optional mounts are always routed (Nest's routes are fixed at start) but exist
 * only when their setting is on: otherwise every request is Django's HTML 404, and the
 * trailing slash is optional so that no APPEND_SLASH 301 points at a missing page.
 * Their own views authenticate inside the handler, so an Authorization header cannot
 * turn the 404 into a 401.
 */
function mountedWhen(flag: (s: Settings) => boolean, view: DrfView): DrfView {
  const mounted: Permission = (req: DrfRequest) => flag(settingsOf(req));
  return {
    ...view,
    authenticate: false,
    slashOptional: true,
    defaultPermission: (req) => mounted(req) && view.defaultPermission(req),
    permissionDenied: (req, action) => {
      if (!mounted(req)) throw new DjangoNotFound();
      return view.permissionDenied?.(req, action) ?? null;
    },
  };
}

const jwt = jwtViews();
const simpleJwtMounted = (s: Settings) => s.simpleJwt.mountSimpleJwtUrls;

/** SimpleJWT's README URLs: `api/token/`, `api/token/refresh/`, `api/token/verify/`. */
export const API_TOKEN_VIEWS = {
  create: mountedWhen(simpleJwtMounted, jwt.create),
  refresh: mountedWhen(simpleJwtMounted, jwt.refresh),
  verify: mountedWhen(simpleJwtMounted, jwt.verify),
};

/** `rest_framework.authtoken.serializers.AuthTokenSerializer` (the password is not trimmed). */
export const AUTH_TOKEN_FIELDS: Fields = [
  ['username', { writeOnly: true, label: 'Username' }],
  ['password', { writeOnly: true, trimWhitespace: false, label: 'Password' }],
  ['token', { readOnly: true, label: 'Token' }],
];

/** DRF's `obtain_auth_token` at `api-token-auth/` (permission_classes=(), default authentication). */
export const OBTAIN_AUTH_TOKEN_VIEW: DrfView = mountedWhen((s) => s.simpleJwt.mountAuthtokenUrl, {
  name: 'Obtain Auth Token',
  description: '',
  defaultPermission: () => true,
  metadataActions: () => ({ POST: describeFields(AUTH_TOKEN_FIELDS) }),
});
