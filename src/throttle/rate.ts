/** A parsed rate: at most `limit` requests per `windowMs` milliseconds. */
export interface Rate {
  limit: number;
  windowMs: number;
}

const UNIT_MS: Record<string, number> = { s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000, hour: 3_600_000, d: 86_400_000, day: 86_400_000 };

/**
 * DRF's rate syntax (`10/min`, `100/day`) plus an optional multiplier on the period
 * (`5/5min`, as django-ratelimit and allauth write it). Empty means "no limit";
 * anything else that does not parse is null so the caller can name the variable.
 */
export function parseRate(text: string): Rate | null | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const m = /^(\d+)\s*\/\s*(\d*)\s*(s|sec|m|min|h|hour|d|day)$/i.exec(t);
  if (!m) return null;
  const limit = Number(m[1]);
  const multiplier = m[2] === '' ? 1 : Number(m[2]);
  if (limit < 1 || multiplier < 1) return null;
  return { limit, windowMs: multiplier * UNIT_MS[m[3].toLowerCase()] };
}
