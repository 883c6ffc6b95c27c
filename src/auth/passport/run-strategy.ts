/** Any Passport strategy: what `passport.use()` accepts. */
export interface PassportStrategyLike {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  authenticate(req: any, options?: any): void;
  /** A `fail(info)` that is a refusal (rejects with the returned error) rather than "not this authenticator" (null). */
  failure?(info: unknown): unknown;
}

export interface StrategySuccess<U> {
  user: U;
  info: unknown;
}

/** What `passport.authenticate()` adds to a strategy instance before calling it. */
interface StrategyActions {
  success(user: unknown, info?: unknown): void;
  fail(challenge?: unknown, status?: number): void;
  error(err: unknown): void;
  pass(): void;
  redirect(url: string, status?: number): void;
}

/**
 * Runs one Passport strategy on a request exactly as `passport.authenticate()` does
 * (a per-call instance augmented with success/fail/error), as a promise, so the DRF
 * pipeline can use Passport strategies without Express middleware:
 * success → the user and info; fail / pass → null (DRF: "not this authenticator"), unless the
 * strategy's `failure(info)` names an error;
 * error → rejects with the strategy's error (an ApiException, rendered by the filter).
 */
export function runStrategy<U>(strategy: PassportStrategyLike, req: unknown, options?: object): Promise<StrategySuccess<U> | null> {
  return new Promise((resolve, reject) => {
    const actions: StrategyActions = {
      success: (user, info) => resolve({ user: user as U, info }),
      fail: (info) => {
        const refusal = strategy.failure?.(info) ?? null;
        if (refusal === null) resolve(null);
        else reject(refusal);
      },
      pass: () => resolve(null),
      error: (err) => reject(err),
      redirect: () => reject(new Error('a DRF authentication strategy cannot redirect')),
    };
    const instance = Object.assign(Object.create(strategy) as PassportStrategyLike, actions);
    try {
      instance.authenticate(req, options);
    } catch (err) {
      reject(err);
    }
  });
}
