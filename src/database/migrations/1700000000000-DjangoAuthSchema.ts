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

    await createTokenTables(q, { table: 'auth_user', pk: 'id', idType: 'integer', authtokenFk: 'authtoken_token_user_id_35299eff_fk_auth_user_id', outstandingFk: 'token_blacklist_outs_user_id_83bc629a_fk_auth_user' });
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "token_blacklist_blacklistedtoken"`);
    await q.query(`DROP TABLE IF EXISTS "token_blacklist_outstandingtoken"`);
    await q.query(`DROP TABLE IF EXISTS "authtoken_token"`);
    await q.query(`DROP TABLE IF EXISTS "auth_user"`);
  }
}

/** The user table the token tables point at, with Django's constraint names for it. */
export interface TokenTablesUser {
  table: string;
  pk: string;
  idType: 'integer' | 'bigint' | 'uuid';
  authtokenFk: string;
  outstandingFk: string;
}

/** DRF's `authtoken_token` and SimpleJWT's two token_blacklist tables, pointing at the user table (auth_user or a described one). */
export async function createTokenTables(q: QueryRunner, u: TokenTablesUser): Promise<void> {
  await q.query(`CREATE TABLE IF NOT EXISTS "authtoken_token" (
    "key" varchar(40) NOT NULL CONSTRAINT "authtoken_token_pkey" PRIMARY KEY,
    "created" timestamp with time zone NOT NULL,
    "user_id" ${u.idType} NOT NULL CONSTRAINT "authtoken_token_user_id_key" UNIQUE
      CONSTRAINT "${u.authtokenFk}" REFERENCES "${u.table}" ("${u.pk}") DEFERRABLE INITIALLY DEFERRED)`);
  await q.query(`CREATE INDEX IF NOT EXISTS "authtoken_token_key_10f0b77e_like" ON "authtoken_token" ("key" varchar_pattern_ops)`);

  await q.query(`CREATE TABLE IF NOT EXISTS "token_blacklist_outstandingtoken" (
    "id" bigserial NOT NULL CONSTRAINT "token_blacklist_outstandingtoken_pkey" PRIMARY KEY,
    "token" text NOT NULL,
    "created_at" timestamp with time zone NULL,
    "expires_at" timestamp with time zone NOT NULL,
    "user_id" ${u.idType} NULL
      CONSTRAINT "${u.outstandingFk}" REFERENCES "${u.table}" ("${u.pk}") DEFERRABLE INITIALLY DEFERRED,
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
