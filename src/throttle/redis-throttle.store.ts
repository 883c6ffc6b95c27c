import Redis from 'ioredis';
import type { Rate } from './rate';
import type { Hit, ThrottleStore } from './throttle-store';

// Check-and-count in one script, so concurrent instances cannot overshoot the limit.
const HIT = `
local limit = tonumber(ARGV[1])
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= limit then return {0, redis.call('PTTL', KEYS[1])} end
redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return {1, redis.call('PTTL', KEYS[1])}`;
const REFUND = `if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then redis.call('DECR', KEYS[1]) end return 0`;

/** Counters in Redis (REDIS_URL), under THROTTLE_KEY_PREFIX. */
export class RedisThrottleStore implements ThrottleStore {
  private readonly redis: Redis;

  constructor(url: string, private readonly prefix: string) {
    // Fail fast when Redis is away: the service then lets the request through.
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 1000, commandTimeout: 1000, lazyConnect: true });
    this.redis.on('error', () => undefined); // reported by the failing command instead
  }

  async hit(key: string, rate: Rate): Promise<Hit> {
    const [allowed, pttl] = (await this.redis.eval(HIT, 1, this.prefix + key, rate.limit, rate.windowMs)) as [number, number];
    return { allowed: allowed === 1, resetMs: pttl > 0 ? pttl : rate.windowMs };
  }

  async refund(key: string): Promise<void> {
    await this.redis.eval(REFUND, 1, this.prefix + key);
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
