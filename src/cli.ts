import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli/cli.module';
import { loadEnvironment } from './config/env-file';
import { parseSettings, SettingsError } from './config/settings';

/**
 * `node dist/cli.js <command>` (or `npm run cli -- <command>`): Django's `manage.py` for this
 * server — createsuperuser, changepassword, migrate, mail:retry, tokens:flush-expired.
 */
async function main(): Promise<void> {
  let settings;
  try {
    settings = parseSettings(loadEnvironment());
  } catch (e) {
    if (!(e instanceof SettingsError)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exit(78); // EX_CONFIG, as the server
  }
  // `migrate` applies and reports the pending migrations itself; other commands migrate
  // silently first when the server would (DATABASE_MIGRATIONS_RUN).
  const command = process.argv[2];
  const migrationsRun = command !== 'migrate' && settings.databaseMigrationsRun;
  await CommandFactory.run(CliModule.forRoot({ ...settings, databaseMigrationsRun: migrationsRun }), {
    logger: ['error'],
    cliName: 'nest-djoser',
    errorHandler: (err) => {
      // commander's own errors (unknown command or option) were printed already
      process.exit((err as { exitCode?: number }).exitCode ?? 1);
    },
  });
}

void main();
