import type { Authenticator } from '../../drf/authentication';
import type { DrfRequest, Principal } from '../../drf/request';
import { PassportStrategyLike, runStrategy } from './run-strategy';

/**
 * A DRF authentication class backed by a Passport strategy: the wire layer's guard calls
 * `authenticate`, which runs the strategy on the request. Success sets `request.user`
 * (the User entity) and `request.auth` (the strategy's info: JWT payload or DRF key).
 */
export class PassportAuthenticator implements Authenticator {
  constructor(
    private readonly strategy: PassportStrategyLike,
    private readonly header?: string,
    /** The class's own first step ("no credentials of mine: None"), checked before the strategy runs. */
    private readonly applies?: (req: DrfRequest) => boolean,
  ) {}

  async authenticate(req: DrfRequest): Promise<{ user: Principal; auth: unknown } | null> {
    if (this.applies && !this.applies(req)) return null;
    const result = await runStrategy<Principal>(this.strategy, req);
    return result ? { user: result.user, auth: result.info } : null;
  }

  authenticateHeader(): string | undefined {
    return this.header;
  }
}
