import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refresh-token lineage for rotation with reuse detection (our own table, unknown to
 * Django). One row per refresh token that took part in a rotation: the family it
 * belongs to (the jti of the token the family started from) and, once rotated, its
 * successor. The foreign keys cascade in the database itself because Django's
 * `flushexpiredtokens` deletes outstanding tokens without knowing this table.
 */
export class RefreshTokenFamilies1700000000200 implements MigrationInterface {
  name = 'RefreshTokenFamilies1700000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE IF NOT EXISTS "refresh_token_family" (
      "token_id" bigint NOT NULL CONSTRAINT "refresh_token_family_pkey" PRIMARY KEY
        CONSTRAINT "refresh_token_family_token_id_fk" REFERENCES "token_blacklist_outstandingtoken" ("id") ON DELETE CASCADE,
      "family" varchar(255) NOT NULL,
      "successor_id" bigint NULL
        CONSTRAINT "refresh_token_family_successor_id_fk" REFERENCES "token_blacklist_outstandingtoken" ("id") ON DELETE SET NULL,
      "rotated_at" timestamp with time zone NULL)`);
    await q.query(`CREATE INDEX IF NOT EXISTS "refresh_token_family_family_idx" ON "refresh_token_family" ("family")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "refresh_token_family"`);
  }
}
