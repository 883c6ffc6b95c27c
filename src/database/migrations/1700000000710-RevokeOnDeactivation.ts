import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ASVS 7.4.2: disabling an account ends its sessions. Our own deactivation path revokes in
 * the service (UserSessions), but an operator may deactivate from Django's admin or plain SQL
 * on the shared database. This trigger makes `is_active: true → false` revoke the user's DRF
 * token and blacklist its recorded refresh tokens whoever writes it, so re-activating the
 * account later does not bring old tokens back to life.
 */
export class RevokeOnDeactivation1700000000710 implements MigrationInterface {
  name = 'RevokeOnDeactivation1700000000710';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION "nest_revoke_on_deactivation"() RETURNS trigger AS $$
      BEGIN
        DELETE FROM "authtoken_token" WHERE "user_id" = NEW."id";
        INSERT INTO "token_blacklist_blacklistedtoken" ("blacklisted_at", "token_id")
          SELECT now(), o."id" FROM "token_blacklist_outstandingtoken" o WHERE o."user_id" = NEW."id"
          ON CONFLICT ("token_id") DO NOTHING;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await q.query(`DROP TRIGGER IF EXISTS "nest_revoke_on_deactivation" ON "auth_user"`);
    await q.query(`CREATE TRIGGER "nest_revoke_on_deactivation" AFTER UPDATE OF "is_active" ON "auth_user"
      FOR EACH ROW WHEN (OLD."is_active" AND NOT NEW."is_active") EXECUTE FUNCTION "nest_revoke_on_deactivation"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS "nest_revoke_on_deactivation" ON "auth_user"`);
    await q.query(`DROP FUNCTION IF EXISTS "nest_revoke_on_deactivation"()`);
  }
}
