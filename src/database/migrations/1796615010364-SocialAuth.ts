import { MigrationInterface, QueryRunner } from 'typeorm';
import { DJANGO_USER_TABLE, userForeignKey, type UserTable } from './user-table';

/**
 * Social login: social_django's `social_auth_usersocialauth` with the DDL its migrations
 * produce on PostgreSQL (so a Django project sharing the database sees the associations;
 * IF NOT EXISTS adopts the table Django made), and our record of spent OAuth states.
 */
export function socialAuthMigration(u: UserTable): new () => MigrationInterface {
  return class SocialAuth1796615010364 implements MigrationInterface {
    name = 'SocialAuth1796615010364';

    async up(q: QueryRunner): Promise<void> {
      await q.query(
        `CREATE TABLE IF NOT EXISTS "social_auth_usersocialauth" ("id" serial NOT NULL PRIMARY KEY, "provider" varchar(32) NOT NULL, ` +
          `"uid" varchar(255) NOT NULL, "extra_data" text NOT NULL, "user_id" ${u.idType} NOT NULL, "created" timestamp with time zone NOT NULL, ` +
          `"modified" timestamp with time zone NOT NULL, ` +
          `CONSTRAINT "social_auth_usersocialauth_provider_uid_e6b5e668_uniq" UNIQUE ("provider", "uid"), ` +
          `CONSTRAINT "${userForeignKey(u, 'social_auth_usersocialauth_user_id_17d28448')}" FOREIGN KEY ("user_id") REFERENCES "${u.table}" ("${u.pk}") DEFERRABLE INITIALLY DEFERRED)`,
      );
      await q.query(`CREATE INDEX IF NOT EXISTS "social_auth_usersocialauth_uid_796e51dc" ON "social_auth_usersocialauth" ("uid")`);
      await q.query(`CREATE INDEX IF NOT EXISTS "social_auth_usersocialauth_uid_796e51dc_like" ON "social_auth_usersocialauth" ("uid" varchar_pattern_ops)`);
      await q.query(`CREATE INDEX IF NOT EXISTS "social_auth_usersocialauth_user_id_17d28448" ON "social_auth_usersocialauth" ("user_id")`);
      // One row per state accepted by POST auth/o/{provider}/: a state works once (its id is the primary key).
      await q.query(`CREATE TABLE IF NOT EXISTS "nest_social_state" ("id" varchar(64) PRIMARY KEY, "expires_at" timestamp with time zone NOT NULL)`);
      await q.query(`CREATE INDEX IF NOT EXISTS "nest_social_state_expires_at_idx" ON "nest_social_state" ("expires_at")`);
    }

    async down(q: QueryRunner): Promise<void> {
      await q.query(`DROP TABLE IF EXISTS "nest_social_state"`);
      await q.query(`DROP TABLE IF EXISTS "social_auth_usersocialauth"`);
    }
  };
}

export const SocialAuth1796615010364 = socialAuthMigration(DJANGO_USER_TABLE);
