import { Client } from 'pg';

/** Where e2e tests create their databases; written by global-setup for the workers. */
export const ENGINE_ENV = 'NEST_DJOSER_TEST_ENGINE';
export const ADMIN_URL_ENV = 'NEST_DJOSER_TEST_ADMIN_URL';

export const DEFAULT_TEST_DATABASE_URL = 'postgres://nest_djoser:nest_djoser@127.0.0.1:5432/nest_djoser_test';

export async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

let counter = 0;

/**
 * A fresh, empty database for one test app (isolation per test file, so files run
 * in parallel), or '' when the tests run on the embedded engine (then every app
 * gets its own in-memory PGlite).
 */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (process.env[ENGINE_ENV] !== 'postgres') return { url: '', drop: async () => undefined };
  const admin = new URL(process.env[ADMIN_URL_ENV]!);
  const name = `nest_djoser_t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(admin.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
