import { userInfo } from 'node:os';
import { Command, CommandRunner, Option } from 'nest-commander';
import { CliUsers, TakenError } from './cli-users';
import { CommandError, runCommand } from './command-error';
import { Prompter } from './prompter';
import { capfirst, cleanField, type ModelField } from './user-fields';

interface Options {
  username?: string;
  email?: string;
  noinput?: boolean;
  input?: boolean;
}

/**
 * Django's `createsuperuser`, prompts and messages included. Unlike Django, the prompts also
 * read piped stdin (Django refuses without a TTY), so provisioning scripts can answer them.
 */
@Command({ name: 'createsuperuser', description: 'Used to create a superuser.' })
export class CreateSuperuserCommand extends CommandRunner {
  constructor(
    private readonly users: CliUsers,
    private readonly prompter: Prompter,
  ) {
    super();
  }

  @Option({ flags: '--username <username>', description: 'Specifies the login for the superuser.' })
  parseUsername(v: string): string {
    return v;
  }

  @Option({ flags: '--email <email>', description: 'Specifies the email for the superuser.' })
  parseEmail(v: string): string {
    return v;
  }

  @Option({ flags: '--noinput', description: 'Do NOT prompt the user for input of any kind (Django: --noinput, --no-input).' })
  parseNoinput(): boolean {
    return true;
  }

  // commander reads `--no-<x>` as the negation of `<x>`: this sets `input: false`.
  @Option({ flags: '--no-input', description: 'Same as --noinput.' })
  parseNoInput(): boolean {
    return false;
  }

  run(_args: string[], options: Options = {}): Promise<void> {
    return runCommand(() => (options.noinput || options.input === false ? this.nonInteractive(options) : this.interactive(options)));
  }

  /** The option of USERNAME_FIELD (`--email` when the e-mail is the login). */
  private loginOption(options: Options): string | undefined {
    return this.users.emailLogin ? options.email : options.username;
  }

  /** `_validate_username`: taken, blank, then the field's own validators. */
  private async validateLogin(value: string): Promise<string | null> {
    const field = this.users.usernameField;
    if (await this.users.taken(value)) return `Error: That ${field.verboseName} is already taken.`;
    if (!value) return `${capfirst(field.verboseName)} cannot be blank.`;
    const problems = cleanField(field, value);
    return problems.length ? problems.join('; ') : null;
  }

  private async nonInteractive(options: Options): Promise<void> {
    const field = this.users.usernameField;
    const login = this.loginOption(options) ?? process.env[`DJANGO_SUPERUSER_${field.name.toUpperCase()}`];
    if (login === undefined) throw new CommandError(`You must use --${field.name} with --noinput.`);
    const error = await this.validateLogin(login);
    if (error) throw new CommandError(error);
    let email = '';
    const values: Record<string, string> = {};
    for (const required of this.users.requiredFields) {
      const value = this.requiredOption(options, required.name) || process.env[`DJANGO_SUPERUSER_${required.name.toUpperCase()}`];
      if (!value) throw new CommandError(`You must use --${required.name} with --noinput.`);
      const problems = cleanField(required, value);
      if (problems.length) throw new CommandError(problems.join('; '));
      values[required.name] = value;
      if (required.name === 'email') email = value;
    }
    // No password in the environment: an unusable password, as Django sets.
    await this.create(login, email, process.env.DJANGO_SUPERUSER_PASSWORD ?? null, values);
  }

  private async interactive(options: Options): Promise<void> {
    const field = this.users.usernameField;
    let login: string | null = null;
    const given = this.loginOption(options);
    if (given) {
      const error = await this.validateLogin(given);
      if (error) process.stderr.write(`${error}\n`);
      else login = given;
    } else if (given === '') throw new CommandError(`${capfirst(field.verboseName)} cannot be blank.`);

    const fallback = this.users.emailLogin ? '' : await this.defaultUsername();
    while (login === null) {
      const message = fallback ? `${capfirst(field.verboseName)} (leave blank to use '${fallback}'): ` : `${capfirst(field.verboseName)}: `;
      const value = await this.ask(field, message, fallback);
      if (!value) continue;
      const error = await this.validateLogin(value);
      if (error) process.stderr.write(`${error}\n`);
      else login = value;
    }

    let email = '';
    const values: Record<string, string> = {};
    for (const required of this.users.requiredFields) {
      const given = this.requiredOption(options, required.name);
      let value: string | null = given !== undefined && cleanField(required, given).length === 0 ? given : null;
      while (value === null) value = await this.ask(required, `${capfirst(required.verboseName)}: `, '');
      values[required.name] = value;
      if (required.name === 'email') email = value;
    }

    const candidate = this.users.emailLogin ? { username: '', email: login, ...values } : { username: login, email };
    let password: string | null = null;
    while (password === null) {
      password = await this.prompter.secret('Password: ');
      const again = await this.prompter.secret('Password (again): ');
      if (password !== again) {
        process.stderr.write("Error: Your passwords didn't match.\n");
        password = null;
        continue;
      }
      if (password.trim() === '') {
        process.stderr.write("Error: Blank passwords aren't allowed.\n");
        password = null;
        continue;
      }
      const problems = this.users.passwordProblems(password, candidate);
      if (problems.length) {
        process.stderr.write(`${problems.join('\n')}\n`);
        const answer = await this.prompter.input('Bypass password validation and create user anyway? [y/N]: ');
        if (answer.toLowerCase() !== 'y') password = null;
      }
    }
    await this.create(login, email, password, values);
  }

  /** `--<field>` for a REQUIRED_FIELDS entry (Django adds one option per required field). */
  private requiredOption(options: Options, name: string): string | undefined {
    return (options as unknown as Record<string, string | undefined>)[name];
  }

  /** `get_input_data`: one answer, the default for an empty one, the field's clean(). */
  private async ask(field: ModelField, message: string, fallback: string): Promise<string | null> {
    let value = await this.prompter.input(message);
    if (fallback && value === '') value = fallback;
    const problems = cleanField(field, value);
    if (problems.length) {
      process.stderr.write(`Error: ${problems.join('; ')}\n`);
      return null;
    }
    return value;
  }

  /** `get_default_username`: the system user name, ASCII, lower case, when valid and free. */
  private async defaultUsername(): Promise<string> {
    let name: string;
    try {
      name = userInfo().username;
    } catch {
      return '';
    }
    name = name.normalize('NFKD').replace(/[^\x00-\x7f]/g, '').replace(/ /g, '').toLowerCase();
    if (!name || cleanField(this.users.usernameField, name).length) return '';
    return (await this.users.taken(name)) ? '' : name;
  }

  private async create(login: string, email: string, password: string | null, values: Record<string, string> = {}): Promise<void> {
    try {
      await this.users.createSuperuser(login, email, password, values);
    } catch (e) {
      if (e instanceof TakenError) throw new CommandError(`Error: That ${this.users.usernameField.verboseName} is already taken.`);
      throw e;
    }
    process.stdout.write('Superuser created successfully.\n');
  }
}
