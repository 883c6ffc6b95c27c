import { Command, CommandRunner } from 'nest-commander';
import { DataSource } from 'typeorm';
import { runCommand } from './command-error';

/**
 * SimpleJWT's `flushexpiredtokens`: outstanding tokens with `expires_at <= now` go, with their
 * blacklist rows (Django cascades those in Python; the schema's foreign key does not) and
 * their rotation-family rows (ON DELETE CASCADE).
 */
@Command({ name: 'tokens:flush-expired', description: 'Flushes any expired tokens in the outstanding token list.' })
export class FlushExpiredTokensCommand extends CommandRunner {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  run(): Promise<void> {
    return runCommand(async () => {
      const [outstanding, blacklisted] = await this.dataSource.transaction(async (m) => {
        const now = new Date();
        // Counted through a SELECT: a bare DELETE ... RETURNING comes back from TypeORM as [rows, count].
        const [black] = (await m.query(
          `WITH d AS (DELETE FROM "token_blacklist_blacklistedtoken" WHERE "token_id" IN
             (SELECT "id" FROM "token_blacklist_outstandingtoken" WHERE "expires_at" <= $1) RETURNING 1)
           SELECT count(*)::int AS n FROM d`,
          [now],
        )) as Array<{ n: number }>;
        const [out] = (await m.query(
          'WITH d AS (DELETE FROM "token_blacklist_outstandingtoken" WHERE "expires_at" <= $1 RETURNING 1) SELECT count(*)::int AS n FROM d',
          [now],
        )) as Array<{ n: number }>;
        return [out.n, black.n];
      });
      process.stdout.write(`Deleted ${outstanding} expired outstanding token${outstanding === 1 ? '' : 's'} (${blacklisted} blacklisted).\n`);
    });
  }
}
