import { DjangoAuthSchema1700000000000 } from './1700000000000-DjangoAuthSchema';
import { MailOutbox1700000000100 } from './1700000000100-MailOutbox';
import { RefreshTokenFamilies1700000000200 } from './1700000000200-RefreshTokenFamilies';
import { UsersEmailLogin1700000000300 } from './1700000000300-UsersEmailLogin';
import { ThrottleCounters1700000000700 } from './1700000000700-ThrottleCounters';
import { Webauthn1765000000000, webauthnMigration } from './1765000000000-Webauthn';
import { JwtAuthRestoringTokens1765080000000, jwtAuthRestoringTokensMigration } from './1765080000000-JwtAuthRestoringTokens';
import { SocialAuth1796615010364, socialAuthMigration } from './1796615010364-SocialAuth';
import { AdoptDjangoAuthSchema, UsersEmailLoginConcurrently } from './existing-django-schema';
import type { UserModel } from '../../users/model/user-model';
import { userModelSchemaMigration, UsersEmailLoginSkipped } from '../../users/model/user-table-migration';

/** Every migration, in order. Listed explicitly so the compiled server and the CLI see the same set. */
export const MIGRATIONS = [
  DjangoAuthSchema1700000000000,
  MailOutbox1700000000100,
  RefreshTokenFamilies1700000000200,
  UsersEmailLogin1700000000300,
  ThrottleCounters1700000000700,
  Webauthn1765000000000,
  JwtAuthRestoringTokens1765080000000,
  SocialAuth1796615010364,
];

/** The same history with Django's tables adopted instead of created (DJANGO_EXISTING_SCHEMA). */
export function migrationsFor(opts: { djangoExistingSchema: boolean; userModel?: UserModel }): Array<(typeof MIGRATIONS)[number]> {
  const custom = opts.userModel?.custom ? opts.userModel : null;
  if (!opts.djangoExistingSchema && !custom) return MIGRATIONS;
  // AUTH_USER_MODEL_FILE: the described table instead of auth_user (same migration names).
  const adopted = new Map<unknown, (typeof MIGRATIONS)[number]>([
    [DjangoAuthSchema1700000000000, opts.djangoExistingSchema ? AdoptDjangoAuthSchema : (userModelSchemaMigration(custom!) as typeof DjangoAuthSchema1700000000000)],
    [UsersEmailLogin1700000000300, custom ? UsersEmailLoginSkipped : UsersEmailLoginConcurrently],
  ]);
  if (custom) {
    // Tables of other apps point their user_id at the described table, with its key type.
    const users = { table: custom.table, pk: custom.pk.column, idType: custom.pk.type };
    adopted.set(Webauthn1765000000000, webauthnMigration(users));
    adopted.set(SocialAuth1796615010364, socialAuthMigration(users));
    adopted.set(JwtAuthRestoringTokens1765080000000, jwtAuthRestoringTokensMigration(users));
  }
  return MIGRATIONS.map((m) => adopted.get(m) ?? m);
}
