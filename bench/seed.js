'use strict';
// The bench database: dropped and created fresh, users inserted with SQL (generate_series), not the API.
const { Client } = require('pg');

const ADMIN_URL = process.env.BENCH_ADMIN_URL || 'postgres://nest_djoser:nest_djoser@127.0.0.1:5432/postgres';
const DB_NAME = process.env.BENCH_DB_NAME || 'nest_djoser_bench';

const adminUrl = () => ADMIN_URL;
function benchDbUrl() {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB_NAME}`;
  return url.toString();
}

async function withClient(url, fn) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function recreateDatabase() {
  await withClient(ADMIN_URL, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${DB_NAME}"`);
  });
}

/** Users user1..userN (ids 1..N), all with the same password hash; only the missing ones are added. */
async function seedUsers(hash, total) {
  await withClient(benchDbUrl(), async (c) => {
    // users registered by the previous scale's run would take the ids about to be seeded
    await c.query(`DELETE FROM auth_user WHERE username NOT LIKE 'user%'`);
    const { rows } = await c.query(`SELECT COALESCE(MAX(id), 0)::int AS max FROM auth_user WHERE username LIKE 'user%'`);
    const from = rows[0].max + 1;
    if (from > total) return;
    await c.query(
      `INSERT INTO auth_user (id, password, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
       SELECT i, $1, false, 'user' || i, '', '', 'user' || i || '@example.com', false, true, now()
       FROM generate_series($2::int, $3::int) AS i`,
      [hash, from, total],
    );
    await c.query(`SELECT setval(pg_get_serial_sequence('auth_user', 'id'), (SELECT MAX(id) FROM auth_user))`);
  });
}

async function analyze() {
  await withClient(benchDbUrl(), (c) => c.query('VACUUM ANALYZE'));
}

async function userCount() {
  return withClient(benchDbUrl(), async (c) => (await c.query('SELECT count(*)::int AS n FROM auth_user')).rows[0].n);
}

module.exports = { adminUrl, benchDbUrl, recreateDatabase, seedUsers, analyze, userCount };
