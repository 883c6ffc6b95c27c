import { Injectable } from '@nestjs/common';
import type { DrfRequest, Principal } from './request';

/**
 * A DRF authentication class: returns the principal and credential, null to let the
 * next class try, or throws an ApiException (401) that ends the request.
 */
export interface Authenticator {
  authenticate(req: DrfRequest): Promise<{ user: Principal; auth: unknown } | null>;
  /** `authenticate_header()`: the WWW-Authenticate value, when this class has one. */
  authenticateHeader?(): string | undefined;
}


/**
 * DRF's DEFAULT_AUTHENTICATION_CLASSES. Feature modules register theirs at start,
 * in order (JWT first, then DRF tokens, as the reference is configured).
 */
@Injectable()
export class AuthenticationRegistry {
  private readonly entries: Array<{ order: number; authenticator: Authenticator }> = [];

  register(authenticator: Authenticator, order: number): void {
    this.entries.push({ order, authenticator });
    this.entries.sort((a, b) => a.order - b.order);
  }

  get authenticators(): Authenticator[] {
    return this.entries.map((e) => e.authenticator);
  }

  /** The header DRF puts on 401s: the first class's `authenticate_header()`. */
  wwwAuthenticate(): string | undefined {
    return this.entries[0]?.authenticator.authenticateHeader?.();
  }

  /** DRF's `perform_authentication`: the first class that answers wins; errors propagate. */
  async authenticate(req: DrfRequest): Promise<void> {
    for (const { authenticator } of this.entries) {
      const result = await authenticator.authenticate(req);
      if (result) {
        req.drf.user = result.user;
        req.drf.auth = result.auth;
        return;
      }
    }
  }
}
