import { DjangoAuthSchema1700000000000 } from './1700000000000-DjangoAuthSchema';
import { MailOutbox1700000000100 } from './1700000000100-MailOutbox';
import { RefreshTokenFamilies1700000000200 } from './1700000000200-RefreshTokenFamilies';
import { UsersEmailLogin1700000000300 } from './1700000000300-UsersEmailLogin';
import { ThrottleCounters1700000000700 } from './1700000000700-ThrottleCounters';
import { JwtAuthRestoringTokens1765080000000 } from './1765080000000-JwtAuthRestoringTokens';
import { AdoptDjangoAuthSchema, UsersEmailLoginConcurrently } from './existing-django-schema';

/** Every migration, in order. Listed explicitly so the compiled server and the CLI see the same set. */
export const MIGRATIONS = [
  DjangoAuthSchema1700000000000,
  MailOutbox1700000000100,
  RefreshTokenFamilies1700000000200,
  UsersEmailLogin1700000000300,
  ThrottleCounters1700000000700,
  JwtAuthRestoringTokens1765080000000,
];

/** The same history with Django's tables adopted instead of created (DJANGO_EXISTING_SCHEMA). */
export function migrationsFor(opts: { djangoExistingSchema: boolean }): Array<(typeof MIGRATIONS)[number]> {
  if (!opts.djangoExistingSchema) return MIGRATIONS;
  const adopted = new Map<unknown, (typeof MIGRATIONS)[number]>([
    [DjangoAuthSchema1700000000000, AdoptDjangoAuthSchema],
    [UsersEmailLogin1700000000300, UsersEmailLoginConcurrently],
  ]);
  return MIGRATIONS.map((m) => adopted.get(m) ?? m);
}
