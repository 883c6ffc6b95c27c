import { availableParallelism } from 'os';

/**
 * libuv's thread pool runs argon2 (and pbkdf2). One thread per core but one: logins hash
 * as fast as the other cores allow while a core stays free for the event loop, so a burst
 * of logins never slows the requests that do not hash (libuv's default of 4 threads on a
 * 2-core machine keeps every core busy hashing). An explicit UV_THREADPOOL_SIZE wins.
 */
export function threadPoolSize(): number {
  return Number(process.env.UV_THREADPOOL_SIZE) || Math.max(1, availableParallelism() - 1);
}

// libuv reads the variable when the pool first starts, so this module is imported first by main.ts.
process.env.UV_THREADPOOL_SIZE = String(threadPoolSize());
