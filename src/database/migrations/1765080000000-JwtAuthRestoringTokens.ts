import { MigrationInterface, QueryRunner } from 'typeorm';
import { DJANGO_USER_TABLE, type UserTable } from './user-table';

/**
 * django_rest_jwt_auth's `restoring_token` column, in a table of ours so auth_user keeps
 * Django's columns: the SHA-256 of the one restore link of a user that still works.
 */
export function jwtAuthRestoringTokensMigration(u: UserTable): new () => MigrationInterface {
  return class JwtAuthRestoringTokens1765080000000 implements MigrationInterface {
    name = 'JwtAuthRestoringTokens1765080000000';

    async up(q: QueryRunner): Promise<void> {
      await q.query(
        `CREATE TABLE IF NOT EXISTS "jwt_auth_restoring_token" ("user_id" ${u.idType} PRIMARY KEY REFERENCES "${u.table}" ("${u.pk}") ON DELETE CASCADE, "token_sha256" char(64) NOT NULL, "created_at" timestamptz NOT NULL DEFAULT now())`,
      );
    }

    async down(q: QueryRunner): Promise<void> {
      await q.query(`DROP TABLE IF EXISTS "jwt_auth_restoring_token"`);
    }
  };
}

export const JwtAuthRestoringTokens1765080000000 = jwtAuthRestoringTokensMigration(DJANGO_USER_TABLE);
