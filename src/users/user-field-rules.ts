import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SETTINGS } from '../config/config.module';
import type { Settings } from '../config/settings';
import { ValidationError } from '../drf/exceptions';
import { hasSurrogate } from '../drf/parsing/python-text';
import { nonFieldError, type FieldValidator } from '../drf/serializer';
import { emailTakenIgnoringCase, usernameTaken } from './db/user-queries';
import { EMAIL_UNIQUE, MESSAGES, USERNAME_UNIQUE } from './djoser-messages';
import { PasswordHasher } from './passwords/password-hasher';
import { validatePassword, type PasswordUserAttributes } from './passwords/password-validators';
import type { User } from './user.entity';
import { loginValueTaken, modelValueTaken } from './db/user-queries';
import { uniqueMessage } from './model/model-serializers';
import { modelField, type ModelField } from './model/user-model';

/** The attributes Django's UserAttributeSimilarityValidator reads from a user. */
export function similarityAttributes(user: Pick<User, 'username' | 'firstName' | 'lastName' | 'email'>): PasswordUserAttributes {
  return { username: user.username, first_name: user.firstName, last_name: user.lastName, email: user.email };
}

/** The database- and password-backed parts of Djoser's serializers. */
@Injectable()
export class UserFieldRules {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  /** The login field's UniqueValidator (exact username, or case-insensitive e-mail in e-mail login mode). */
  readonly loginUnique: FieldValidator = async (value) => {
    // PostgreSQL text cannot hold NUL, so no user has it (and the query would fail); the field
    // then reports "Null characters are not allowed." as on the reference.
    if (value.includes('\0')) return [];
    const model = this.settings.userModel;
    if (model.custom) return (await loginValueTaken(this.dataSource.manager, model, value)) ? [this.customLoginUnique()] : [];
    if (this.settings.djoser.loginField === 'email') {
      return (await emailTakenIgnoringCase(this.dataSource.manager, value)) ? [EMAIL_UNIQUE] : [];
    }
    return (await usernameTaken(this.dataSource.manager, value)) ? [USERNAME_UNIQUE] : [];
  };

  /**
   * A described model's UniqueValidator for any unique field (DRF's ModelSerializer puts one on
   * each): "user with this phone already exists."; `exceptPk` is the user being updated.
   */
  modelUnique(f: ModelField, exceptPk?: number | string): FieldValidator {
    const model = this.settings.userModel;
    if (f.name === model.usernameField && exceptPk === undefined) return this.loginUnique;
    return async (value) => {
      if (value.includes('\0')) return [];
      return (await modelValueTaken(this.dataSource.manager, model, f, value, exceptPk)) ? [uniqueMessage(model, f)] : [];
    };
  }

  /** The unique error of the login field, for a write the database refused. */
  loginUniqueError(fieldName: string): ValidationError {
    if (this.settings.userModel.custom) return new ValidationError({ [fieldName]: [this.customLoginUnique()] });
    return new ValidationError({ [fieldName]: [this.settings.djoser.loginField === 'email' ? EMAIL_UNIQUE : USERNAME_UNIQUE] });
  }

  /** A described model's unique message for its login field ("user with this email address already exists."). */
  private customLoginUnique(): string {
    const model = this.settings.userModel;
    return uniqueMessage(model, modelField(model, model.usernameField)!);
  }

  /**
   * `CurrentPasswordSerializer.validate_current_password`: runs only when the CharField itself
   * accepted the value (DRF skips `validate_<field>` after a null-character/surrogate error).
   */
  currentPassword(user: User): FieldValidator {
    return async (value) => {
      if (value.includes('\0') || hasSurrogate(value)) return [];
      const { valid } = await this.hasher.verify(value, user.password);
      return valid ? [] : [MESSAGES.invalidPassword];
    };
  }

  /** Django's password validators, raised as `{"<field>": [...]}` like Djoser's serializers do. */
  checkPassword(field: string, password: string, user: PasswordUserAttributes | null): void {
    const messages = validatePassword(password, user);
    if (messages.length) throw new ValidationError({ [field]: messages });
  }

  /** A retype serializer's equality check (`non_field_errors`). */
  checkRetype(value: string, retyped: string | undefined, message: string): void {
    if (value !== retyped) throw nonFieldError(message);
  }
}
