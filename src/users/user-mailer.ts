import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SETTINGS } from '../config/config.module';
import type { Settings } from '../config/settings';
import type { DrfRequest } from '../drf/request';
import { MailService } from '../mail/mail.service';
import type { DjoserEmailKind } from '../mail/mail.types';
import { PasswordResetTokenGenerator } from './secrets/password-reset-token.generator';
import { encodeUid } from './secrets/uid';
import { loginName } from './user-representation';
import type { User } from './user.entity';

/** The mails whose context carries `uid` and `token` (ActivationEmail, PasswordResetEmail, UsernameResetEmail). */
const LINK_MAILS: ReadonlySet<DjoserEmailKind> = new Set(['activation', 'password_reset', 'username_reset']);

/**
 * Decides the parts of a Djoser mail that depend on the user: recipient (`get_user_email`),
 * `uid` and the token, made from the user's state at the moment of the change. The mail
 * module renders and delivers; the request goes into the caller's transaction.
 */
@Injectable()
export class UserMailer {
  constructor(
    private readonly mail: MailService,
    private readonly tokens: PasswordResetTokenGenerator,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  async send(kind: DjoserEmailKind, user: User, req: DrfRequest, manager: EntityManager): Promise<void> {
    const link = LINK_MAILS.has(kind) ? { uid: encodeUid(user.id), token: this.tokens.makeToken(user) } : {};
    await this.mail.enqueue(
      {
        kind,
        to: user.email,
        user: {
          id: user.id,
          username: loginName(user, this.settings.djoser),
          email: user.email,
          firstName: user.firstName,
          lastName: user.lastName,
        },
        ...link,
        request: { host: req.headers.host ?? '', secure: req.protocol === 'https' },
      },
      manager,
    );
  }
}
