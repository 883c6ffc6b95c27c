import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { createApp } from '../../src/app.factory';
import { parseSettings, SettingsError } from '../../src/config/settings';
import { MIGRATIONS } from '../../src/database/migrations';
import { createTestDatabase } from '../support/database';
import { TEST_ENV } from '../support/test-app';

const root = join(__dirname, '..', '..');
/** `manage.py sqlmigrate` of every migration a Djoser project runs (tools/gen-django-ddl.py). */
const DJANGO_DDL = readFileSync(join(__dirname, 'fixtures', 'django-3.2-schema.sql'), 'utf8');
/** make_password('correct horse battery staple', 'pepper', PBKDF2 with 1000 iterations), by Django 3.2. */
const DJANGO_PBKDF2 = 'pbkdf2_sha256$1000$pepper$jP6qCDAd4ehFIUIu1Lv2h30F4ZCnbrumk02S6HI6UkM=';
const PASSWORD = 'correct horse battery staple';
// social_auth_usersocialauth: this Django project has no social_django, so we create its table (IF NOT EXISTS)
const OUR_TABLES = ['jwt_auth_restoring_token', 'migrations', 'nest_mail_outbox', 'nest_social_state', 'nest_throttle_counter', 'nest_webauthn_challenge', 'refresh_token_family', 'social_auth_usersocialauth', 'webauthn_credentialoptions'];

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Structure of every table but ours: columns, constraints, indexes (ours excluded by name). */
async function structure(url: string): Promise<unknown> {
  return withClient(url, async (c) => {
    const q = async (sql: string) => (await c.query(sql, [OUR_TABLES])).rows;
    return {
      columns: await q(`SELECT table_name, column_name, ordinal_position, column_default, is_nullable, data_type, character_maximum_length, is_identity
          FROM information_schema.columns WHERE table_schema = 'public' AND NOT table_name = ANY($1) ORDER BY 1, 3`),
      constraints: await q(`SELECT conrelid::regclass::text AS t, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
          WHERE connamespace = 'public'::regnamespace AND NOT conrelid::regclass::text = ANY($1) ORDER BY 1, 2`),
      indexes: await q(`SELECT tablename, indexname, indexdef FROM pg_indexes
          WHERE schemaname = 'public' AND NOT tablename = ANY($1) AND indexname <> 'auth_user_email_upper_idx' ORDER BY 1, 2`),
      tables: await q(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND NOT table_name = ANY($1) ORDER BY 1`),
    };
  });
}

async function djangoDatabase(extraSql = ''): Promise<{ url: string; drop(): Promise<void> }> {
  const db = await createTestDatabase();
  await withClient(db.url, (c) => c.query(DJANGO_DDL + extraSql));
  return db;
}

const settingsFor = (url: string) => parseSettings({ ...TEST_ENV, DATABASE_URL: url, DJANGO_EXISTING_SCHEMA: 'true' });

async function postJson(url: string, path: string, body: unknown): Promise<number> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  await res.text();
  return res.status;
}

describe('DJANGO_EXISTING_SCHEMA on a database made by Django 3.2 migrations', () => {
  let db: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    db = await djangoDatabase();
    // a user as Django stores it, and one Django would refuse to log in (inactive)
    await withClient(db.url, (c) =>
      c.query(`INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
               VALUES ($1, false, 'alice', '', '', 'alice@example.com', false, true, now()),
                      ($1, false, 'bob', '', '', 'bob@example.com', false, false, now())`, [DJANGO_PBKDF2]),
    );
  });

  afterAll(async () => {
    await db?.drop();
  });

  it("adopts Django's tables, adds only ours, and leaves Django's structure as it was", async () => {
    const before = await structure(db.url);
    for (let start = 0; start < 2; start++) {
      // twice: the second start finds its migrations recorded
      const app = await createApp(settingsFor(db.url), { logger: false });
      await app.close();
    }
    expect(await structure(db.url)).toEqual(before);
    const ours = await withClient(db.url, async (c) => ({
      tables: (await c.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = ANY($1) ORDER BY 1`, [OUR_TABLES])).rows,
      index: (await c.query(`SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'auth_user_email_upper_idx'`)).rows,
      runs: (await c.query(`SELECT name FROM migrations ORDER BY id`)).rows.map((r: { name: string }) => r.name),
    }));
    expect(ours.tables.map((r: { table_name: string }) => r.table_name)).toEqual(OUR_TABLES);
    expect(ours.index).toEqual([{ indisvalid: true }]);
    // The same history as on a fresh database: the adopting variants keep the migration names.
    expect(ours.runs).toEqual(MIGRATIONS.map((m) => m.name));
  });

  it("logs Django's users in and upgrades their hash as Django's check_password does (also for inactive users)", async () => {
    const app = await createApp(settingsFor(db.url), { logger: false });
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    try {
      expect(await postJson(url, '/auth/jwt/create/', { username: 'alice', password: PASSWORD })).toBe(200);
      expect(await postJson(url, '/auth/jwt/create/', { username: 'bob', password: PASSWORD })).toBe(401);
      const hashes = await withClient(db.url, async (c) => (await c.query(`SELECT username, password FROM auth_user ORDER BY id`)).rows);
      // ModelBackend: check_password (whose setter rehashes) runs before user_can_authenticate
      for (const { password } of hashes) expect(password).toMatch(/^argon2\$argon2id\$v=19\$m=1024,t=1,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
      expect(await postJson(url, '/auth/jwt/create/', { username: 'alice', password: PASSWORD })).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('DJANGO_EXISTING_SCHEMA refuses a database that does not fit', () => {
  it('names what is missing or different in one line and creates nothing', async () => {
    const db = await djangoDatabase(`;
      ALTER TABLE "auth_user" DROP COLUMN "first_name";
      ALTER TABLE "auth_user" ALTER COLUMN "email" TYPE varchar(75);
      ALTER TABLE "authtoken_token" ADD COLUMN "scope" text NOT NULL;
      DROP TABLE "token_blacklist_blacklistedtoken"`);
    try {
      const before = await structure(db.url);
      await expect(createApp(settingsFor(db.url), { logger: false })).rejects.toThrow(
        "DJANGO_EXISTING_SCHEMA=true but the database does not have the tables Django's migrations make: " +
          'auth_user.first_name is missing; auth_user.email is character varying(75), expected character varying(254); ' +
          'authtoken_token.scope is an extra NOT NULL column without a default (our inserts would fail); ' +
          'table token_blacklist_blacklistedtoken is missing (run Django\'s "manage.py migrate" on it first)',
      );
      expect(await structure(db.url)).toEqual(before);
      const ours = await withClient(db.url, async (c) => (await c.query(`SELECT to_regclass('migrations') AS m, to_regclass('nest_mail_outbox') AS o`)).rows[0]);
      expect(ours).toEqual({ m: null, o: null });

      // the server's own start: exit 78 and that one line, as for a bad setting
      const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.url, DJANGO_EXISTING_SCHEMA: 'true', LOG_LEVEL: 'error' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status).toBe(78);
      expect(run.stderr).toMatch(/^DJANGO_EXISTING_SCHEMA=true but the database does not have the tables Django's migrations make: auth_user\.first_name is missing; .*\n$/);
    } finally {
      await db.drop();
    }
  });

  it('refuses a database that is empty, and the setting without DATABASE_URL', async () => {
    const db = await createTestDatabase();
    try {
      await expect(createApp(settingsFor(db.url), { logger: false })).rejects.toThrow(
        /: table auth_user is missing; table authtoken_token is missing; table token_blacklist_outstandingtoken is missing; table token_blacklist_blacklistedtoken is missing \(run/,
      );
    } finally {
      await db.drop();
    }
    // a database that does not answer: one line too, not a stack
    await expect(createApp(settingsFor('postgres://nobody:x@127.0.0.1:1/none'), { logger: false })).rejects.toThrow(
      /^DJANGO_EXISTING_SCHEMA=true but Django's tables cannot be checked: cannot connect to DATABASE_URL \(.*ECONNREFUSED.*\)$/,
    );
    expect(() => parseSettings({ ...TEST_ENV, DATABASE_URL: '', DJANGO_EXISTING_SCHEMA: 'true' })).toThrow(
      new SettingsError('Invalid environment variable DJANGO_EXISTING_SCHEMA="true": expected DATABASE_URL to point at the PostgreSQL database Django uses'),
    );
  });
});
