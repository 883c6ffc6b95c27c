import type { DataSource } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * The per-request user lookups of authentication as named prepared statements on the
 * `pg` pool: PostgreSQL plans them once per connection, and no ORM query building or
 * entity hydration runs on the hot path. The row is mapped to the same User entity.
 * On the embedded engine (PGlite) the plain query runs through TypeORM.
 */
const COLUMNS =
  'u.id, u.password, u.last_login, u.is_superuser, u.username, u.first_name, u.last_name, u.email, u.is_staff, u.is_active, u.date_joined';

const BY_ID = { name: 'nest_djoser_user_by_id', text: `SELECT ${COLUMNS} FROM auth_user u WHERE u.id = $1` };
const BY_TOKEN_KEY = {
  name: 'nest_djoser_user_by_token_key',
  text: `SELECT ${COLUMNS} FROM authtoken_token t INNER JOIN auth_user u ON u.id = t.user_id WHERE t.key = $1`,
};

const BY_USERNAME = { name: 'nest_djoser_user_by_username', text: `SELECT ${COLUMNS} FROM auth_user u WHERE u.username = $1` };
/** Django's `email__iexact` on PostgreSQL, served by the UPPER(email) index; the oldest account first. */
const BY_EMAIL_IEXACT = {
  name: 'nest_djoser_user_by_email_iexact',
  text: `SELECT ${COLUMNS} FROM auth_user u WHERE UPPER(u.email) = UPPER($1) ORDER BY u.id LIMIT 1`,
};

interface UserRow {
  id: number;
  password: string;
  last_login: Date | null;
  is_superuser: boolean;
  username: string;
  first_name: string;
  last_name: string;
  email: string;
  is_staff: boolean;
  is_active: boolean;
  date_joined: Date;
}

interface PgPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: UserRow[] }>;
}

function userFromRow(r: UserRow): User {
  const u = new User();
  u.id = r.id;
  u.password = r.password;
  u.lastLogin = r.last_login;
  u.isSuperuser = r.is_superuser;
  u.username = r.username;
  u.firstName = r.first_name;
  u.lastName = r.last_name;
  u.email = r.email;
  u.isStaff = r.is_staff;
  u.isActive = r.is_active;
  u.dateJoined = r.date_joined;
  return u;
}

/** The pg pool behind TypeORM's PostgreSQL driver, unless the engine is the embedded one. */
function pgPool(dataSource: DataSource): PgPool | null {
  const extra = (dataSource.options as { extra?: { pglite?: unknown } }).extra;
  if (extra?.pglite) return null;
  const pool = (dataSource.driver as unknown as { master?: PgPool }).master;
  return pool && typeof pool.query === 'function' ? pool : null;
}

async function queryUser(dataSource: DataSource, statement: { name: string; text: string }, value: unknown): Promise<User | null> {
  const pool = pgPool(dataSource);
  const rows: UserRow[] = pool
    ? (await pool.query({ ...statement, values: [value] })).rows
    : await dataSource.query(statement.text, [value]);
  return rows.length ? userFromRow(rows[0]) : null;
}

/** `User.objects.get(pk=id)`. */
export function userById(dataSource: DataSource, id: number): Promise<User | null> {
  return queryUser(dataSource, BY_ID, id);
}

/** `Token.objects.select_related("user").get(key=key)`'s user. */
export function userByTokenKey(dataSource: DataSource, key: string): Promise<User | null> {
  return queryUser(dataSource, BY_TOKEN_KEY, key);
}

/** `User.objects.get_by_natural_key(value)` with USERNAME_FIELD `username` (exact) or `email` (iexact). */
export function userByNaturalKey(dataSource: DataSource, field: 'username' | 'email', value: string): Promise<User | null> {
  return queryUser(dataSource, field === 'username' ? BY_USERNAME : BY_EMAIL_IEXACT, value);
}
