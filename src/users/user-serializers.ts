import type { DjoserSettings } from '../config/settings';
import type { FieldSpec, FieldValidator, Fields } from '../drf/serializer';
import { describeField } from '../drf/serializer';
import { USERNAME_HELP_TEXT, USERNAME_INVALID } from './djoser-messages';
import { modelLoginSpec, modelUserCreateFields, modelUserFields, type UniqueFor } from './model/model-serializers';

// The fields of each Djoser serializer, in Djoser's declaration order (the order of error keys,
// of response keys and of OPTIONS metadata). With LOGIN_FIELD=email the user model is treated
// as Djoser's email-as-username model (USERNAME_FIELD = EMAIL_FIELD = "email"): the login field
// is the e-mail, required and unique; `username` is then an internal column, never shown.

/** What a serializer needs from the database: the model's UniqueValidator of the login field. */
export type UniqueValidator = FieldValidator;

/**
 * Django's UnicodeUsernameValidator `^[\w.@+-]+\Z`. Python's `\w` is `[\p{L}\p{N}_]` for every
 * character Unicode 14 (CPython 3.11) assigns; JS knows a few later-assigned letters too.
 */
const USERNAME_RE = /^[\p{L}\p{N}_.@+-]+$/u;
export const usernameCharacters: FieldValidator = (v) => (USERNAME_RE.test(v) ? [] : [USERNAME_INVALID]);

const ID_METADATA = { type: 'integer', required: false, read_only: true, label: 'ID' };

const EXTRA_FIELD_LABELS: Record<string, string> = { first_name: 'First name', last_name: 'Last name' };

/** `first_name` / `last_name` (model CharField(max_length=150, blank=True)), when DJOSER_USER_EXTRA_FIELDS lists them. */
function extraFields(s: DjoserSettings): Array<[string, FieldSpec]> {
  return s.userExtraFields.map((name) => [name, { required: false, allowBlank: true, maxLength: 150, label: EXTRA_FIELD_LABELS[name] }]);
}

/** The stock User's optional `email` model field. */
const OPTIONAL_EMAIL: FieldSpec = { kind: 'email', required: false, allowBlank: true, maxLength: 254, label: 'Email address' };

/** The login field as a writable model field (username: regex + unique; e-mail: unique). */
function loginModelField(s: DjoserSettings, unique: UniqueValidator): FieldSpec {
  if (s.userModel?.custom) return modelLoginSpec(s.userModel, () => unique);
  if (s.loginField === 'email') return { kind: 'email', maxLength: 254, validators: [unique], label: 'Email address' };
  return { maxLength: 150, validators: [usernameCharacters, unique], label: 'Username', helpText: USERNAME_HELP_TEXT };
}

/** `UserSerializer` (`user`, `current_user`): REQUIRED_FIELDS + (USER_ID_FIELD, LOGIN_FIELD), login read-only. */
export function userFields(s: DjoserSettings, modelUnique: UniqueFor | null = null): Fields {
  if (s.userModel?.custom) return modelUserFields(s.userModel, modelUnique);
  const id: [string, FieldSpec] = ['id', { readOnly: true, label: 'ID' }];
  if (s.loginField === 'email') {
    // ('email',) + ('id', 'email'): DRF keeps the first position of the repeated name.
    return [['email', { kind: 'email', readOnly: true, label: 'Email address' }], id, ...extraFields(s)];
  }
  return [
    ['email', OPTIONAL_EMAIL],
    id,
    ['username', { readOnly: true, label: 'Username', helpText: USERNAME_HELP_TEXT }],
    ...extraFields(s),
  ];
}

