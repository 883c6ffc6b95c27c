import { AllowAny, IsAuthenticated } from '../../drf/permissions';
import { describeFields, Fields } from '../../drf/serializer';
import type { DrfView } from '../../drf/view';
import { settingsOf } from '../app-settings';

/** Djoser's `TokenCreateSerializer`: `password` then `{LOGIN_FIELD}`, both optional CharFields. */
export function tokenCreateFields(loginField: string): Fields {
  return [
    ['password', { required: false, label: 'Password' }],
    [loginField, { required: false, label: loginField === 'username' ? 'Username' : 'Email' }],
  ];
}

/** `djoser.views.TokenCreateView` (`^token/login/?$`). */
export const TOKEN_CREATE_VIEW: DrfView = {
  name: 'Token Create',
  description: 'Use this endpoint to obtain user authentication token.',
  defaultPermission: AllowAny,
  slashOptional: true,
  metadataActions: (req) => ({ POST: describeFields(tokenCreateFields(settingsOf(req).djoser.loginField)) }),
};

/** `djoser.views.TokenDestroyView` (`^token/logout/?$`): no serializer, so no OPTIONS `actions`. */
export const TOKEN_DESTROY_VIEW: DrfView = {
  name: 'Token Destroy',
  description: 'Use this endpoint to logout user (remove user authentication token).',
  defaultPermission: IsAuthenticated,
  slashOptional: true,
};

/** Ours: revoke every credential of the caller (DRF token and all refresh tokens). */
export const LOGOUT_ALL_VIEW: DrfView = {
  name: 'Logout All',
  description: 'Revoke every refresh token and the authentication token of the current user.',
  defaultPermission: IsAuthenticated,
  slashOptional: true,
};
