import { Command, CommandRunner } from 'nest-commander';
import { DataSource } from 'typeorm';
import { OutboxStore } from '../mail/outbox/outbox.store';
import { describeCounts } from '../mail/outbox/outbox.worker';
import { runCommand } from './command-error';

/**
 * Failed mail becomes pending again with a fresh set of attempts; a running server's worker
 * sends it at its next poll. (With the embedded engine, stop the server first: its data
 * folder takes one process at a time.)
 */
@Command({ name: 'mail:retry', description: 'Queue failed e-mails for sending again.' })
export class MailRetryCommand extends CommandRunner {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  run(): Promise<void> {
    return runCommand(async () => {
      const store = new OutboxStore(this.dataSource);
      const n = await store.requeueFailed();
      process.stdout.write(`re-queued ${n} failed e-mail${n === 1 ? '' : 's'}; ${describeCounts(await store.counts())}\n`);
    });
  }
}
