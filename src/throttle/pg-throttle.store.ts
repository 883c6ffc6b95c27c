import type { DataSource } from 'typeorm';
import type { Rate } from './rate';
import type { Hit, ThrottleStore } from './throttle-store';

// The database clock, so instances with skewed clocks share one window.
const NOW_MS = `(extract(epoch from now()) * 1000)::bigint`;
const SWEEP_EVERY_MS = 60_000;

/** Counters in `nest_throttle_counter`: one upsert per hit, row-locked by PostgreSQL. */
export class PgThrottleStore implements ThrottleStore {
  private lastSweep = 0;

  constructor(private readonly dataSource: DataSource) {}

  async hit(key: string, rate: Rate): Promise<Hit> {
    this.sweep();
    const rows: Array<{ wait: string }> = await this.dataSource.query(
      `INSERT INTO "nest_throttle_counter" AS t ("key", "hits", "expires_at") VALUES ($1, 1, ${NOW_MS} + $3)
       ON CONFLICT ("key") DO UPDATE SET
         "hits" = CASE WHEN t."expires_at" <= ${NOW_MS} THEN 1 ELSE t."hits" + 1 END,
         "expires_at" = CASE WHEN t."expires_at" <= ${NOW_MS} THEN ${NOW_MS} + $3 ELSE t."expires_at" END
       WHERE t."expires_at" <= ${NOW_MS} OR t."hits" < $2
       RETURNING (t."expires_at" - ${NOW_MS})::text AS "wait"`,
      [key, rate.limit, rate.windowMs],
    );
    if (rows.length) return { allowed: true, resetMs: Number(rows[0].wait) };
    const full: Array<{ wait: string }> = await this.dataSource.query(
      `SELECT ("expires_at" - ${NOW_MS})::text AS "wait" FROM "nest_throttle_counter" WHERE "key" = $1`,
      [key],
    );
    return { allowed: false, resetMs: full.length ? Math.max(0, Number(full[0].wait)) : rate.windowMs };
  }

  async refund(key: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE "nest_throttle_counter" SET "hits" = "hits" - 1 WHERE "key" = $1 AND "hits" > 0 AND "expires_at" > ${NOW_MS}`,
      [key],
    );
  }

  /** Expired rows are dead weight; drop them now and then, without making a request wait. */
  private sweep(): void {
    const now = Date.now();
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    this.dataSource.query(`DELETE FROM "nest_throttle_counter" WHERE "expires_at" < ${NOW_MS}`).catch(() => undefined);
  }

  async close(): Promise<void> {}
}
