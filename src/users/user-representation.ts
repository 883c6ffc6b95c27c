import type { DjoserSettings } from '../config/settings';
import type { User } from './user.entity';
import { fieldValue } from './model/user-entity';
import { modelCreatedNames, modelUserNames } from './model/model-serializers';

/** Model attribute behind each serializer field name. */
const ATTRIBUTES: Record<string, (u: User) => string | number> = {
  email: (u) => u.email,
  id: (u) => u.id,
  username: (u) => u.username,
  first_name: (u) => u.firstName,
  last_name: (u) => u.lastName,
};

function represent(user: User, names: string[]): Record<string, string | number> {
  return Object.fromEntries(names.map((name) => [name, ATTRIBUTES[name] ? ATTRIBUTES[name](user) : (fieldValue(user, name) as string | number)]));
}

/** `UserSerializer(user).data`: `{"email":…,"id":…,"username":…}` (e-mail login: `{"email":…,"id":…}`). */
export function representUser(user: User, s: DjoserSettings): Record<string, string | number> {
  if (s.userModel?.custom) return represent(user, modelUserNames(s.userModel));
  const base = s.loginField === 'email' ? ['email', 'id'] : ['email', 'id', 'username'];
  return represent(user, [...base, ...s.userExtraFields]);
}

/** `UserCreateSerializer(user).data` (password is write-only): `{"email":…,"username":…,"id":…}`. */
export function representCreatedUser(user: User, s: DjoserSettings): Record<string, string | number> {
  if (s.userModel?.custom) return represent(user, modelCreatedNames(s.userModel));
  const base = s.loginField === 'email' ? ['email', 'id'] : ['email', 'username', 'id'];
  return represent(user, [...base, ...s.userExtraFields]);
}

/** What `get_username()` answers: the value of USERNAME_FIELD (the e-mail in e-mail login mode). */
export function loginName(user: User, s: DjoserSettings): string {
  if (s.userModel?.custom) return fieldValue(user, s.userModel.usernameField) as string;
  return s.loginField === 'email' ? user.email : user.username;
}
