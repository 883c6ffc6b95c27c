import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SETTINGS } from '../config/config.module';
import type { Settings } from '../config/settings';
import { emailTakenIgnoringCase, insertModelUser, insertUser, lockEmail, loginValueTaken, usernameForEmail, usernameTaken } from '../users/db/user-queries';
import { modelField } from '../users/model/user-model';
import { isUniqueViolation } from '../users/db/unique-violation';
import { PasswordHasher } from '../users/passwords/password-hasher';
import { validatePassword } from '../users/passwords/password-validators';
import { similarityAttributes } from '../users/user-field-rules';
import { normalizeEmail, normalizeUsername } from '../users/user-normalization';
import { User } from '../users/user.entity';
import { describedField, emailField, USERNAME_FIELD, type ModelField } from './user-fields';

/** The user operations of the admin commands, on the server's own queries, hasher and validators. */
@Injectable()
export class CliUsers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  get emailLogin(): boolean {
    return this.settings.djoser.loginField === 'email';
  }

  /** User.USERNAME_FIELD: the username, or the e-mail in e-mail login mode. */
  get usernameField(): ModelField {
    const model = this.settings.userModel;
    if (model.custom) return describedField(modelField(model, model.usernameField)!);
    return this.emailLogin ? emailField(false) : USERNAME_FIELD;
  }

  /** User.REQUIRED_FIELDS: the stock User asks for the (optional) e-mail; the e-mail model asks nothing more. */
  get requiredFields(): ModelField[] {
    const model = this.settings.userModel;
    if (model.custom) return model.requiredFields.map((n) => describedField(modelField(model, n)!));
    return this.emailLogin ? [] : [emailField(true)];
  }

  /** `get_by_natural_key(value)` found someone (e-mails compared as the server compares them). */
  taken(login: string): Promise<boolean> {
    if (this.settings.userModel.custom) return loginValueTaken(this.dataSource.manager, this.settings.userModel, login);
    return this.emailLogin ? emailTakenIgnoringCase(this.dataSource.manager, login) : usernameTaken(this.dataSource.manager, login);
  }

  find(login: string): Promise<User | null> {
    const repo = this.dataSource.getRepository(User);
    const model = this.settings.userModel;
    if (model.custom) return repo.createQueryBuilder('u').where(`u."${modelField(model, model.usernameField)!.column}" = :login`, { login }).getOne();
    if (!this.emailLogin) return repo.findOne({ where: { username: login } });
    return repo.createQueryBuilder('u').where('UPPER(u.email) = UPPER(:login)', { login }).orderBy('u.id', 'ASC').getOne();
  }

  /** Django's validate_password against the unsaved user, every message. */
  passwordProblems(password: string, user: { username: string; email: string; first_name?: string; last_name?: string }): string[] {
    if (this.settings.userModel.custom) return validatePassword(password, user);
    return validatePassword(password, similarityAttributes({ username: user.username, email: user.email, firstName: '', lastName: '' }));
  }

  /** `create_superuser(login, email, password)`: staff, superuser, active; no password = unusable. */
  async createSuperuser(login: string, email: string, password: string | null, required: Record<string, string> = {}): Promise<User> {
    const encoded = password === null ? this.hasher.makeUnusable() : await this.hasher.hash(password);
    const model = this.settings.userModel;
    if (model.custom) {
      // create_superuser(<USERNAME_FIELD>, password, **REQUIRED_FIELDS) on the described model.
      const given = { ...required, [model.usernameField]: model.usernameField === model.emailField ? normalizeEmail(login) : login };
      return this.dataSource
        .transaction(async (m) => {
          const user = await insertModelUser(m, model, given, encoded, true);
          await m.getRepository(User).update({ id: user.id }, { isStaff: true, isSuperuser: true });
          return { ...user, isStaff: true, isSuperuser: true };
        })
        .catch((e: unknown) => {
          if (isUniqueViolation(e)) throw new TakenError();
          throw e;
        });
    }
    const mail = normalizeEmail(this.emailLogin ? login : email);
    return this.dataSource.transaction(async (m) => {
      if (this.emailLogin) await lockEmail(m, mail);
      if (await (this.emailLogin ? emailTakenIgnoringCase(m, mail) : Promise.resolve(false))) throw new TakenError();
      const user = await insertUser(m, {
        username: this.emailLogin ? usernameForEmail(mail) : normalizeUsername(login),
        email: mail,
        password: encoded,
        firstName: '',
        lastName: '',
        isActive: true,
      }).catch((e: unknown) => {
        if (isUniqueViolation(e)) throw new TakenError();
        throw e;
      });
      await m.getRepository(User).update({ id: user.id }, { isStaff: true, isSuperuser: true });
      return { ...user, isStaff: true, isSuperuser: true };
    });
  }

  async setPassword(user: User, password: string): Promise<void> {
    await this.dataSource.getRepository(User).update({ id: user.id }, { password: await this.hasher.hash(password) });
  }
}

/** The login was taken between the check and the insert. */
export class TakenError extends Error {}
