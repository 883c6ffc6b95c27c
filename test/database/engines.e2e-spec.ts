import { DataSource } from 'typeorm';
import { ENGINE_ENV } from '../support/database';
import { startTestApp, TestApp } from '../support/test-app';

/** Django's columns, as `manage.py migrate` creates them (dumped from the reference's PostgreSQL). */
const AUTH_USER_COLUMNS = [
  ['id', 'integer', null, 'NO'],
  ['password', 'character varying', 128, 'NO'],
  ['last_login', 'timestamp with time zone', null, 'YES'],
  ['is_superuser', 'boolean', null, 'NO'],
  ['username', 'character varying', 150, 'NO'],
  ['first_name', 'character varying', 150, 'NO'],
  ['last_name', 'character varying', 150, 'NO'],
  ['email', 'character varying', 254, 'NO'],
  ['is_staff', 'boolean', null, 'NO'],
  ['is_active', 'boolean', null, 'NO'],
  ['date_joined', 'timestamp with time zone', null, 'NO'],
];

async function schemaOf(t: TestApp) {
  const ds = t.app.get(DataSource);
  const cols = await ds.query(
    `SELECT column_name, data_type, character_maximum_length, is_nullable FROM information_schema.columns
     WHERE table_name = 'auth_user' ORDER BY ordinal_position`,
  );
  const tables = await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`);
  return {
    columns: cols.map((c: Record<string, unknown>) => [c.column_name, c.data_type, c.character_maximum_length, c.is_nullable]),
    tables: tables.map((r: { table_name: string }) => r.table_name),
  };
}

describe('both database engines run the same migrations', () => {
  it.each([
    ['the e2e engine (PostgreSQL when reachable)', {}],
    ['the embedded engine (PGlite)', { DATABASE_URL: '', PGLITE_DATA_DIR: '' }],
  ])('%s creates Django’s tables with Django’s columns', async (_name, env) => {
    const t = await startTestApp(env);
    try {
      const schema = await schemaOf(t);
      expect(schema.columns).toEqual(AUTH_USER_COLUMNS);
      expect(schema.tables).toEqual(expect.arrayContaining(['auth_user', 'authtoken_token', 'token_blacklist_blacklistedtoken', 'token_blacklist_outstandingtoken']));
      const res = await fetch(`${t.url}/auth/`);
      expect(res.status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('runs on PostgreSQL in CI', () => {
    if (process.env.CI === 'true') expect(process.env[ENGINE_ENV]).toBe('postgres');
    else expect(['postgres', 'pglite']).toContain(process.env[ENGINE_ENV]);
  });
});
