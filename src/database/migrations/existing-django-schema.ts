import { MigrationInterface, QueryRunner } from 'typeorm';
import { DjangoAuthSchema1700000000000 } from './1700000000000-DjangoAuthSchema';
import { UsersEmailLogin1700000000300 } from './1700000000300-UsersEmailLogin';

/**
 * The variants run under DJANGO_EXISTING_SCHEMA (same names, so the history is the same
 * either way). Django's tables were checked at start (src/database/django-schema.ts) and
 * belong to Django's migrations: nothing here creates or alters them.
 */
export class AdoptDjangoAuthSchema extends DjangoAuthSchema1700000000000 {
  async up(): Promise<void> {
    // adopted, not created: see assertDjangoSchema
  }

  async down(): Promise<void> {
    // the tables are Django's, never dropped by us
  }
}

/**
 * Our index on Django's auth_user, built CONCURRENTLY (outside a transaction) so a live
 * Django keeps writing auth_user (logins update last_login) while it builds.
 */
export class UsersEmailLoginConcurrently extends UsersEmailLogin1700000000300 implements MigrationInterface {
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    // An interrupted CONCURRENTLY build leaves an INVALID index that IF NOT EXISTS would keep.
    const invalid = await q.query(
      `SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE c.relname = 'auth_user_email_upper_idx' AND c.relnamespace = current_schema()::regnamespace AND NOT i.indisvalid`,
    );
    if (invalid.length) await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "auth_user_email_upper_idx"`);
    await q.query(`CREATE INDEX CONCURRENTLY IF NOT EXISTS "auth_user_email_upper_idx" ON "auth_user" (UPPER("email"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "auth_user_email_upper_idx"`);
  }
}
