import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, closeEmbedded } from '../../src/database/data-source-options';
import { createTestDatabase } from '../support/database';
import { TEST_ENV } from '../support/test-app';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh database for the CLI (on the embedded engine: a data folder, so that successive processes share it). */
export interface CliDatabase {
  env: Record<string, string>;
  /** Runs SQL on the database between CLI runs. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

export async function cliDatabase(): Promise<CliDatabase> {
  const db = await createTestDatabase();
  const dir = db.url ? '' : mkdtempSync(join(tmpdir(), 'nest-djoser-cli-'));
  const env = { DATABASE_URL: db.url, PGLITE_DATA_DIR: dir };
  return {
    env,
    query: async (sql, params = []) => {
      const options = await buildDataSourceOptions({ databaseUrl: db.url, pgliteDataDir: dir, migrationsRun: false });
      const ds = await new DataSource(options).initialize();
      try {
        return await ds.query(sql, params);
      } finally {
        await ds.destroy();
        await closeEmbedded(options);
      }
    },
    drop: async () => {
      await db.drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

const ROOT = join(__dirname, '..', '..');

/** The real CLI in a child process (as `npm run cli -- <args>` runs it), stdin piped from `input`. */
export function runCli(args: string[], env: Record<string, string>, input = ''): CliResult {
  const childEnv: Record<string, string | undefined> = { ...process.env, ...TEST_ENV, ...env };
  for (const name of Object.keys(childEnv)) if (name.startsWith('DJANGO_SUPERUSER_') && !(name in env)) delete childEnv[name];
  const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli.ts', ...args], {
    cwd: ROOT,
    env: childEnv,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
