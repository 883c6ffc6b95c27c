import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tables Django, DRF's authtoken and SimpleJWT's token_blacklist create, with
 * Django 3.2's own DDL (names, types, lengths, constraint names; dumped from the
 * reference's PostgreSQL database). `IF NOT EXISTS` lets the same migration adopt
 * a database Django already created. Foreign keys are DEFERRABLE without ON DELETE,
 * as Django makes them: cascades are done by our services, as Django's ORM does.
 */
export class DjangoAuthSchema1700000000000 implements MigrationInterface {
  name = 'DjangoAuthSchema1700000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE IF NOT EXISTS "auth_user" (
      "id" serial NOT NULL CONSTRAINT "auth_user_pkey" PRIMARY KEY,
      "password" varchar(128) NOT NULL,
      "last_login" timestamp with time zone NULL,
      "is_superuser" boolean NOT NULL,
      "username" varchar(150) NOT NULL CONSTRAINT "auth_user_username_key" UNIQUE,
      "first_name" varchar(150) NOT NULL,
      "last_name" varchar(150) NOT NULL,
      "email" varchar(254) NOT NULL,
      "is_staff" boolean NOT NULL,
      "is_active" boolean NOT NULL,
      "date_joined" timestamp with time zone NOT NULL)`);
    await q.query(`CREATE INDEX IF NOT EXISTS "auth_user_username_6821ab7c_like" ON "auth_user" ("username" varchar_pattern_ops)`);

    await q.query(`CREATE TABLE IF NOT EXISTS "authtoken_token" (
      "key" varchar(40) NOT NULL CONSTRAINT "authtoken_token_pkey" PRIMARY KEY,
      "created" timestamp with time zone NOT NULL,
      "user_id" integer NOT NULL CONSTRAINT "authtoken_token_user_id_key" UNIQUE
        CONSTRAINT "authtoken_token_user_id_35299eff_fk_auth_user_id" REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED)`);
    await q.query(`CREATE INDEX IF NOT EXISTS "authtoken_token_key_10f0b77e_like" ON "authtoken_token" ("key" varchar_pattern_ops)`);

    await q.query(`CREATE TABLE IF NOT EXISTS "token_blacklist_outstandingtoken" (
      "id" bigserial NOT NULL CONSTRAINT "token_blacklist_outstandingtoken_pkey" PRIMARY KEY,
      "token" text NOT NULL,
      "created_at" timestamp with time zone NULL,
      "expires_at" timestamp with time zone NOT NULL,
      "user_id" integer NULL
        CONSTRAINT "token_blacklist_outs_user_id_83bc629a_fk_auth_user" REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED,
      "jti" varchar(255) NOT NULL CONSTRAINT "token_blacklist_outstandingtoken_jti_hex_d9bdf6f7_uniq" UNIQUE)`);
    await q.query(
      `CREATE INDEX IF NOT EXISTS "token_blacklist_outstandingtoken_jti_hex_d9bdf6f7_like" ON "token_blacklist_outstandingtoken" ("jti" varchar_pattern_ops)`,
    );
    await q.query(
      `CREATE INDEX IF NOT EXISTS "token_blacklist_outstandingtoken_user_id_83bc629a" ON "token_blacklist_outstandingtoken" ("user_id")`,
    );

    await q.query(`CREATE TABLE IF NOT EXISTS "token_blacklist_blacklistedtoken" (
      "id" bigserial NOT NULL CONSTRAINT "token_blacklist_blacklistedtoken_pkey" PRIMARY KEY,
      "blacklisted_at" timestamp with time zone NOT NULL,
      "token_id" bigint NOT NULL CONSTRAINT "token_blacklist_blacklistedtoken_token_id_key" UNIQUE
        CONSTRAINT "token_blacklist_blacklistedtoken_token_id_3cc7fe56_fk" REFERENCES "token_blacklist_outstandingtoken" ("id") DEFERRABLE INITIALLY DEFERRED)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "token_blacklist_blacklistedtoken"`);
    await q.query(`DROP TABLE IF EXISTS "token_blacklist_outstandingtoken"`);
    await q.query(`DROP TABLE IF EXISTS "authtoken_token"`);
    await q.query(`DROP TABLE IF EXISTS "auth_user"`);
  }
}
