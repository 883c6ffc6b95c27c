import { createHash, randomUUID } from 'crypto';
import type { EntityManager } from 'typeorm';
import { AuthToken } from '../../auth/entities/auth-token.entity';
import { User } from '../user.entity';
import { modelField, type ModelField, type UserModel } from '../model/user-model';
import { propertyOf } from '../model/user-entity';

// The auth_user reads and writes of the users module, as Django's ORM would issue them.
// Every function takes the EntityManager of the caller's transaction (or the default one).

export function findUserById(m: EntityManager, id: number, lockForUpdate = false): Promise<User | null> {
  return m.getRepository(User).findOne({ where: { id }, ...(lockForUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
}

/** Every user, staff view of `GET users/` (Django's User has no Meta ordering: pk order). */
export function findAllUsers(m: EntityManager): Promise<User[]> {
  return m.getRepository(User).find({ order: { id: 'ASC' } });
}

/** UniqueValidator(queryset=User.objects.all()) on username: exact match (PostgreSQL is case-sensitive). */
export async function usernameTaken(m: EntityManager, username: string): Promise<boolean> {
  return m.getRepository(User).exists({ where: { username } });
}

/**
 * E-mail login mode: e-mails are unique regardless of case. Compared as Django's `iexact`
 * compares on PostgreSQL (`UPPER(email) = UPPER(value)`), served by `auth_user_email_upper_idx`.
 */
export async function emailTakenIgnoringCase(m: EntityManager, email: string): Promise<boolean> {
  const rows: unknown[] = await m.query('SELECT 1 FROM auth_user WHERE UPPER(email) = UPPER($1) LIMIT 1', [email]);
  return rows.length > 0;
}

/** A described model's UniqueValidator on its login field: `filter(<field>=value).exists()`, an exact match. */
export function loginValueTaken(m: EntityManager, model: UserModel, value: string): Promise<boolean> {
  return modelValueTaken(m, model, modelField(model, model.usernameField)!, value);
}

/**
 * DRF's UniqueValidator on any unique field of a described model: `filter(<field>=value)`,
 * without the instance being updated (`exclude(pk=instance.pk)`).
 */
export async function modelValueTaken(m: EntityManager, model: UserModel, f: ModelField, value: string, exceptPk?: number | string): Promise<boolean> {
  const params: unknown[] = [value];
  let sql = `SELECT 1 FROM "${model.table}" WHERE "${f.column}" = $1`;
  if (exceptPk !== undefined) {
    params.push(exceptPk);
    sql += ` AND "${model.pk.column}" <> $2`;
  }
  const rows: unknown[] = await m.query(`${sql} LIMIT 1`, params);
  return rows.length > 0;
}

/** The value `create_user` stores in a field nobody gave: the model default, else what Django's field would hold. */
function defaultOf(f: ModelField): unknown {
  if (f.default === 'now') return new Date();
  if (f.default !== undefined) return f.default;
  if (f.null) return null;
  if (f.type === 'boolean') return false;
  if (f.type === 'integer') return 0;
  return '';
}

/**
 * `User.objects.create_user(<login>, password, **REQUIRED_FIELDS)` on a described model:
 * given fields, then the model's defaults; not staff, not superuser.
 */
export async function insertModelUser(
  m: EntityManager,
  model: UserModel,
  given: Record<string, string>,
  password: string,
  isActive: boolean,
): Promise<User> {
  const repo = m.getRepository(User);
  // UUIDField(default=uuid.uuid4): made by the application, as Django does
  const values: Record<string, unknown> = { password, ...(model.pk.type === 'uuid' ? { id: randomUUID() } : {}) };
  for (const f of model.fields) values[propertyOf(f.name)] = f.name in given ? given[f.name] : defaultOf(f);
  if (model.has.is_active) values.isActive = isActive;
  if (model.has.is_staff) values.isStaff = false;
  if (model.has.is_superuser) values.isSuperuser = false;
  if (model.has.last_login) values.lastLogin = null;
  const user = repo.create(values as Partial<User>);
  await repo.insert(user);
  // TypeORM merges a generated bigint key back as pg's string, skipping the column transformer.
  if (model.pk.type !== 'uuid') user.id = Number(user.id);
  return user;
}

/** Advisory-lock namespace of e-mail uniqueness ("djem"); the second key is the e-mail's hash. */
const EMAIL_LOCK_NAMESPACE = 0x646a656d;

/**
 * E-mail login mode: serialises the writers of one (case-folded) e-mail until the
 * transaction ends, so "check then write" cannot race. No unique index is used because
 * Django's schema allows duplicate e-mails in the default mode (see COMPAT.md).
 */
export async function lockEmail(m: EntityManager, email: string): Promise<void> {
  await m.query('SELECT pg_advisory_xact_lock($1, hashtext(UPPER($2)))', [EMAIL_LOCK_NAMESPACE, email]);
}

/**
 * `User._default_manager.get(is_active=…, email=…)` for the reset endpoints, but every match
 * (the default User's e-mail is not unique): exact match, or case-insensitive in e-mail login mode.
 */
export function findUsersByEmail(m: EntityManager, email: string, isActive: boolean, ignoreCase: boolean): Promise<User[]> {
  const qb = m.getRepository(User).createQueryBuilder('u').where('u.is_active = :isActive', { isActive });
  if (ignoreCase) qb.andWhere('UPPER(u.email) = UPPER(:email)', { email });
  else qb.andWhere('u.email = :email', { email });
  return qb.orderBy('u.id', 'ASC').getMany();
}

const USERNAME_MAX_LENGTH = 150;

/**
 * E-mail login mode fills the (required, unique) username column with the e-mail, as an
 * email-as-username model would; an e-mail longer than the column gets a digest instead.
 */
export function usernameForEmail(email: string): string {
  if (Array.from(email).length <= USERNAME_MAX_LENGTH) return email;
  return 'sha256:' + createHash('sha256').update(email.toLowerCase(), 'utf8').digest('hex');
}

export interface NewUser {
  username: string;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  isActive: boolean;
}

/** `User.objects.create_user(...)`: not staff, not superuser, joined now. */
export async function insertUser(m: EntityManager, fields: NewUser): Promise<User> {
  const repo = m.getRepository(User);
  const user = repo.create({ ...fields, lastLogin: null, isSuperuser: false, isStaff: false, dateJoined: new Date() });
  await repo.insert(user);
  return user;
}

/** Djoser's `logout_user` with TOKEN_MODEL set: every DRF token of the user is deleted. */
export async function deleteDrfTokens(m: EntityManager, userId: number): Promise<void> {
  await m.getRepository(AuthToken).delete({ userId });
}

/** Tables of Django apps whose rows Django deletes with their user (on_delete=CASCADE), when present. */
const DJANGO_CASCADE_TABLES = ['auth_user_groups', 'auth_user_user_permissions', 'django_admin_log', 'social_auth_usersocialauth', 'webauthn_credentialoptions'];

/**
 * What Django's collector does for the token tables when a user is deleted, since our foreign
 * keys have no ON DELETE: DRF token rows cascade, SimpleJWT's outstanding tokens keep their row
 * with user NULL (on_delete=SET_NULL).
 */
export async function detachUserTokens(m: EntityManager, userId: number): Promise<void> {
  await deleteDrfTokens(m, userId);
  await m.query('UPDATE token_blacklist_outstandingtoken SET user_id = NULL WHERE user_id = $1', [userId]);
}

/**
 * `user.delete()` once the token tables are dealt with: rows of other Django apps sharing the
 * database (groups, permissions, admin log, social auth) cascade, then the user row goes.
 */
export async function deleteUserRow(m: EntityManager, userId: number): Promise<void> {
  // A custom model's M2M tables are named after its table (accounts_user_groups, ...).
  const table = m.connection.getMetadata(User).tableName;
  const cascade = DJANGO_CASCADE_TABLES.map((t) => t.replace(/^auth_user_/, `${table}_`));
  const present: Array<{ name: string }> = await m.query(
    "SELECT relname AS name FROM pg_class WHERE relname = ANY($1) AND relkind IN ('r', 'p') AND pg_table_is_visible(oid)",
    [cascade],
  );
  for (const { name } of present) await m.query(`DELETE FROM "${name}" WHERE user_id = $1`, [userId]);
  await m.getRepository(User).delete({ id: userId });
}
