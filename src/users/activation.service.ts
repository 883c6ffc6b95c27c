import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { SETTINGS } from '../config/config.module';
import type { Settings } from '../config/settings';
import { EmptyBadRequest, PermissionDenied } from '../drf/exceptions';
import type { RequestContext } from '../drf/request';
import type { PyValue } from '../drf/parsing/python-value';
import { validateFields } from '../drf/serializer';
import { User } from './user.entity';
import { MESSAGES } from './djoser-messages';
import { ResetTargets } from './reset-targets';
import { PasswordResetTokenGenerator } from './secrets/password-reset-token.generator';
import { userFromUidAndToken } from './uid-token';
import { USER_EVENTS, type UserEvent } from './user-events';
import { UserMailer } from './user-mailer';
import { ACTIVATION_FIELDS, SEND_EMAIL_RESET_FIELDS } from './user-serializers';

/** POST users/activation/ and users/resend_activation/ (spec §3.5, §3.6). */
@Injectable()
export class ActivationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: PasswordResetTokenGenerator,
    private readonly targets: ResetTargets,
    private readonly mailer: UserMailer,
    private readonly events: EventEmitter2,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  /** uid → token → already active is a 403 "stale token" (the token survives activation: is_active is not hashed). */
  async activate(data: PyValue, ctx: RequestContext): Promise<void> {
    await validateFields(ACTIVATION_FIELDS, data);
    const user = await this.dataSource.transaction(async (m) => {
      const found = await userFromUidAndToken(m, data, this.tokens, true);
      if (found.isActive) throw PermissionDenied(MESSAGES.staleToken);
      await m.getRepository(User).update({ id: found.id }, { isActive: true });
      const activated: User = { ...found, isActive: true };
      if (this.settings.djoser.sendConfirmationEmail) await this.mailer.send('confirmation', activated, ctx, m);
      return activated;
    });
    await this.events.emitAsync(USER_EVENTS.activated, { user, request: ctx } satisfies UserEvent);
  }

  /**
   * Djoser ≥ 2.2.1: 204 whether or not an inactive user has that e-mail (no account
   * enumeration); 400 with an empty body when activation e-mails are off.
   */
  async resend(body: PyValue, ctx: RequestContext): Promise<void> {
    const { email } = await validateFields(SEND_EMAIL_RESET_FIELDS, body);
    const users = await this.targets.find(email, false);
    if (!this.settings.djoser.sendActivationEmail) throw EmptyBadRequest();
    if (users.length === 0) return this.mailer.rehearse('activation', email, ctx);
    await this.dataSource.transaction(async (m) => {
      for (const user of users) await this.mailer.send('activation', user, ctx, m);
    });
  }
}
