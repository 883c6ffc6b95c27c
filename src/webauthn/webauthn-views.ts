import { AllowAny, IsAuthenticated } from '../drf/permissions';
import type { DrfView } from '../drf/view';

// djoser.webauthn.views (APIViews without docstrings: no description). OPTIONS `actions` appear
// only for GenericAPIView in DRF, and these are plain APIViews, so none are declared.

export const SIGNUP_REQUEST_VIEW: DrfView = { name: 'Signup Request', defaultPermission: AllowAny };
export const SIGNUP_VIEW: DrfView = { name: 'Signup', defaultPermission: AllowAny };
export const LOGIN_REQUEST_VIEW: DrfView = { name: 'Login Request', defaultPermission: AllowAny };
export const LOGIN_VIEW: DrfView = { name: 'Login', defaultPermission: AllowAny };

/** Ours: login with a discoverable credential (no username). */
export const DISCOVERABLE_LOGIN_REQUEST_VIEW: DrfView = {
  name: 'Discoverable Login Request',
  description: 'Request options for a passkey login without a username.',
  defaultPermission: AllowAny,
};
export const DISCOVERABLE_LOGIN_VIEW: DrfView = {
  name: 'Discoverable Login',
  description: 'Log in with a passkey the authenticator chose; answers the token body.',
  defaultPermission: AllowAny,
};

/** Ours: a passkey for the signed-in account. */
export const ADD_REQUEST_VIEW: DrfView = {
  name: 'Add Request',
  description: 'Request options to add a passkey to the current account.',
  defaultPermission: IsAuthenticated,
};
export const ADD_VIEW: DrfView = { name: 'Add', description: 'Add a passkey to the current account.', defaultPermission: IsAuthenticated };

