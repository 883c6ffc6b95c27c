import type { FieldSpec, FieldValidator, Fields } from '../../drf/serializer';
import { modelField, type ModelField, type UserModel } from './user-model';

/**
 * The serializers of a described user model, as DRF's ModelSerializer builds them from
 * Django's fields (`build_standard_field`) and Djoser declares them (REQUIRED_FIELDS, then
 * USER_ID_FIELD and LOGIN_FIELD; a name listed twice keeps its first position).
 */

/** A unique field's UniqueValidator, given the field. */
export type UniqueFor = (field: ModelField) => FieldValidator;

/** Python's `capfirst(verbose_name)`: DRF's label. */
const capfirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** `ModelSerializer.build_standard_field` for a char / email / text model field. */
export function modelFieldSpec(f: ModelField, unique: UniqueFor | null): FieldSpec {
  return {
    ...(f.type === 'email' ? { kind: 'email' as const } : {}),
    // DRF: required unless the model field has a default, is blank or null.
    ...(f.blank || f.null || f.default !== undefined ? { required: false } : {}),
    ...(f.blank ? { allowBlank: true } : {}),
    ...(f.null ? { allowNull: true } : {}),
    ...(f.maxLength ? { maxLength: f.maxLength } : {}),
    ...(f.unique && unique ? { validators: [unique(f)] } : {}),
    label: capfirst(f.verboseName),
  };
}

function field(model: UserModel, name: string): ModelField {
  return modelField(model, name)!;
}

function dedupe(fields: Array<[string, FieldSpec]>): Fields {
  const seen = new Set<string>();
  return fields.filter(([name]) => !seen.has(name) && seen.add(name));
}

/** `UserSerializer`: REQUIRED_FIELDS + (id, LOGIN_FIELD), the login field read-only. */
export function modelUserFields(model: UserModel, unique: UniqueFor | null): Fields {
  const login = field(model, model.usernameField);
  return dedupe([
    ...model.requiredFields.map((n) => [n, modelFieldSpec(field(model, n), unique)] as [string, FieldSpec]),
    ['id', { readOnly: true, label: 'ID' }],
    [model.usernameField, { ...(login.type === 'email' ? { kind: 'email' as const } : {}), readOnly: true, label: capfirst(login.verboseName) }],
  ]);
}

/** `UserCreateSerializer`: REQUIRED_FIELDS + (LOGIN_FIELD, id, password). */
export function modelUserCreateFields(model: UserModel, unique: UniqueFor, retype: boolean): Fields {
  const fields = dedupe([
    ...model.requiredFields.map((n) => [n, modelFieldSpec(field(model, n), unique)] as [string, FieldSpec]),
    [model.usernameField, modelFieldSpec(field(model, model.usernameField), unique)],
    ['id', { readOnly: true }],
    ['password', { writeOnly: true }],
  ]);
  return retype ? [...fields, ['re_password', {}]] : fields;
}

/** The login field as `new_<login>` of set_<login>/ and reset_<login>_confirm/ (its model validators, unique included). */
export function modelLoginSpec(model: UserModel, unique: UniqueFor): FieldSpec {
  return modelFieldSpec(field(model, model.usernameField), unique);
}

/** `UserCreateSerializer(user).data` key order: the create fields that are not write-only. */
export function modelCreatedNames(model: UserModel): string[] {
  return [...new Set([...model.requiredFields, model.usernameField, 'id'])];
}

/** `UserSerializer(user).data` key order. */
export function modelUserNames(model: UserModel): string[] {
  return [...new Set([...model.requiredFields, 'id', model.usernameField])];
}

/** Django's `unique` message: "%(model_name)s with this %(field_label)s already exists." */
export function uniqueMessage(model: UserModel, f: ModelField): string {
  return `${model.verboseName} with this ${f.verboseName} already exists.`;
}
