import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SETTINGS } from '../config/config.module';
import type { Settings } from '../config/settings';
import { ValidationError } from '../drf/exceptions';
import { findUsersByEmail } from './db/user-queries';
import { MESSAGES } from './djoser-messages';
import { PasswordHasher } from './passwords/password-hasher';
import type { User } from './user.entity';

/**
 * `UserFunctionsMixin.get_user(is_active)` of the reset / resend endpoints: the users with that
 * e-mail, that activity and a usable password. Djoser's `get()` answers 500 when several users
 * share the e-mail; every one of them is returned instead (each gets its own mail, as Django's
 * PasswordResetForm does). Nobody found: a bare-list 400 when either SHOW_EMAIL_NOT_FOUND flag
 * is on (Djoser ORs them), else an empty list.
 */
@Injectable()
export class ResetTargets {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  async find(email: string, isActive: boolean): Promise<User[]> {
    const s = this.settings.djoser;
    const found = await findUsersByEmail(this.dataSource.manager, email, isActive, s.loginField === 'email');
    const users = found.filter((u) => this.hasher.isUsable(u.password));
    if (users.length === 0 && (s.passwordResetShowEmailNotFound || s.usernameResetShowEmailNotFound)) {
      throw new ValidationError([MESSAGES.emailNotFound]);
    }
    return users;
  }
}
