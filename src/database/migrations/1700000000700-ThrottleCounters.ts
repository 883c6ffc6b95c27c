import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate-limit counters (src/throttle) when no REDIS_URL is set: one fixed window per key,
 * `expires_at` in epoch milliseconds of the database clock.
 */
export class ThrottleCounters1700000000700 implements MigrationInterface {
  name = 'ThrottleCounters1700000000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE IF NOT EXISTS "nest_throttle_counter" ("key" varchar(200) PRIMARY KEY, "hits" integer NOT NULL, "expires_at" bigint NOT NULL)`,
    );
    await q.query(`CREATE INDEX IF NOT EXISTS "nest_throttle_counter_expires_at_idx" ON "nest_throttle_counter" ("expires_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "nest_throttle_counter"`);
  }
}
