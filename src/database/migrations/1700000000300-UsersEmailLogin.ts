import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-mail login (DJOSER_LOGIN_FIELD=email) looks users up by `UPPER(email) = UPPER(value)`, as
 * Django's `iexact` does on PostgreSQL. A plain (not unique) expression index serves those
 * lookups; uniqueness is enforced by the users service under an advisory lock, because
 * Django's default schema allows duplicate e-mails and this index must not refuse them.
 */
export class UsersEmailLogin1700000000300 implements MigrationInterface {
  name = 'UsersEmailLogin1700000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS "auth_user_email_upper_idx" ON "auth_user" (UPPER("email"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS "auth_user_email_upper_idx"`);
  }
}
