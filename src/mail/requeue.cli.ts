import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnvironment } from '../config/env-file';
import { parseSettings, SettingsError } from '../config/settings';
import { buildDataSourceOptions, closeEmbedded } from '../database/data-source-options';
import { OutboxStore } from './outbox/outbox.store';
import { describeCounts } from './outbox/outbox.worker';

/**
 * `npm run mail:requeue`: failed mail becomes pending again, with a fresh set of
 * attempts; a running server's worker sends it at its next poll. Reads the same
 * environment / .env as the server. (With the embedded engine, stop the server
 * first: its data folder takes one process at a time.)
 */
async function main(): Promise<void> {
  const settings = parseSettings(loadEnvironment());
  const options = await buildDataSourceOptions({
    databaseUrl: settings.databaseUrl,
    pgliteDataDir: settings.pgliteDataDir,
    migrationsRun: false,
  });
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  try {
    const store = new OutboxStore(dataSource);
    const n = await store.requeueFailed();
    process.stdout.write(`re-queued ${n} failed e-mail${n === 1 ? '' : 's'}; ${describeCounts(await store.counts())}\n`);
  } finally {
    await dataSource.destroy();
    await closeEmbedded(options);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof SettingsError ? e.message : (e as Error).stack ?? String(e)}\n`);
  process.exit(e instanceof SettingsError ? 78 : 1);
});