/** `UserCreateSerializer` / `UserCreatePasswordRetypeSerializer`: REQUIRED_FIELDS + (LOGIN_FIELD, USER_ID_FIELD, "password"). */
export function userCreateFields(s: DjoserSettings, unique: UniqueValidator, modelUnique: UniqueFor | null = null): Fields {
  // A described model: the login field's validator, and DRF's UniqueValidator on its other unique fields.
  if (s.userModel?.custom)
    return modelUserCreateFields(s.userModel, (f) => (f.name === s.userModel.usernameField ? unique : (modelUnique?.(f) ?? (() => []))), s.userCreatePasswordRetype);
  const head: Array<[string, FieldSpec]> =
    s.loginField === 'email' ? [['email', loginModelField(s, unique)]] : [['email', OPTIONAL_EMAIL], ['username', loginModelField(s, unique)]];
  const fields: Array<[string, FieldSpec]> = [...head, ['id', { readOnly: true }], ...extraFields(s), ['password', { writeOnly: true }]];
  if (s.userCreatePasswordRetype) fields.push(['re_password', {}]);
  return fields;
}

/** `SendEmailResetSerializer` (reset_password, reset_username, resend_activation): one EmailField named EMAIL_FIELD. */
export const SEND_EMAIL_RESET_FIELDS: Fields = [['email', { kind: 'email' }]];

/** `ActivationSerializer` (UidAndTokenSerializer). */
export const ACTIVATION_FIELDS: Fields = [
  ['uid', {}],
  ['token', {}],
];

type Field = readonly [string, FieldSpec];

/** `PasswordResetConfirm[Retype]Serializer`: uid, token, new_password [, re_new_password]. */
export function passwordResetConfirmFields(s: DjoserSettings): Fields {
  const fields: Field[] = [...ACTIVATION_FIELDS, ['new_password', {}]];
  if (s.passwordResetConfirmRetype) fields.push(['re_new_password', {}]);
  return fields;
}

/** `SetPassword[Retype]Serializer`: new_password [, re_new_password], current_password (checked at field level). */
export function setPasswordFields(s: DjoserSettings, currentPassword: FieldValidator): Fields {
  const fields: Array<[string, FieldSpec]> = [['new_password', {}]];
  if (s.setPasswordRetype) fields.push(['re_new_password', {}]);
  fields.push(['current_password', { validators: [currentPassword] }]);
  return fields;
}

/** `UserDeleteSerializer`. */
export function userDeleteFields(currentPassword: FieldValidator): Fields {
  return [['current_password', { validators: [currentPassword] }]];
}

/** `SetUsername[Retype]Serializer`: current_password, new_{LOGIN_FIELD} [, re_new_{LOGIN_FIELD}]. */
export function setUsernameFields(s: DjoserSettings, currentPassword: FieldValidator, unique: UniqueValidator): Fields {
  const fields: Array<[string, FieldSpec]> = [
    ['current_password', { validators: [currentPassword] }],
    [`new_${s.loginField}`, loginModelField(s, unique)],
  ];
  if (s.setUsernameRetype) fields.push([`re_new_${s.loginField}`, {}]);
  return fields;
}

/**
 * `UsernameResetConfirm[Retype]Serializer`: a ModelSerializer whose Meta.fields only name the
 * login field, so `uid` and `token` are not fields at all (read from the raw input in
 * `validate()`): `{}` answers only `{"new_username":["This field is required."]}` (recorded from djoser-ref).
 */
export function usernameResetConfirmFields(s: DjoserSettings, unique: UniqueValidator): Fields {
  const fields: Array<[string, FieldSpec]> = [[`new_${s.loginField}`, loginModelField(s, unique)]];
  if (s.usernameResetConfirmRetype) fields.push([`re_new_${s.loginField}`, {}]);
  return fields;
}

/**
 * SimpleMetadata's description of UserSerializer: what OPTIONS shows for every route of the
 * viewset, action routes included (its `metadata` action uses the default serializer).
 */
export function describeUserSerializer(s: DjoserSettings): Record<string, unknown> {
  return Object.fromEntries(userFields(s).map(([name, spec]) => [name, name === 'id' ? ID_METADATA : describeField(spec)]));
}
