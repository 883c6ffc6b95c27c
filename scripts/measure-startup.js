#!/usr/bin/env node
/**
 * `node scripts/measure-startup.js [rounds]`: time from spawning the compiled server
 * (`node dist/main.js`; run `npm run build` first) to its first answer of GET /auth/,
 * on PostgreSQL (an empty database, then the same one migrated) and on the embedded
 * engine (a new data folder, then the same folder again). Prints the median of each.
 *
 * Environment: TEST_DATABASE_URL (a database of the nest_djoser role, used to create
 * and drop a scratch one), MEASURE_PORT (default 18852).
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { setTimeout } = require('node:timers');
const { URL } = require('node:url');
/* global fetch */

const root = path.join(__dirname, '..');
const entry = path.join(root, 'dist', 'main.js');
const port = process.env.MEASURE_PORT || '18852';
const rounds = Number(process.argv[2] || 3);
const admin = process.env.TEST_DATABASE_URL || 'postgres://nest_djoser:nest_djoser@127.0.0.1:5432/nest_djoser_test';

async function sql(q) {
  const { Client } = require(path.join(root, 'node_modules', 'pg'));
  const c = new Client({ connectionString: admin });
  await c.connect();
  try {
    await c.query(q);
  } finally {
    await c.end();
  }
}

/** Milliseconds from spawn to the first HTTP answer of GET /auth/; the server is stopped (SIGTERM) after. */
async function startOnce(env) {
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, [entry], {
    cwd: root,
    env: { PATH: process.env.PATH, NODE_ENV: 'production', SECRET_KEY: 'measure-startup-0123456789abcdef0123456789', HOST: '127.0.0.1', PORT: port, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${stderr}`);
      try {
        await fetch(`http://127.0.0.1:${port}/auth/`);
        return Number(process.hrtime.bigint() - t0) / 1e6;
      } catch {
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  if (!fs.existsSync(entry)) throw new Error('no dist/main.js: run npm run build first');
  const results = { 'PostgreSQL, empty database': [], 'PostgreSQL, migrated': [], 'embedded (PGlite), new data folder': [], 'embedded (PGlite), existing folder': [] };
  const [pgEmpty, pgMigrated, liteNew, liteExisting] = Object.values(results);
  for (let i = 0; i < rounds; i++) {
    const name = `nest_djoser_startup_${process.pid}_${i}`;
    await sql(`CREATE DATABASE "${name}"`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    try {
      pgEmpty.push(await startOnce({ DATABASE_URL: url.toString() }));
      pgMigrated.push(await startOnce({ DATABASE_URL: url.toString() }));
    } finally {
      await sql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-djoser-startup-'));
    try {
      liteNew.push(await startOnce({ DATABASE_URL: '', PGLITE_DATA_DIR: path.join(dir, 'pglite') }));
      liteExisting.push(await startOnce({ DATABASE_URL: '', PGLITE_DATA_DIR: path.join(dir, 'pglite') }));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const load = os.loadavg().map((x) => x.toFixed(1)).join(' / ');
  process.stdout.write(`| start-up to first answer of GET /auth/ (median of ${rounds}; load ${load} on ${os.cpus().length} cores) | ms (each run) |\n|---|---|\n`);
  for (const [what, xs] of Object.entries(results))
    process.stdout.write(`| ${what} | ${Math.round(median(xs))} (${xs.map((x) => Math.round(x)).join(', ')}) |\n`);
}

main().catch((e) => {
  process.stderr.write(`measure-startup failed: ${e.message}\n`);
  process.exit(1);
});
