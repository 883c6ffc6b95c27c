import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { SETTINGS } from '../config/config.module';
import type { Settings } from '../config/settings';
import type { RequestContext } from '../drf/request';
import type { PyValue } from '../drf/parsing/python-value';
import { ValidationError } from '../drf/exceptions';
import { validateFields } from '../drf/serializer';
import { User } from './user.entity';
import { MESSAGES } from './djoser-messages';
import { PasswordHasher } from './passwords/password-hasher';
import { ResetTargets } from './reset-targets';
import { PasswordResetTokenGenerator } from './secrets/password-reset-token.generator';
import { userFromUidAndToken } from './uid-token';
import { similarityAttributes, UserFieldRules } from './user-field-rules';
import { USER_EVENTS, type UserEvent } from './user-events';
import { UserMailer } from './user-mailer';
import { passwordResetConfirmFields, SEND_EMAIL_RESET_FIELDS, setPasswordFields } from './user-serializers';
import { UserSessions } from './user-sessions';

/** POST users/set_password/, reset_password/, reset_password_confirm/ (spec §3.7–§3.9). */
@Injectable()
export class PasswordService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly tokens: PasswordResetTokenGenerator,
    private readonly rules: UserFieldRules,
    private readonly targets: ResetTargets,
    private readonly mailer: UserMailer,
    private readonly sessions: UserSessions,
    private readonly events: EventEmitter2,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  /**
   * Fields (current_password checked among them) → validators against the requester →
   * retype; then the change, the confirmation mail and, with LOGOUT_ON_PASSWORD_CHANGE, logout.
   */
  async setPassword(me: User, body: PyValue, ctx: RequestContext): Promise<void> {
    const s = this.settings.djoser;
    const data = await validateFields(setPasswordFields(s, this.rules.currentPassword(me)), body);
    this.rules.checkPassword('new_password', data.new_password, similarityAttributes(me));
    if (s.setPasswordRetype) this.rules.checkRetype(data.new_password, data.re_new_password, MESSAGES.passwordMismatch);

    const password = await this.hasher.hash(data.new_password);
    await this.dataSource.transaction(async (m) => {
      // Conditional on the hash current_password was checked against: of parallel changes
      // one wins, the others find the password changed and fail as a wrong current_password.
      const { affected } = await m.getRepository(User).update({ id: me.id, password: me.password }, { password });
      if (affected === 0) throw new ValidationError({ current_password: [MESSAGES.invalidPassword] });
      if (s.passwordChangedEmailConfirmation) await this.mailer.send('password_changed_confirmation', { ...me, password }, ctx, m);
      if (s.logoutOnPasswordChange) await this.sessions.logout(me.id, m);
    });
    if (s.logoutOnPasswordChange) await this.events.emitAsync(USER_EVENTS.loggedOut, { user: me, request: ctx } satisfies UserEvent);
  }

  /** 204 whether or not the e-mail is known (unless a SHOW_EMAIL_NOT_FOUND flag is on); one mail per matching user. */
  async resetPassword(body: PyValue, ctx: RequestContext): Promise<void> {
    const { email } = await validateFields(SEND_EMAIL_RESET_FIELDS, body);
    const users = await this.targets.find(email, true);
    if (users.length === 0) return this.mailer.rehearse('password_reset', email, ctx);
    await this.dataSource.transaction(async (m) => {
      for (const user of users) await this.mailer.send('password_reset', user, ctx, m);
    });
  }

  /**
   * Djoser's order (an MRO consequence): fields → password validators (against the requester,
   * not the target: anonymous means no similarity check) → retype → uid → token.
   */
  async confirmReset(requestUser: User | null, raw: PyValue, ctx: RequestContext): Promise<void> {
    const s = this.settings.djoser;
    const data = await validateFields(passwordResetConfirmFields(s), raw);
    const requester = requestUser ? similarityAttributes(requestUser) : null;
    this.rules.checkPassword('new_password', data.new_password, requester);
    if (s.passwordResetConfirmRetype) this.rules.checkRetype(data.new_password, data.re_new_password, MESSAGES.passwordMismatch);

    // Checked once before hashing (no hashing work for a bad link), then again on the locked row.
    await userFromUidAndToken(this.dataSource.manager, raw, this.tokens);
    const password = await this.hasher.hash(data.new_password);
    await this.dataSource.transaction(async (m) => {
      // A concurrent use of the same link changed the password meanwhile: "Invalid token", as on reuse.
      const user = await userFromUidAndToken(m, raw, this.tokens, true);
      const changed: User = { ...user, password, lastLogin: new Date() };
      await m.getRepository(User).update({ id: user.id }, { password, lastLogin: changed.lastLogin });
      if (s.passwordChangedEmailConfirmation) await this.mailer.send('password_changed_confirmation', changed, ctx, m);
    });
  }
}
