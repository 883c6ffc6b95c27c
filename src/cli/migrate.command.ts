import { Command, CommandRunner } from 'nest-commander';
import { DataSource } from 'typeorm';
import { runCommand } from './command-error';

/** Django's `migrate` (all apps): applies the pending migrations and says which, in Django's words. */
@Command({ name: 'migrate', description: 'Updates database schema.' })
export class MigrateCommand extends CommandRunner {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  run(): Promise<void> {
    return runCommand(async () => {
      process.stdout.write('Operations to perform:\n  Apply all migrations: auth, authtoken, token_blacklist, nest_djoser\nRunning migrations:\n');
      const applied = await this.dataSource.runMigrations({ transaction: 'each' });
      if (!applied.length) process.stdout.write('  No migrations to apply.\n');
      for (const m of applied) process.stdout.write(`  Applying ${m.name}... OK\n`);
    });
  }
}
