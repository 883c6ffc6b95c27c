import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SETTINGS } from '../config/config.module';
import type { Settings } from '../config/settings';
import type { RequestContext } from '../drf/request';
import { MailService } from '../mail/mail.service';
import type { DjoserEmailKind } from '../mail/mail.types';
import { mailUserContext } from './mail-user-context';
import { PasswordResetTokenGenerator } from './secrets/password-reset-token.generator';
import { encodeUid } from './secrets/uid';
import type { User } from './user.entity';

/** The mails whose context carries `uid` and `token` (ActivationEmail, PasswordResetEmail, UsernameResetEmail). */
const LINK_MAILS: ReadonlySet<DjoserEmailKind> = new Set(['activation', 'password_reset', 'username_reset']);

const ROLLBACK = Symbol('rehearsal');
// Shaped like a stored argon2 hash so the token HMAC hashes as many bytes as for a real user.
const DECOY_PASSWORD = 'argon2$argon2id$v=19$m=19456,t=2,p=1$ZGVjb3lkZWNveWRlY295ZA$ZGVjb3lkZWNveWRlY295ZGVjb3lkZWNveWRlY295ZGVjb3k';

/**
 * Decides the parts of a Djoser mail that depend on the user: recipient (`get_user_email`),
 * `uid` and the token, made from the user's state at the moment of the change. The mail
 * module renders and delivers; the request goes into the caller's transaction, and its
 * answer waits for the first delivery attempt.
 */
@Injectable()
export class UserMailer {
  constructor(
    private readonly mail: MailService,
    private readonly tokens: PasswordResetTokenGenerator,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * For an address nobody has: the same work as a real send (token, rendering, the outbox
   * insert, a transaction), rolled back. Known and unknown addresses then take the same
   * time, so the 204 cannot be told apart by its latency (SECURITY.md, bench/enumeration.ts).
   */
  async rehearse(kind: DjoserEmailKind, email: string, ctx: RequestContext): Promise<void> {
    const decoy: User = {
      id: 2 ** 31 - 1,
      password: DECOY_PASSWORD,
      lastLogin: null,
      isSuperuser: false,
      username: email,
      firstName: '',
      lastName: '',
      email,
      isStaff: false,
      isActive: kind !== 'activation',
      dateJoined: new Date(),
    };
    await this.dataSource
      .transaction(async (m) => {
        await this.send(kind, decoy, ctx, m);
        throw ROLLBACK;
      })
      .catch((e: unknown) => {
        if (e !== ROLLBACK) throw e;
      });
    this.mail.imitateHandover(ctx); // a real send holds the answer for its first attempt
  }

  async send(kind: DjoserEmailKind, user: User, ctx: RequestContext, manager: EntityManager): Promise<void> {
    const link = LINK_MAILS.has(kind) ? { uid: encodeUid(user.id), token: this.tokens.makeToken(user) } : {};
    await this.mail.enqueue(
      {
        kind,
        to: user.email,
        user: mailUserContext(user, this.settings),
        ...link,
        request: { host: ctx.host, secure: ctx.secure },
      },
      manager,
      ctx,
    );
  }
}
