import { pbkdf2 } from 'crypto';
import { readdirSync } from 'fs';
import { availableParallelism, setPriority } from 'os';

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

/**
 * Starts the pool and, on Linux, gives its threads a lower CPU priority (THREAD_POOL_NICE):
 * when the cores are all busy (the event loop, PostgreSQL, a load balancer's health checks),
 * the work that answers in microseconds runs first and the hashes take what is left, so a
 * burst of logins cannot stretch the latency of the other requests. With cores to spare a
 * niced thread runs at full speed. libuv starts all its threads together on the first job;
 * they are the threads that appear then. Must run before anything else uses the pool.
 * Answers how many threads were reniced.
 */
export async function startThreadPool(nice: number): Promise<number> {
  const tasks = '/proc/self/task';
  if (process.platform !== 'linux' || nice <= 0) return 0;
  let before: Set<string>;
  try {
    before = new Set(readdirSync(tasks));
  } catch {
    return 0; // no procfs: leave the priorities alone
  }
  await new Promise((resolve) => pbkdf2('', '', 1, 1, 'sha256', resolve));
  let reniced = 0;
  for (const tid of readdirSync(tasks).filter((t) => !before.has(t))) {
    try {
      setPriority(Number(tid), nice); // on Linux a thread id names that thread alone
      reniced++;
    } catch {
      // raising a nice value is always allowed; a thread that already ended is not an error
    }
  }
  return reniced;
}
