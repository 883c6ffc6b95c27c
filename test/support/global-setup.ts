import { Client } from 'pg';
import { ADMIN_URL_ENV, DEFAULT_TEST_DATABASE_URL, ENGINE_ENV, canConnect } from './database';

/**
 * Chooses the e2e database engine once per run: a real PostgreSQL when one answers
 * (TEST_DATABASE_URL, else the local cluster), otherwise the embedded engine. With
 * CI=true an unreachable PostgreSQL fails the run instead of falling back.
 */
export default async function globalSetup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
  if (!(await canConnect(url)) && !process.env.TEST_DATABASE_URL) await tryCreateRole(url);
  if (await canConnect(url)) {
    process.env[ENGINE_ENV] = 'postgres';
    process.env[ADMIN_URL_ENV] = url;
    const u = new URL(url);
    process.stdout.write(`\ne2e database engine: PostgreSQL at ${u.hostname}:${u.port || 5432} (one database per test app)\n`);
    return;
  }
  if (process.env.CI === 'true') throw new Error(`CI=true and PostgreSQL is unreachable at ${url}: refusing to fall back to the embedded engine`);
  process.env[ENGINE_ENV] = 'pglite';
  process.stdout.write('\ne2e database engine: embedded PostgreSQL (PGlite, in memory) - no PostgreSQL reachable\n');
}

/** On a developer machine with a local trust-auth cluster, create the test role and database once. */
async function tryCreateRole(url: string): Promise<void> {
  const target = new URL(url);
  const superuser = new Client({ host: target.hostname, port: Number(target.port || 5432), user: 'postgres', database: 'postgres', connectionTimeoutMillis: 3000 });
  try {
    await superuser.connect();
    const user = decodeURIComponent(target.username);
    const password = decodeURIComponent(target.password);
    const db = target.pathname.slice(1);
    const role = await superuser.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [user]);
    if (role.rowCount === 0) await superuser.query(`CREATE ROLE "${user}" LOGIN CREATEDB PASSWORD '${password.replace(/'/g, "''")}'`);
    const exists = await superuser.query('SELECT 1 FROM pg_database WHERE datname = $1', [db]);
    if (exists.rowCount === 0) await superuser.query(`CREATE DATABASE "${db}" OWNER "${user}"`);
  } catch {
    // no local cluster we may administer: the caller falls back
  } finally {
    await superuser.end().catch(() => undefined);
  }
}
