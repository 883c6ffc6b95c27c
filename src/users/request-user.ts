import type { DrfRequest } from '../drf/request';
import type { User } from './user.entity';

/** The user the request authenticated as (authenticators attach the full entity): for views, which hand it to the services. */
export function requestUser(req: DrfRequest): User {
  return req.drf.user as User;
}
