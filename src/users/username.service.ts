import { propertyOf } from './model/user-entity';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SETTINGS } from '../config/config.module';
import type { Settings } from '../config/settings';
import type { RequestContext } from '../drf/request';
import type { PyValue } from '../drf/parsing/python-value';
import { validateFields } from '../drf/serializer';
import { emailTakenIgnoringCase, lockEmail, usernameForEmail } from './db/user-queries';
import { isUniqueViolation } from './db/unique-violation';
import { MESSAGES } from './djoser-messages';
import { ResetTargets } from './reset-targets';
import { PasswordResetTokenGenerator } from './secrets/password-reset-token.generator';
import { userFromUidAndToken } from './uid-token';
import { UserFieldRules } from './user-field-rules';
import { UserMailer } from './user-mailer';
import { SEND_EMAIL_RESET_FIELDS, setUsernameFields, usernameResetConfirmFields } from './user-serializers';
import { User } from './user.entity';

/**
 * A last_login that differs from the previous one at the token's 1-second resolution, so a
 * username-reset link cannot be used twice within the same second (Djoser allows that).
 */
export function nextLastLogin(previous: Date | null, now: Date = new Date()): Date {
  if (previous === null) return now;
  const previousSecond = Math.floor(previous.getTime() / 1000);
  return Math.floor(now.getTime() / 1000) > previousSecond ? now : new Date((previousSecond + 1) * 1000);
}

/** POST users/set_{login}/, reset_{login}/, reset_{login}_confirm/ (spec §3.10–§3.12). */
@Injectable()
export class UsernameService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: PasswordResetTokenGenerator,
    private readonly rules: UserFieldRules,
    private readonly targets: ResetTargets,
    private readonly mailer: UserMailer,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  private get newField(): string {
    return `new_${this.settings.djoser.loginField}`;
  }

  private checkRetype(data: Record<string, string>, retypeEnabled: boolean): void {
    const login = this.settings.djoser.loginField;
    if (retypeEnabled) this.rules.checkRetype(data[this.newField], data[`re_new_${login}`], MESSAGES.usernameMismatch(login));
  }

  /** Fields (current_password and the new login's model validation, unique included) → retype → save → mail. */
  async setUsername(me: User, body: PyValue, ctx: RequestContext): Promise<void> {
    const s = this.settings.djoser;
    const fields = setUsernameFields(s, this.rules.currentPassword(me), this.rules.loginUnique);
    const data = await validateFields(fields, body);
    this.checkRetype(data, s.setUsernameRetype);
    await this.write(async (m) => {
      const changed = await this.applyLogin(m, me, data[this.newField], {});
      if (s.usernameChangedEmailConfirmation) await this.mailer.send('username_changed_confirmation', changed, ctx, m);
    });
  }

  /** As reset_password, with the username-reset mail. */
  async resetUsername(body: PyValue, ctx: RequestContext): Promise<void> {
    const { email } = await validateFields(SEND_EMAIL_RESET_FIELDS, body);
    const users = await this.targets.find(email, true);
    if (users.length === 0) return this.mailer.rehearse('username_reset', email, ctx);
    await this.dataSource.transaction(async (m) => {
      for (const user of users) await this.mailer.send('username_reset', user, ctx, m);
    });
  }

  /** Fields → retype → uid → token (uid and token are not serializer fields here) → save with a new last_login. */
  async confirmReset(raw: PyValue, ctx: RequestContext): Promise<void> {
    const s = this.settings.djoser;
    const data = await validateFields(usernameResetConfirmFields(s, this.rules.loginUnique), raw);
    this.checkRetype(data, s.usernameResetConfirmRetype);
    await userFromUidAndToken(this.dataSource.manager, raw, this.tokens);
    await this.write(async (m) => {
      const user = await userFromUidAndToken(m, raw, this.tokens, true);
      const changed = await this.applyLogin(m, user, data[this.newField], { lastLogin: nextLastLogin(user.lastLogin) });
      if (s.usernameChangedEmailConfirmation) await this.mailer.send('username_changed_confirmation', changed, ctx, m);
    });
  }

  /** Writes the new login (username; or e-mail, unique regardless of case, mirrored into username). */
  private async applyLogin(m: EntityManager, user: User, value: string, extra: Partial<User>): Promise<User> {
    let changes: Partial<User>;
    const model = this.settings.userModel;
    if (model.custom) {
      // The model's unique constraint on the login field decides (exact match, as Django's).
      changes = { [propertyOf(model.usernameField)]: value, ...extra } as Partial<User>;
    } else if (this.settings.djoser.loginField === 'email') {
      await lockEmail(m, value);
      if (await emailTakenIgnoringCase(m, value)) throw this.rules.loginUniqueError(this.newField);
      changes = { email: value, username: usernameForEmail(value), ...extra };
    } else {
      changes = { username: value, ...extra };
    }
    await m.getRepository(User).update({ id: user.id }, changes);
    return { ...user, ...changes };
  }

  /** A transaction whose unique violation (a concurrent writer took the name) is the field's unique error. */
  private async write(work: (m: EntityManager) => Promise<void>): Promise<void> {
    await this.dataSource.transaction(work).catch((e: unknown) => {
      if (isUniqueViolation(e)) throw this.rules.loginUniqueError(this.newField);
      throw e;
    });
  }
}
