import type { DrfRequest } from './request';

/** A DRF permission class reduced to its `has_permission`. Object permissions live in the services that load the object. */
export type Permission = (req: DrfRequest) => boolean;

export const AllowAny: Permission = () => true;
export const IsAuthenticated: Permission = (req) => req.drf.user !== null;
