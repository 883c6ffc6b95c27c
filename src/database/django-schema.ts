import { Client } from 'pg';
import { sqlType } from '../users/model/user-entity';
import { DJANGO_USER, type UserModel } from '../users/model/user-model';

/**
 * DJANGO_EXISTING_SCHEMA: the database belongs to a Django project, whose migrations made
 * (and may still change) auth_user, authtoken_token and token_blacklist_*. We never create or
 * alter those tables there; at every start we check they still have what our queries need,
 * so a mismatch stops the start with one line instead of surfacing later as a 5xx.
 */

interface ColumnSpec {
  type: string;
  /** varchar length we write up to; a longer column is fine. */
  length?: number;
  /** We write NULL into it, so the column must allow NULL. */
  nullable?: boolean;
  /** We insert rows without it (serial or identity). */
  generated?: boolean;
}

const int = (extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ type: 'integer', ...extra });
const bigint = (extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ type: 'bigint', ...extra });
const uuid = (extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ type: 'uuid', ...extra });
const varchar = (length: number): ColumnSpec => ({ type: 'character varying', length });
const tstz = (extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ type: 'timestamp with time zone', ...extra });
const bool: ColumnSpec = { type: 'boolean' };

/** Django 3.2 / DRF authtoken / SimpleJWT 5 columns, as 1700000000000-DjangoAuthSchema creates them. */
export const DJANGO_TABLES: Record<string, Record<string, ColumnSpec>> = {
  auth_user: {
    id: int({ generated: true }),
    password: varchar(128),
    last_login: tstz({ nullable: true }),
    is_superuser: bool,
    username: varchar(150),
    first_name: varchar(150),
    last_name: varchar(150),
    email: varchar(254),
    is_staff: bool,
    is_active: bool,
    date_joined: tstz(),
  },
  authtoken_token: { key: varchar(40), created: tstz(), user_id: int() },
  token_blacklist_outstandingtoken: {
    id: bigint({ generated: true }),
    token: { type: 'text' },
    created_at: tstz({ nullable: true }),
    expires_at: tstz(),
    user_id: int({ nullable: true }),
    jti: varchar(255),
  },
  token_blacklist_blacklistedtoken: { id: bigint({ generated: true }), blacklisted_at: tstz(), token_id: bigint() },
};

/** Single-column unique constraints our lookups and ON CONFLICT clauses rely on. */
export const DJANGO_UNIQUE: Array<[string, string]> = [
  ['auth_user', 'id'],
  ['auth_user', 'username'],
  ['authtoken_token', 'key'],
  ['authtoken_token', 'user_id'],
  ['token_blacklist_outstandingtoken', 'id'],
  ['token_blacklist_outstandingtoken', 'jti'],
  ['token_blacklist_blacklistedtoken', 'token_id'],
];

export interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  character_maximum_length: number | null;
  is_nullable: 'YES' | 'NO';
  column_default: string | null;
  is_identity: 'YES' | 'NO';
}

export type Query = <T>(sql: string, params: unknown[]) => Promise<T[]>;

const describe = (type: string, length?: number | null) => (length ? `${type}(${length})` : type);

/** The tables with AUTH_USER_MODEL_FILE's table in place of auth_user (and the token tables' user_id of its key type). */
export function tablesFor(model: UserModel): { tables: Record<string, Record<string, ColumnSpec>>; unique: Array<[string, string]> } {
  if (!model.custom) return { tables: DJANGO_TABLES, unique: DJANGO_UNIQUE };
  const id = model.pk.type === 'bigint' ? bigint : model.pk.type === 'uuid' ? uuid : int;
  // a uuid key has no column default: Django makes it (default=uuid.uuid4)
  const user: Record<string, ColumnSpec> = { [model.pk.column]: id(model.pk.type === 'uuid' ? {} : { generated: true }), password: varchar(128) };
  for (const f of model.fields) {
    const m = /^varchar\((\d+)\)$/.exec(sqlType(f));
    user[f.column] = { ...(m ? { type: 'character varying', length: Number(m[1]) } : { type: sqlType(f) }), ...(f.null ? { nullable: true } : {}) };
  }
  const { auth_user: _stock, ...rest } = DJANGO_TABLES;
  void _stock;
  const tables = {
    [model.table]: user,
    ...rest,
    authtoken_token: { ...rest.authtoken_token, user_id: id() },
    token_blacklist_outstandingtoken: { ...rest.token_blacklist_outstandingtoken, user_id: id({ nullable: true }) },
  };
  const login = model.fields.find((f) => f.name === model.usernameField)!;
  const unique: Array<[string, string]> = [
    [model.table, model.pk.column],
    [model.table, login.column],
    ...DJANGO_UNIQUE.filter(([t]) => t !== 'auth_user'),
  ];
  return { tables, unique };
}

