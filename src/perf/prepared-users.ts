import type { DataSource } from 'typeorm';
import { User } from '../users/user.entity';
import { BatchedLookup, KeyedLookup, PgPool, pgPool } from './batched-lookup';

/**
 * The per-request user lookups of authentication as named prepared statements on the
 * `pg` pool: PostgreSQL plans them once per connection, and no ORM query building or
 * entity hydration runs on the hot path. The row is mapped to the same User entity.
 * The lookups of authentication (by the token's user id, by DRF token key) are batched
 * (batched-lookup.ts: one `= ANY(...)` query per turn of the event loop). On the
 * embedded engine (PGlite) the plain query runs through TypeORM.
 */
/** The statements for the data source's User table (auth_user, or AUTH_USER_MODEL_FILE's table). */
interface Statements {
  byId: { name: string; text: string };
  byIds: { name: string; text: string };
  byTokenKey: { name: string; text: string };
  byTokenKeys: { name: string; text: string };
  byUsername: { name: string; text: string };
  byEmailIexact: { name: string; text: string };
  /** A described model's USERNAME_FIELD column: `get_by_natural_key` is an exact match (BaseUserManager). */
  byColumn: (column: string) => { name: string; text: string };
  /** database column → User property */
  properties: Array<[string, string]>;
}

const statements = new WeakMap<DataSource, Statements>();

function statementsOf(dataSource: DataSource): Statements {
  let st = statements.get(dataSource);
  if (st) return st;
  const meta = dataSource.getMetadata(User);
  const properties = meta.columns.map((c) => [c.databaseName, c.propertyName] as [string, string]);
  const columns = properties.map(([c]) => `u."${c}"`).join(', ');
  const t = `"${meta.tableName}"`;
  const pkType = meta.primaryColumns[0].type;
  const idType = pkType === 'bigint' ? 'bigint' : pkType === 'uuid' ? 'uuid' : 'int';
  // Names carry the table so two user models never share a prepared statement's name on one connection.
  const n = (name: string) => (meta.tableName === 'auth_user' ? `nest_djoser_${name}` : `nest_djoser_${name}_${meta.tableName}`);
  st = {
    byId: { name: n('user_by_id'), text: `SELECT ${columns} FROM ${t} u WHERE u.id = $1` },
    byIds: { name: n('users_by_ids'), text: `SELECT ${columns} FROM ${t} u WHERE u.id = ANY($1::${idType}[])` },
    byTokenKey: {
      name: n('user_by_token_key'),
      text: `SELECT t.key AS token_key, ${columns} FROM authtoken_token t INNER JOIN ${t} u ON u.id = t.user_id WHERE t.key = $1`,
    },
    byTokenKeys: {
      name: n('users_by_token_keys'),
      text: `SELECT t.key AS token_key, ${columns} FROM authtoken_token t INNER JOIN ${t} u ON u.id = t.user_id WHERE t.key = ANY($1::varchar[])`,
    },
    byUsername: { name: n('user_by_username'), text: `SELECT ${columns} FROM ${t} u WHERE u.username = $1` },
    /** Django's `email__iexact` on PostgreSQL, served by the UPPER(email) index; the oldest account first. */
    byEmailIexact: { name: n('user_by_email_iexact'), text: `SELECT ${columns} FROM ${t} u WHERE UPPER(u.email) = UPPER($1) ORDER BY u.id LIMIT 1` },
    byColumn: (column) => ({ name: n(`user_by_${column}`), text: `SELECT ${columns} FROM ${t} u WHERE u."${column}" = $1` }),
    properties,
  };
  statements.set(dataSource, st);
  return st;
}

type UserRow = Record<string, unknown> & { token_key?: string; id: number | string };

function userFromRow(r: UserRow, properties: Array<[string, string]>): User {
  const u = new User() as unknown as Record<string, unknown>;
  for (const [column, property] of properties) u[property] = r[column];
  // bigint ids arrive as strings from pg (uuid ids stay strings)
  if (typeof r.id === 'string' && /^-?\d+$/.test(r.id)) u.id = Number(r.id);
  return u as unknown as User;
}

async function queryUser(dataSource: DataSource, statement: { name: string; text: string }, value: unknown): Promise<User | null> {
  const pool = pgPool(dataSource);
  const rows = (pool ? (await pool.query({ ...statement, values: [value] })).rows : await dataSource.query(statement.text, [value])) as UserRow[];
  return rows.length ? userFromRow(rows[0], statementsOf(dataSource).properties) : null;
}

const idLookup = (st: Statements): KeyedLookup<number, User> => ({
  one: st.byId,
  many: st.byIds,
  keyOf: (r) => (typeof r.id === 'string' && !/^-?\d+$/.test(r.id) ? (r.id as unknown as number) : Number(r.id)),
  valueOf: (r) => userFromRow(r as UserRow, st.properties),
});
const tokenKeyLookup = (st: Statements): KeyedLookup<string, User> => ({
  one: st.byTokenKey,
  many: st.byTokenKeys,
  keyOf: (r) => (r.token_key as string | undefined) ?? '',
  valueOf: (r) => userFromRow(r as UserRow, st.properties),
});

const batches = new WeakMap<PgPool, { byId: BatchedLookup<number, User>; byTokenKey: BatchedLookup<string, User> }>();

function batchesOf(pool: PgPool, dataSource: DataSource) {
  let b = batches.get(pool);
  const st = statementsOf(dataSource);
  if (!b) batches.set(pool, (b = { byId: new BatchedLookup(pool, idLookup(st)), byTokenKey: new BatchedLookup(pool, tokenKeyLookup(st)) }));
  return b;
}

/** `User.objects.get(pk=id)`. */
export function userById(dataSource: DataSource, id: number): Promise<User | null> {
  const pool = pgPool(dataSource);
  return pool ? batchesOf(pool, dataSource).byId.load(id) : queryUser(dataSource, statementsOf(dataSource).byId, id);
}

/** `Token.objects.select_related("user").get(key=key)`'s user. */
export function userByTokenKey(dataSource: DataSource, key: string): Promise<User | null> {
  const pool = pgPool(dataSource);
  return pool ? batchesOf(pool, dataSource).byTokenKey.load(key) : queryUser(dataSource, statementsOf(dataSource).byTokenKey, key);
}

/**
 * `User.objects.get_by_natural_key(value)`: USERNAME_FIELD `username` (exact), `email` (iexact,
 * DJOSER_LOGIN_FIELD=email on auth_user), or a described model's login field (exact).
 */
export function userByNaturalKey(dataSource: DataSource, field: 'username' | 'email' | { column: string }, value: string): Promise<User | null> {
  const st = statementsOf(dataSource);
  return queryUser(dataSource, field === 'username' ? st.byUsername : field === 'email' ? st.byEmailIexact : st.byColumn(field.column), value);
}
