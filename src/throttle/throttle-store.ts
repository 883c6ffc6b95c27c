import type { Rate } from './rate';

/** One counter decision: allowed or not, and how long until the window resets. */
export interface Hit {
  allowed: boolean;
  resetMs: number;
}

/**
 * A fixed-window counter shared by every server instance. `hit` counts one request
 * only if the window still has room (atomically, so concurrent requests cannot
 * overshoot the limit); `refund` gives one back (a login that succeeded).
 */
export interface ThrottleStore {
  hit(key: string, rate: Rate): Promise<Hit>;
  refund(key: string): Promise<void>;
  close(): Promise<void>;
}
