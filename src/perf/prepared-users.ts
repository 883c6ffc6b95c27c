import type { DataSource } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * The per-request user lookups of authentication as named prepared statements on the
 * `pg` pool: PostgreSQL plans them once per connection, and no ORM query building or
 * entity hydration runs on the hot path. The row is mapped to the same User entity.
 * The lookups of authentication (by the token's user id, by DRF token key) asked for in the
 * same turn of the event loop (concurrent requests) go out as one `= ANY(...)` query. On the
 * embedded engine (PGlite) the plain query runs through TypeORM.
 */
const COLUMNS =
  'u.id, u.password, u.last_login, u.is_superuser, u.username, u.first_name, u.last_name, u.email, u.is_staff, u.is_active, u.date_joined';

const BY_ID = { name: 'nest_djoser_user_by_id', text: `SELECT ${COLUMNS} FROM auth_user u WHERE u.id = $1` };
const BY_IDS = { name: 'nest_djoser_users_by_ids', text: `SELECT ${COLUMNS} FROM auth_user u WHERE u.id = ANY($1::int[])` };
const BY_TOKEN_KEY = {
  name: 'nest_djoser_user_by_token_key',
  text: `SELECT t.key AS token_key, ${COLUMNS} FROM authtoken_token t INNER JOIN auth_user u ON u.id = t.user_id WHERE t.key = $1`,
};
const BY_TOKEN_KEYS = {
  name: 'nest_djoser_users_by_token_keys',
  text: `SELECT t.key AS token_key, ${COLUMNS} FROM authtoken_token t INNER JOIN auth_user u ON u.id = t.user_id WHERE t.key = ANY($1::varchar[])`,
};

const BY_USERNAME = { name: 'nest_djoser_user_by_username', text: `SELECT ${COLUMNS} FROM auth_user u WHERE u.username = $1` };
/** Django's `email__iexact` on PostgreSQL, served by the UPPER(email) index; the oldest account first. */
const BY_EMAIL_IEXACT = {
  name: 'nest_djoser_user_by_email_iexact',
  text: `SELECT ${COLUMNS} FROM auth_user u WHERE UPPER(u.email) = UPPER($1) ORDER BY u.id LIMIT 1`,
};

interface UserRow {
  token_key?: string;
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

export interface PgPool {
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
export function pgPool(dataSource: DataSource): PgPool | null {
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

/** A batch flushes at the end of the turn, or sooner when it holds this many keys. */
const MAX_BATCH = 256;

interface Waiter {
  resolve(user: User | null): void;
  reject(e: unknown): void;
}

interface BatchedLookup<K> {
  one: { name: string; text: string };
  many: { name: string; text: string };
  keyOf(row: UserRow): K;
}

const ID_LOOKUP: BatchedLookup<number> = { one: BY_ID, many: BY_IDS, keyOf: (r) => Number(r.id) };
const TOKEN_KEY_LOOKUP: BatchedLookup<string> = { one: BY_TOKEN_KEY, many: BY_TOKEN_KEYS, keyOf: (r) => r.token_key ?? '' };

/**
 * One lookup for every request that asks in one turn of the event loop, as one indexed query:
 * a request's row is still read after the request arrived (no cache, no staleness), but the
 * query, its round trip and its protocol overhead are shared. Each caller gets its own User.
 */
class LookupBatch<K> {
  private pending = new Map<K, Waiter[]>();
  private scheduled = false;

  constructor(
    private readonly pool: PgPool,
    private readonly lookup: BatchedLookup<K>,
  ) {}

  load(key: K): Promise<User | null> {
    return new Promise((resolve, reject) => {
      const waiters = this.pending.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else this.pending.set(key, [{ resolve, reject }]);
      if (this.pending.size >= MAX_BATCH) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = new Map();
    this.scheduled = false;
    if (batch.size === 0) return;
    if (batch.size === 1) return this.answer(batch, { ...this.lookup.one, values: [...batch.keys()] });
    // Should the shared query fail, each key is asked alone: one bad key cannot fail its neighbours.
    this.answer(batch, { ...this.lookup.many, values: [[...batch.keys()]] }, () => {
      for (const [key, waiters] of batch) this.answer(new Map([[key, waiters]]), { ...this.lookup.one, values: [key] });
    });
  }

  private answer(batch: Map<K, Waiter[]>, query: { name: string; text: string; values: unknown[] }, onError?: () => void): void {
    this.pool.query(query).then(
      ({ rows }) => {
        const byKey = new Map(rows.map((r) => [this.lookup.keyOf(r), r]));
        for (const [key, waiters] of batch) {
          const row = byKey.get(key);
          for (const w of waiters) w.resolve(row ? userFromRow(row) : null);
        }
      },
      (e: unknown) => {
        if (onError) return onError();
        for (const waiters of batch.values()) for (const w of waiters) w.reject(e);
      },
    );
  }
}

const batches = new WeakMap<PgPool, { byId: LookupBatch<number>; byTokenKey: LookupBatch<string> }>();

function batchesOf(pool: PgPool) {
  let b = batches.get(pool);
  if (!b) batches.set(pool, (b = { byId: new LookupBatch(pool, ID_LOOKUP), byTokenKey: new LookupBatch(pool, TOKEN_KEY_LOOKUP) }));
  return b;
}

/** `User.objects.get(pk=id)`. */
export function userById(dataSource: DataSource, id: number): Promise<User | null> {
  const pool = pgPool(dataSource);
  return pool ? batchesOf(pool).byId.load(id) : queryUser(dataSource, BY_ID, id);
}

/** `Token.objects.select_related("user").get(key=key)`'s user. */
export function userByTokenKey(dataSource: DataSource, key: string): Promise<User | null> {
  const pool = pgPool(dataSource);
  return pool ? batchesOf(pool).byTokenKey.load(key) : queryUser(dataSource, BY_TOKEN_KEY, key);
}

/** `User.objects.get_by_natural_key(value)` with USERNAME_FIELD `username` (exact) or `email` (iexact). */
export function userByNaturalKey(dataSource: DataSource, field: 'username' | 'email', value: string): Promise<User | null> {
  return queryUser(dataSource, field === 'username' ? BY_USERNAME : BY_EMAIL_IEXACT, value);
}
