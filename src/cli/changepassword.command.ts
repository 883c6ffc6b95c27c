import { userInfo } from 'node:os';
import { Command, CommandRunner } from 'nest-commander';
import { CliUsers } from './cli-users';
import { CommandError, runCommand } from './command-error';
import { Prompter } from './prompter';

const MAX_TRIES = 3;

/** Django's `changepassword [username]`: three tries, Django's password validators. */
@Command({ name: 'changepassword', arguments: '[username]', description: "Change a user's password for django.contrib.auth." })
export class ChangePasswordCommand extends CommandRunner {
  constructor(
    private readonly users: CliUsers,
    private readonly prompter: Prompter,
  ) {
    super();
  }

  run([given]: string[]): Promise<void> {
    return runCommand(async () => {
      const username = given ?? userInfo().username;
      const user = await this.users.find(username);
      if (!user) throw new CommandError(`user '${username}' does not exist`);
      process.stdout.write(`Changing password for user '${username}'\n`);

      let count = 0;
      let p1 = '';
      let p2 = ' ';
      let validated = false;
      while ((p1 !== p2 || !validated) && count < MAX_TRIES) {
        p1 = await this.prompter.secret('Password: ');
        p2 = await this.prompter.secret('Password (again): ');
        if (p1 !== p2) {
          process.stdout.write('Passwords do not match. Please try again.\n');
          count++;
          continue; // Django's loop re-asks without validating
        }
        const problems = this.users.passwordProblems(p2, { username: user.username, email: user.email });
        if (problems.length) {
          process.stderr.write(`${problems.join('\n')}\n`);
          count++;
        } else validated = true;
      }
      if (count === MAX_TRIES) throw new CommandError(`Aborting password change for user '${username}' after ${count} attempts`);
      await this.users.setPassword(user, p1);
      process.stdout.write(`Password changed successfully for user '${username}'\n`);
    });
  }
}
