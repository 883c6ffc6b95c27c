import type { EntityManager } from 'typeorm';
import type { DjoserSettings } from '../config/settings';
import type { Fields } from '../drf/serializer';
import { loginValueTaken, usernameTaken } from '../users/db/user-queries';
import type { UniqueFor } from '../users/model/model-serializers';
import type { UserModel } from '../users/model/user-model';
import { userCreateFields, type UniqueValidator } from '../users/user-serializers';
import { usernameHasOptions, dropAbandonedSignup } from './webauthn-store';

/** The UniqueValidator text of `CredentialOptions.username` (verbose name "credential options"). */
export const OPTIONS_USERNAME_UNIQUE = 'credential options with this username already exists.';

/**
 * `WebauthnSignupSerializer`: `username` and `display_name` (model TextFields: required, no
 * length limit). The UniqueValidator runs first, then `validate_username`, which asks
 * auth_user by `username` whatever LOGIN_FIELD is (as Djoser does). On a described model it asks
 * the model's USERNAME_FIELD (Djoser's `filter(username=...)` is a FieldError there, a 500).
 */
export function signupRequestFields(m: EntityManager, model?: UserModel): Fields {
  const username = async (value: string): Promise<string[]> => {
    if (value.includes('\0')) return [];
    await dropAbandonedSignup(m, value);
    if (await usernameHasOptions(m, value)) return [OPTIONS_USERNAME_UNIQUE];
    const taken = model?.custom ? await loginValueTaken(m, model, value) : await usernameTaken(m, value);
    return taken ? [`User ${value} already exists.`] : [];
  };
  return [
    ['username', { validators: [username], label: 'Username' }],
    ['display_name', { label: 'Display name' }],
  ];
}

/** `WebauthnCreateUserSerializer`: REQUIRED_FIELDS + (LOGIN_FIELD, pk), no password. */
export function signupUserFields(s: DjoserSettings, unique: UniqueValidator, modelUnique: UniqueFor | null = null): Fields {
  return userCreateFields(s, unique, modelUnique).filter(([name]) => name !== 'password' && name !== 're_password');
}

/** `WebauthnLoginSerializer`: one required CharField named LOGIN_FIELD. */
export function loginFields(loginField: string): Fields {
  return [[loginField, {}]];
}
