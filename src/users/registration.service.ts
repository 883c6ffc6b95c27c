import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { SETTINGS } from '../config/config.module';
import type { Settings } from '../config/settings';
import type { RequestContext } from '../drf/request';
import type { PyValue } from '../drf/parsing/python-value';
import { validateFields } from '../drf/serializer';
import { emailTakenIgnoringCase, insertModelUser, insertUser, lockEmail, usernameForEmail } from './db/user-queries';
import { ValidationError } from '../drf/exceptions';
import { isUniqueViolation } from './db/unique-violation';
import { MESSAGES } from './djoser-messages';
import { normalizeEmail, normalizeUsername } from './user-normalization';
import { PasswordHasher } from './passwords/password-hasher';
import { UserFieldRules } from './user-field-rules';
import { USER_EVENTS, type UserEvent } from './user-events';
import { UserMailer } from './user-mailer';
import { representCreatedUser } from './user-representation';
import { userCreateFields } from './user-serializers';

/** POST users/ (spec §3.1). */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly rules: UserFieldRules,
    private readonly mailer: UserMailer,
    private readonly events: EventEmitter2,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  async register(body: PyValue, ctx: RequestContext): Promise<Record<string, string | number>> {
    if (this.settings.userModel.custom) return this.registerModelUser(body, ctx);
    const s = this.settings.djoser;
    const emailLogin = s.loginField === 'email';
    const attrs = await validateFields(userCreateFields(s, this.rules.loginUnique), body);

    // UserCreateSerializer.validate: validators against the unsaved `User(**attrs)`, then the retype check.
    const candidate = {
      username: emailLogin ? '' : attrs.username,
      email: attrs.email ?? '',
      first_name: attrs.first_name ?? '',
      last_name: attrs.last_name ?? '',
    };
    this.rules.checkPassword('password', attrs.password, candidate);
    if (s.userCreatePasswordRetype) this.rules.checkRetype(attrs.password, attrs.re_password, MESSAGES.passwordMismatch);

    const password = await this.hasher.hash(attrs.password);
    const email = normalizeEmail(attrs.email ?? '');
    const user = await this.dataSource
      .transaction(async (m) => {
        if (emailLogin) {
          await lockEmail(m, email);
          if (await emailTakenIgnoringCase(m, email)) throw this.rules.loginUniqueError('email');
        }
        const created = await insertUser(m, {
          username: emailLogin ? usernameForEmail(email) : normalizeUsername(attrs.username),
          email,
          password,
          firstName: attrs.first_name ?? '',
          lastName: attrs.last_name ?? '',
          isActive: !s.sendActivationEmail,
        });
        if (s.sendActivationEmail) await this.mailer.send('activation', created, ctx, m);
        else if (s.sendConfirmationEmail) await this.mailer.send('confirmation', created, ctx, m);
        return created;
      })
      .catch((e: unknown) => {
        // A concurrent registration (or an NFKC-equal username) won the unique constraint.
        if (isUniqueViolation(e)) throw this.rules.loginUniqueError(emailLogin ? 'email' : 'username');
        throw e;
      });

    await this.events.emitAsync(USER_EVENTS.registered, { user, request: ctx } satisfies UserEvent);
    return representCreatedUser(user, s);
  }

  /**
   * POST users/ on a described model: `User(**attrs)` for the password validators, then
   * `create_user` (the e-mail's domain lowercased). A duplicate only the database sees
   * (the normalised e-mail, another unique field) is Djoser's `["Unable to create account."]`.
   */
  private async registerModelUser(body: PyValue, ctx: RequestContext): Promise<Record<string, string | number>> {
    const s = this.settings.djoser;
    const model = this.settings.userModel;
    const attrs = await validateFields(userCreateFields(s, this.rules.loginUnique, (f) => this.rules.modelUnique(f)), body);
    const given: Record<string, string> = {};
    for (const name of [...model.requiredFields, model.usernameField]) if (attrs[name] !== undefined) given[name] = attrs[name];
    const has = (n: string) => model.fields.some((f) => f.name === n);
    const candidate = Object.fromEntries(['username', 'first_name', 'last_name', 'email'].filter(has).map((n) => [n, given[n] ?? '']));
    this.rules.checkPassword('password', attrs.password, candidate);
    if (s.userCreatePasswordRetype) this.rules.checkRetype(attrs.password, attrs.re_password, MESSAGES.passwordMismatch);

    const password = await this.hasher.hash(attrs.password);
    if (given[model.emailField] !== undefined) given[model.emailField] = normalizeEmail(given[model.emailField]);
    const user = await this.dataSource
      .transaction(async (m) => {
        const created = await insertModelUser(m, model, given, password, !s.sendActivationEmail);
        if (s.sendActivationEmail) await this.mailer.send('activation', created, ctx, m);
        else if (s.sendConfirmationEmail) await this.mailer.send('confirmation', created, ctx, m);
        return created;
      })
      .catch((e: unknown) => {
        if (isUniqueViolation(e)) throw new ValidationError([MESSAGES.cannotCreateUser]);
        throw e;
      });

    await this.events.emitAsync(USER_EVENTS.registered, { user, request: ctx } satisfies UserEvent);
    return representCreatedUser(user, s);
  }
}