/** What is missing or different, as short phrases; empty when the schema fits. */
export async function djangoSchemaProblems(query: Query, model: UserModel = DJANGO_USER): Promise<string[]> {
  const { tables: DJANGO_TABLES, unique: DJANGO_UNIQUE } = tablesFor(model);
  const tables = Object.keys(DJANGO_TABLES);
  const columns = await query<ColumnRow>(
    `SELECT table_name, column_name, data_type, character_maximum_length, is_nullable, column_default, is_identity
       FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ANY($1)`,
    [tables],
  );
  const unique = await query<{ table_name: string; column_name: string }>(
    `SELECT t.relname AS table_name, a.attname AS column_name
       FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]
      WHERE i.indisunique AND i.indisvalid AND i.indnkeyatts = 1 AND i.indpred IS NULL
        AND t.relnamespace = current_schema()::regnamespace AND t.relname = ANY($1)`,
    [tables],
  );
  const problems: string[] = [];
  for (const table of tables) {
    const actual = new Map(columns.filter((c) => c.table_name === table).map((c) => [c.column_name, c]));
    if (actual.size === 0) {
      problems.push(`table ${table} is missing`);
      continue;
    }
    for (const [name, spec] of Object.entries(DJANGO_TABLES[table])) {
      const c = actual.get(name);
      if (!c) problems.push(`${table}.${name} is missing`);
      else problems.push(...columnProblems(`${table}.${name}`, spec, c));
    }
    for (const c of actual.values())
      if (!(c.column_name in DJANGO_TABLES[table]) && c.is_nullable === 'NO' && c.column_default === null && c.is_identity === 'NO')
        problems.push(`${table}.${c.column_name} is an extra NOT NULL column without a default (our inserts would fail)`);
  }
  for (const [table, column] of DJANGO_UNIQUE)
    if (columns.some((c) => c.table_name === table && c.column_name === column) && !unique.some((u) => u.table_name === table && u.column_name === column))
      problems.push(`${table}.${column} has no unique constraint`);
  return problems;
}

function columnProblems(label: string, spec: ColumnSpec, c: ColumnRow): string[] {
  const problems: string[] = [];
  const short = spec.length !== undefined && (c.character_maximum_length ?? Infinity) < spec.length;
  if (c.data_type !== spec.type || short)
    problems.push(`${label} is ${describe(c.data_type, c.character_maximum_length)}, expected ${describe(spec.type, spec.length)}`);
  if (spec.nullable && c.is_nullable === 'NO') problems.push(`${label} is NOT NULL, expected NULL allowed`);
  if (spec.generated && c.column_default === null && c.is_identity === 'NO') problems.push(`${label} has no default (expected serial or identity)`);
  return problems;
}

/** The one-line start failure, or null when the schema fits. */
export function djangoSchemaMessage(problems: string[]): string | null {
  if (problems.length === 0) return null;
  return `DJANGO_EXISTING_SCHEMA=true but the database does not have the tables Django's migrations make: ${problems.join('; ')} (run Django's "manage.py migrate" on it first)`;
}

export class DjangoSchemaError extends Error {}

/** Connects once, checks, and throws a DjangoSchemaError with the one-line message on a mismatch. */
export async function assertDjangoSchema(databaseUrl: string, model: UserModel = DJANGO_USER): Promise<void> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (e) {
    throw new DjangoSchemaError(`DJANGO_EXISTING_SCHEMA=true but Django's tables cannot be checked: cannot connect to DATABASE_URL (${(e as Error).message})`);
  }
  try {
    const message = djangoSchemaMessage(await djangoSchemaProblems(async (sql, params) => (await client.query(sql, params)).rows, model));
    if (message) throw new DjangoSchemaError(message);
  } finally {
    await client.end();
  }
}
