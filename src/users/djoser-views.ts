import { AllowAny } from '../drf/permissions';
import type { DrfRequest } from '../drf/request';
import type { DrfView } from '../drf/view';
import { CurrentUserOrAdmin } from './permissions';
import { usersViewContext } from './users-view-context';
import { settingsOf } from '../auth/app-settings';
import { translateFieldDescriptions } from '../i18n/i18n';
import { i18nOf } from '../i18n/i18n.module';

/** DefaultRouter's API root (`GET /auth/`). */
export const API_ROOT_VIEW: DrfView = {
  name: 'Api Root',
  description: 'The default basic root view for DefaultRouter',
  defaultPermission: AllowAny,
};

// Djoser's UserViewSet as DRF describes its routes: names are DRF's (`User List`, `User
// Instance`, and pretty_name() of each extra action's function, so `set_username` stays "Set
// username" on the `set_email/` path), the description is empty (UserViewSet has no
// docstring), and unmapped methods and OPTIONS are checked against the `user` permission
// (CurrentUserOrAdmin: anonymous → 401). OPTIONS `actions` always describe UserSerializer,
// even on action routes, because the `metadata` action uses the default serializer.

/** `{"<method>": UserSerializer fields}` for routes whose POST/PUT needs no object. */
const describeUserSerializer = (method: string) => (req: DrfRequest) => ({
  [method]: userFieldDescriptions(req),
});

/** UserSerializer's fields, labels in the request's language (model verbose names). */
function userFieldDescriptions(req: DrfRequest): Record<string, unknown> {
  const i18n = i18nOf(settingsOf(req));
  return translateFieldDescriptions(i18n, i18n.languageOf(req), usersViewContext(req).userSerializerMetadata);
}

const viewSetRoute = (name: string, metadataMethod: 'POST' | 'PUT'): DrfView => ({
  name,
  description: '',
  defaultPermission: CurrentUserOrAdmin,
  metadataActions: describeUserSerializer(metadataMethod),
});

export const USER_LIST_VIEW = viewSetRoute('User List', 'POST');

/** `users/{id}/`: PUT is described only when `get_object()` and the object permission pass. */
export const USER_INSTANCE_VIEW: DrfView = {
  name: 'User Instance',
  description: '',
  defaultPermission: CurrentUserOrAdmin,
  metadataActions: async (req) => {
    const id = /\/users\/([^/]+)\/?$/.exec(req.url.split('?')[0])?.[1];
    const context = usersViewContext(req);
    const user = id === undefined ? null : await context.editableUser(req, decodeURIComponentSafe(id));
    return user ? { PUT: userFieldDescriptions(req) } : undefined;
  },
};

/** `users/me/` (Djoser answers OPTIONS here with a 500; we describe it as the detail route of the requester). */
export const USER_ME_VIEW = viewSetRoute('Me', 'PUT');

export const ACTIVATION_VIEW = viewSetRoute('Activation', 'POST');
export const RESEND_ACTIVATION_VIEW = viewSetRoute('Resend activation', 'POST');
export const SET_PASSWORD_VIEW = viewSetRoute('Set password', 'POST');
export const RESET_PASSWORD_VIEW = viewSetRoute('Reset password', 'POST');
export const RESET_PASSWORD_CONFIRM_VIEW = viewSetRoute('Reset password confirm', 'POST');
export const SET_USERNAME_VIEW = viewSetRoute('Set username', 'POST');
export const RESET_USERNAME_VIEW = viewSetRoute('Reset username', 'POST');
export const RESET_USERNAME_CONFIRM_VIEW = viewSetRoute('Reset username confirm', 'POST');

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
