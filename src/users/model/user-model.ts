import { readFileSync } from 'node:fs';

/**
 * The user model as Djoser reads it from Django (`get_user_model()`): its table, primary key,
 * USERNAME_FIELD / EMAIL_FIELD / REQUIRED_FIELDS and the fields the serializers touch. Read
 * from the JSON file AUTH_USER_MODEL_FILE (written by scripts/django_user_model.py); without
 * it the model is Django's stock `auth.User` and the server behaves as it always did.
 */

export const FIELD_TYPES = ['char', 'email', 'boolean', 'integer', 'date', 'datetime', 'text'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export const PK_TYPES = ['integer', 'bigint', 'uuid'] as const;
export type PkType = (typeof PK_TYPES)[number];

/** The attributes Django's auth machinery reads when the model has them. */
export const AUTH_ATTRIBUTES = ['is_active', 'is_staff', 'is_superuser', 'last_login', 'date_joined'] as const;
export type AuthAttribute = (typeof AUTH_ATTRIBUTES)[number];

export interface ModelField {
  name: string;
  column: string;
  type: FieldType;
  maxLength: number | null;
  null: boolean;
  blank: boolean;
  /** The model default (`NOT_PROVIDED` = absent); a callable default such as `timezone.now` is "now". */
  default?: string | number | boolean | null | 'now';
  unique: boolean;
  verboseName: string;
}

export interface UserModel {
  /** False for Django's stock User (AUTH_USER_MODEL_FILE unset): today's code paths. */
  custom: boolean;
  label: string;
  table: string;
  /** `Meta.verbose_name`, the "user" of DRF's unique message. */
  verboseName: string;
  pk: { name: string; column: string; type: PkType };
  usernameField: string;
  emailField: string;
  requiredFields: string[];
  /** Concrete fields except the primary key and `password`, in model order. */
  fields: ModelField[];
  /** Which of Django's auth attributes the model has as fields. */
  has: Record<AuthAttribute, boolean>;
}

const char = (name: string, maxLength: number, verboseName: string, extra: Partial<ModelField> = {}): ModelField => ({
  name, column: name, type: 'char', maxLength, null: false, blank: false, unique: false, verboseName, ...extra,
});

/** django.contrib.auth.models.User (Django 3.2 and 5.2 alike). */
export const DJANGO_USER: UserModel = {
  custom: false,
  label: 'auth.User',
  table: 'auth_user',
  verboseName: 'user',
  pk: { name: 'id', column: 'id', type: 'integer' },
  usernameField: 'username',
  emailField: 'email',
  requiredFields: ['email'],
  fields: [
    { name: 'last_login', column: 'last_login', type: 'datetime', maxLength: null, null: true, blank: true, unique: false, verboseName: 'last login' },
    { name: 'is_superuser', column: 'is_superuser', type: 'boolean', maxLength: null, null: false, blank: false, default: false, unique: false, verboseName: 'superuser status' },
    char('username', 150, 'username', { unique: true }),
    char('first_name', 150, 'first name', { blank: true }),
    char('last_name', 150, 'last name', { blank: true }),
    { ...char('email', 254, 'email address', { blank: true }), type: 'email' },
    { name: 'is_staff', column: 'is_staff', type: 'boolean', maxLength: null, null: false, blank: false, default: false, unique: false, verboseName: 'staff status' },
    { name: 'is_active', column: 'is_active', type: 'boolean', maxLength: null, null: false, blank: false, default: true, unique: false, verboseName: 'active' },
    { name: 'date_joined', column: 'date_joined', type: 'datetime', maxLength: null, null: false, blank: false, default: 'now', unique: false, verboseName: 'date joined' },
  ],
  has: { is_active: true, is_staff: true, is_superuser: true, last_login: true, date_joined: true },
};

/** Raised with one line naming the bad key of the model file. */
export class UserModelError extends Error {}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

type Json = Record<string, unknown>;

function bad(key: string, expected: string, value: unknown): never {
  throw new UserModelError(`${key}: expected ${expected}, got ${JSON.stringify(value)}`);
}

function ident(v: unknown, key: string): string {
  if (typeof v !== 'string' || !IDENT.test(v)) bad(key, 'a SQL identifier (letters, digits, _)', v);
  return v;
}

function bool(v: unknown, key: string, dflt: boolean): boolean {
  if (v === undefined) return dflt;
  if (typeof v !== 'boolean') bad(key, 'true or false', v);
  return v;
}

function field(name: string, raw: unknown): ModelField {
  const key = `fields.${name}`;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) bad(key, 'an object', raw);
  const f = raw as Json;
  const type = f.type as FieldType;
  if (!FIELD_TYPES.includes(type)) bad(`${key}.type`, `one of ${FIELD_TYPES.join(', ')}`, f.type);
  const maxLength = f.max_length ?? null;
  if (maxLength !== null && !(Number.isInteger(maxLength) && (maxLength as number) > 0)) bad(`${key}.max_length`, 'a positive whole number or null', f.max_length);
  if ((type === 'char' || type === 'email') && maxLength === null) bad(`${key}.max_length`, `a positive whole number for a ${type} field`, f.max_length);
  if (f.verbose_name !== undefined && typeof f.verbose_name !== 'string') bad(`${key}.verbose_name`, 'a string', f.verbose_name);
  const dflt = f.default;
  if (dflt !== undefined && dflt !== null && !['string', 'number', 'boolean'].includes(typeof dflt)) bad(`${key}.default`, 'a string, number, boolean, null or "now"', dflt);
  return {
    name,
    column: ident(f.column ?? name, `${key}.column`),
    type,
    maxLength: maxLength as number | null,
    null: bool(f.null, `${key}.null`, false),
    blank: bool(f.blank, `${key}.blank`, false),
    ...(dflt !== undefined ? { default: dflt as ModelField['default'] } : {}),
    unique: bool(f.unique, `${key}.unique`, false),
    verboseName: (f.verbose_name as string | undefined) ?? name.replace(/_/g, ' '),
  };
}

