import { AllowAny } from '../drf/permissions';
import type { DrfView } from '../drf/view';

/** DefaultRouter's API root (`GET /auth/`). */
export const API_ROOT_VIEW: DrfView = {
  name: 'Api Root',
  description: 'The default basic root view for DefaultRouter',
  defaultPermission: AllowAny,
};
