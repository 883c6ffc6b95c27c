import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SETTINGS } from '../../config/config.module';
import type { Settings } from '../../config/settings';
import { User } from '../../users/user.entity';
import { userById, userByNaturalKey } from '../../perf/prepared-users';
import { parseUuid, pkInRange, type PkType } from '../../users/model/user-model';

/**
 * `User.objects.get_by_natural_key(value)`: the user whose USERNAME_FIELD equals the
 * value. USERNAME_FIELD is `username` (exact match, Django's unique column), or
 * `email` when DJOSER_LOGIN_FIELD=email (an email-as-username model, matched
 * case-insensitively; the oldest account wins should two differ only in case).
 */
@Injectable()
export class UserLookup {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  /** The name of User.USERNAME_FIELD (also the credential field of jwt/create). */
  get usernameField(): 'username' | 'email' {
    return this.settings.djoser.loginField;
  }

  async byNaturalKey(value: string): Promise<User | null> {
    const model = this.settings.userModel;
    const field = model.custom ? { column: model.fields.find((f) => f.name === model.usernameField)!.column } : this.usernameField;
    return userByNaturalKey(this.users.manager.connection, field, value);
  }

  /** The user a token's user-id claim names: one primary-key lookup (Django's `int()` coercion of the claim). */
  async byIdClaim(claim: unknown): Promise<User | null> {
    const id = djangoIntegerLookup(claim, this.settings.userModel.pk.type);
    if (id === null) return null;
    return userById(this.users.manager.connection, id);
  }
}

/**
 * What Django's IntegerField lookup makes of a claim value: integers, integral numeric
 * strings and booleans look up by that number. Anything else (Django raises ValueError,
 * a 500) and numbers outside the pk column's range (integer, or a model's bigint) match no user.
 */
export function djangoIntegerLookup(claim: unknown, pkType: PkType = 'integer'): number | null {
  // a uuid key: the claim is `str(user.pk)`; no uuid text matches no user (SimpleJWT: Django's ValidationError, a 500)
  if (pkType === 'uuid') return (typeof claim === 'string' ? parseUuid(claim) : null) as unknown as number | null;
  let n: number;
  if (typeof claim === 'number') n = Math.trunc(claim);
  else if (typeof claim === 'boolean') n = claim ? 1 : 0;
  else if (typeof claim === 'string' && /^\s*[+-]?\d+\s*$/.test(claim)) n = Number(claim.trim());
  else return null;
  if (!Number.isSafeInteger(n) || !pkInRange(pkType, BigInt(n))) return null;
  return n;
}
