/** Django's `CommandError`: printed as `CommandError: <message>` on stderr, exit status 1. */
export class CommandError extends Error {}

/** The input ended (Ctrl-D) or was interrupted: Django prints "Operation cancelled." */
export class OperationCancelled extends Error {}

/** Runs a command body the way Django's BaseCommand.run_from_argv reports its failures. */
export async function runCommand(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    if (e instanceof CommandError) process.stderr.write(`CommandError: ${e.message}\n`);
    else if (e instanceof OperationCancelled) process.stderr.write('\nOperation cancelled.\n');
    else process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  }
}
