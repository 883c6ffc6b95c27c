import { isIP } from 'node:net';
import { parseRate, Rate } from './rate';

export interface ThrottleSettings {
  enabled: boolean;
  /** Undefined = that limit is off. */
  loginFailedIp?: Rate;
  loginFailedAccount?: Rate;
  registerIp?: Rate;
  emailIp?: Rate;
  emailAddress?: Rate;
  confirmIp?: Rate;
  trustedProxies: string[];
  redisUrl: string;
  keyPrefix: string;
}

const RATES = {
  loginFailedIp: 'THROTTLE_LOGIN_FAILED_IP',
  loginFailedAccount: 'THROTTLE_LOGIN_FAILED_ACCOUNT',
  registerIp: 'THROTTLE_REGISTER_IP',
  emailIp: 'THROTTLE_EMAIL_IP',
  emailAddress: 'THROTTLE_EMAIL_ADDRESS',
  confirmIp: 'THROTTLE_CONFIRM_IP',
} as const;

/** `10.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8`. */
export function isIpOrCidr(text: string): boolean {
  const [addr, bits, ...rest] = text.split('/');
  const family = isIP(addr);
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  return /^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/** The 'Rate limits' group, checked so a bad value stops the start with one line naming the variable. */
export function parseThrottleSettings(
  s: (k: string) => string,
  b: (k: string) => boolean,
  l: (k: string) => string[],
  fail: (message: string) => never,
): ThrottleSettings {
  const out: ThrottleSettings = {
    enabled: b('THROTTLE_ENABLED'),
    trustedProxies: l('TRUSTED_PROXIES'),
    redisUrl: s('REDIS_URL'),
    keyPrefix: s('THROTTLE_KEY_PREFIX'),
  };
  for (const [field, name] of Object.entries(RATES) as Array<[keyof typeof RATES, string]>) {
    const rate = parseRate(s(name));
    if (rate === null) fail(`Invalid environment variable ${name}=${JSON.stringify(s(name))}: expected a rate such as 10/min or 5/5min (period s, min, h or day)`);
    if (rate) out[field] = rate;
  }
  for (const p of out.trustedProxies)
    if (!isIpOrCidr(p)) fail(`Invalid environment variable TRUSTED_PROXIES=${JSON.stringify(out.trustedProxies.join(','))}: expected IPs or CIDRs such as 10.0.0.0/8,::1`);
  if (out.redisUrl && !/^rediss?:\/\/[^\s]+$/.test(out.redisUrl))
    fail(`Invalid environment variable REDIS_URL=${JSON.stringify(out.redisUrl)}: expected a URL such as redis://127.0.0.1:6379/0`);
  return out;
}