/** Checks a parsed model file; the error names the first bad key. */
export function parseUserModel(raw: unknown): UserModel {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) bad('(top level)', 'a JSON object', raw);
  const m = raw as Json;
  const table = ident(m.table, 'table');
  const pkRaw = (m.pk ?? {}) as Json;
  if (typeof pkRaw !== 'object' || Array.isArray(pkRaw)) bad('pk', 'an object', m.pk);
  const pkType = (pkRaw.type ?? 'integer') as PkType;
  if (!PK_TYPES.includes(pkType)) bad('pk.type', `one of ${PK_TYPES.join(', ')}`, pkRaw.type);
  const pkName = ident(pkRaw.name ?? 'id', 'pk.name');
  const pk = { name: pkName, column: ident(pkRaw.column ?? pkName, 'pk.column'), type: pkType };
  if (pkName !== 'id') bad('pk.name', '"id" (Djoser USER_ID_FIELD)', pkRaw.name);

  const fieldsRaw = m.fields;
  if (!fieldsRaw || typeof fieldsRaw !== 'object' || Array.isArray(fieldsRaw)) bad('fields', 'an object of field name to description', fieldsRaw);
  const fields = Object.entries(fieldsRaw as Json)
    .filter(([name]) => name !== 'password' && name !== pkName)
    .map(([name, f]) => field(ident(name, `fields.${name}`), f));
  const byName = new Map(fields.map((f) => [f.name, f]));

  const usernameField = m.USERNAME_FIELD;
  if (typeof usernameField !== 'string' || !byName.has(usernameField)) bad('USERNAME_FIELD', 'the name of a described field', usernameField);
  const login = byName.get(usernameField)!;
  if (login.type !== 'char' && login.type !== 'email') bad('USERNAME_FIELD', 'a char or email field', usernameField);
  if (!login.unique) bad(`fields.${usernameField}.unique`, 'true (USERNAME_FIELD must be unique, Django check auth.E003)', login.unique);
  const emailField = m.EMAIL_FIELD ?? 'email';
  if (typeof emailField !== 'string' || byName.get(emailField)?.type !== 'email') bad('EMAIL_FIELD', 'the name of a described email field', emailField);
  const required = m.REQUIRED_FIELDS ?? [];
  if (!Array.isArray(required)) bad('REQUIRED_FIELDS', 'a list of field names', required);
  for (const [i, name] of (required as unknown[]).entries()) {
    const f = typeof name === 'string' ? byName.get(name) : undefined;
    if (!f) bad(`REQUIRED_FIELDS[${i}]`, 'the name of a described field', name);
    if (name === usernameField) bad(`REQUIRED_FIELDS[${i}]`, 'a field other than USERNAME_FIELD (Django check auth.E002)', name);
    if (!['char', 'email', 'text'].includes(f.type)) bad(`REQUIRED_FIELDS[${i}]`, 'a char, email or text field (the serializers read strings)', name);
  }
  const has = Object.fromEntries(AUTH_ATTRIBUTES.map((a) => [a, byName.has(a)])) as UserModel['has'];
  for (const a of ['is_active', 'is_staff', 'is_superuser'] as const)
    if (has[a] && byName.get(a)!.type !== 'boolean') bad(`fields.${a}.type`, 'boolean', byName.get(a)!.type);
  for (const a of ['last_login', 'date_joined'] as const)
    if (has[a] && byName.get(a)!.type !== 'datetime') bad(`fields.${a}.type`, 'datetime', byName.get(a)!.type);
  if (!has.is_active) bad('fields.is_active', 'a boolean field (Djoser activation needs it)', undefined);
  if (typeof m.verbose_name !== 'undefined' && typeof m.verbose_name !== 'string') bad('verbose_name', 'a string', m.verbose_name);

  return {
    custom: true,
    label: typeof m.label === 'string' ? m.label : table,
    table,
    verboseName: (m.verbose_name as string | undefined) ?? 'user',
    pk,
    usernameField,
    emailField,
    requiredFields: required as string[],
    fields,
    has,
  };
}

/** AUTH_USER_MODEL_FILE: the model file, or Django's User when the variable is empty. */
export function loadUserModel(path: string): UserModel {
  if (!path) return DJANGO_USER;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UserModelError(`cannot read the file (${(e as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UserModelError(`not JSON (${(e as Error).message})`);
  }
  return parseUserModel(raw);
}

/** The values the primary key's column holds (PostgreSQL integer / bigint): a lookup outside them finds no user. */
export function pkInRange(type: PkType, n: bigint): boolean {
  const bits = type === 'bigint' ? 63n : 31n;
  return n >= -(2n ** bits) && n <= 2n ** bits - 1n;
}

/**
 * Python's `uuid.UUID(hex=text)`, which Django's UUIDField lookup runs (`to_python`): "urn:",
 * "uuid:", braces and hyphens are dropped, then exactly 32 hex digits. The canonical form, or null
 * (Django's ValidationError "“x” is not a valid UUID.").
 */
export function parseUuid(text: string): string | null {
  const hex = text.replace(/^urn:/, '').replace(/^uuid:/, '').replace(/^\{|\}$/g, '').replace(/-/g, '');
  if (!/^[0-9A-Fa-f]{32}$/.test(hex)) return null;
  const h = hex.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function modelField(model: UserModel, name: string): ModelField | undefined {
  return model.fields.find((f) => f.name === name);
}
