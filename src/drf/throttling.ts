import { Injectable } from '@nestjs/common';
import type { DrfRequest } from './request';

/**
 * A DRF throttle class as the guard runs it (`check_throttles()`, after the permission check):
 * throws an ApiException (429) to refuse, or returns what to do once the view answered
 * successfully (a failures-only limit gives its slots back), or nothing.
 */
export interface Throttle {
  check(req: DrfRequest): Promise<(() => void) | undefined> | undefined;
}

/** DRF's DEFAULT_THROTTLE_CLASSES: registered at start by the module that owns the limits. */
@Injectable()
export class ThrottleRegistry {
  private readonly throttles: Throttle[] = [];

  register(throttle: Throttle): void {
    this.throttles.push(throttle);
  }

  get empty(): boolean {
    return this.throttles.length === 0;
  }

  /** Runs every throttle; the after-success callbacks are kept on the request for the answer hook. */
  async check(req: DrfRequest): Promise<void> {
    for (const throttle of this.throttles) {
      const pending = throttle.check(req);
      const onSuccess = pending && (await pending);
      if (onSuccess) (req.drf.onSuccess ??= []).push(onSuccess);
    }
  }
}
