import { MigrationInterface, QueryRunner } from 'typeorm';
import { DJANGO_USER_TABLE, userForeignKey, type UserTable } from './user-table';

/**
 * Passkeys (src/webauthn). `webauthn_credentialoptions` is djoser.webauthn's CredentialOptions
 * table exactly as Django's migration 0001 creates it on PostgreSQL, so a shared Django database
 * sees the same rows; `IF NOT EXISTS` adopts it where Django made it already. The challenge
 * table is ours: Djoser keeps one challenge in the row with no expiry, and a discoverable
 * login has no row until the credential is known.
 */
export function webauthnMigration(u: UserTable): new () => MigrationInterface {
  return class Webauthn1765000000000 implements MigrationInterface {
    name = 'Webauthn1765000000000';

    async up(q: QueryRunner): Promise<void> {
      // Django's `sqlmigrate webauthn 0001` on PostgreSQL (Django 3.2), constraint names included.
      await q.query(
        `CREATE TABLE IF NOT EXISTS "webauthn_credentialoptions" ("id" serial NOT NULL PRIMARY KEY, "challenge" text NOT NULL, "username" text NOT NULL UNIQUE, "display_name" text NOT NULL, "ukey" text NOT NULL UNIQUE, "credential_id" text NOT NULL, "sign_count" integer NULL, "public_key" text NOT NULL, "user_id" ${u.idType} NULL UNIQUE CONSTRAINT "${userForeignKey(u, 'webauthn_credentialoptions_user_id_ed97aaf6')}" REFERENCES "${u.table}" ("${u.pk}") DEFERRABLE INITIALLY DEFERRED)`,
      );
      await q.query(`CREATE INDEX IF NOT EXISTS "webauthn_credentialoptions_username_638f4c82_like" ON "webauthn_credentialoptions" ("username" text_pattern_ops)`);
      await q.query(`CREATE INDEX IF NOT EXISTS "webauthn_credentialoptions_ukey_6d440eba_like" ON "webauthn_credentialoptions" ("ukey" text_pattern_ops)`);
      // Ours: a credential id is looked up on every discoverable login.
      await q.query(`CREATE INDEX IF NOT EXISTS "nest_webauthn_credential_id_idx" ON "webauthn_credentialoptions" ("credential_id")`);
      await q.query(`CREATE TABLE IF NOT EXISTS "nest_webauthn_challenge" (
        "challenge" text PRIMARY KEY,
        "ceremony" varchar(20) NOT NULL,
        "options_id" integer NULL REFERENCES "webauthn_credentialoptions" ("id") ON DELETE CASCADE,
        "user_id" ${u.idType} NULL REFERENCES "${u.table}" ("${u.pk}") ON DELETE CASCADE,
        "ukey" text NULL,
        "display_name" text NULL,
        "expires_at" timestamptz NOT NULL
      )`);
      await q.query(`CREATE INDEX IF NOT EXISTS "nest_webauthn_challenge_expires_at_idx" ON "nest_webauthn_challenge" ("expires_at")`);
    }

    async down(q: QueryRunner): Promise<void> {
      await q.query(`DROP TABLE IF EXISTS "nest_webauthn_challenge"`);
      await q.query(`DROP TABLE IF EXISTS "webauthn_credentialoptions"`);
    }
  };
}

export const Webauthn1765000000000 = webauthnMigration(DJANGO_USER_TABLE);
