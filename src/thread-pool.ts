import { availableParallelism } from 'os';

/**
 * libuv's thread pool runs argon2 (and pbkdf2): one thread per core hashes as fast as the
 * machine allows; libuv's default of 4 on a 2-core machine only adds context switches that
 * the event loop pays for in latency. An explicit UV_THREADPOOL_SIZE wins.
 */
export function threadPoolSize(): number {
  return Number(process.env.UV_THREADPOOL_SIZE) || Math.max(1, availableParallelism());
}

// libuv reads the variable when the pool first starts, so this module is imported first by main.ts.
process.env.UV_THREADPOOL_SIZE = String(threadPoolSize());
