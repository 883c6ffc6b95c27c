import { PasswordHasher } from '../../src/users/passwords/password-hasher';
import { cliDatabase, runCli, type CliDatabase } from './cli-support';

jest.setTimeout(180_000);

type Row = { username: string; email: string; password: string; is_staff: boolean; is_superuser: boolean; is_active: boolean };

describe('createsuperuser', () => {
  let db: CliDatabase;
  const hasher = new PasswordHasher();
  const user = async (username: string) =>
    (await db.query<Row>('SELECT username, email, password, is_staff, is_superuser, is_active FROM auth_user WHERE username = $1', [username]))[0];

  beforeAll(async () => {
    db = await cliDatabase();
    expect(runCli(['migrate'], db.env).status).toBe(0);
  });
  afterAll(() => db.drop());

  it('--noinput with DJANGO_SUPERUSER_PASSWORD creates an active staff superuser', async () => {
    const run = runCli(['createsuperuser', '--noinput', '--username', 'admin', '--email', 'Admin@EXAMPLE.com'], {
      ...db.env,
      DJANGO_SUPERUSER_PASSWORD: 'x',
    });
    expect(run).toEqual({ status: 0, stdout: 'Superuser created successfully.\n', stderr: '' });
    const row = await user('admin');
    expect(row).toMatchObject({ email: 'Admin@example.com', is_staff: true, is_superuser: true, is_active: true });
    // no validation in non-interactive mode, as in Django
    expect((await hasher.verify('x', row.password)).valid).toBe(true);
  });

  it('--no-input takes the username and e-mail from the environment; no password means an unusable one', async () => {
    const run = runCli(['createsuperuser', '--no-input'], { ...db.env, DJANGO_SUPERUSER_USERNAME: 'ops', DJANGO_SUPERUSER_EMAIL: 'ops@example.com' });
    expect(run).toEqual({ status: 0, stdout: 'Superuser created successfully.\n', stderr: '' });
    expect((await user('ops')).password.startsWith('!')).toBe(true);
  });

  it.each([
    ['CommandError: You must use --username with --noinput.\n', ['--noinput']],
    ['CommandError: Error: That username is already taken.\n', ['--noinput', '--username', 'admin', '--email', 'a@example.com']],
    ['CommandError: Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.\n', ['--noinput', '--username', 'bad name', '--email', 'a@example.com']],
    ['CommandError: Ensure this value has at most 150 characters (it has 151).\n', ['--noinput', '--username', 'x'.repeat(151), '--email', 'a@example.com']],
    ['CommandError: You must use --email with --noinput.\n', ['--noinput', '--username', 'newone']],
    ['CommandError: Enter a valid email address.\n', ['--noinput', '--username', 'newone', '--email', 'not-an-email']],
  ])('--noinput fails as Django does: %s', (stderr, args) => {
    expect(runCli(['createsuperuser', ...args], db.env)).toEqual({ status: 1, stdout: '', stderr });
  });

  it('prompts like Django over stdin: taken name, bad e-mail, mismatch, weak password refused, then created', async () => {
    const answers = [
      'admin', // taken
      'alice',
      'not-an-email',
      'alice@example.com',
      'Secret-123',
      'Secret-124', // mismatch
      '   ',
      '   ', // blank
      'alice1234',
      'alice1234', // too similar → do not bypass
      'n',
      'Horse-Battery-9',
      'Horse-Battery-9',
    ];
    const run = runCli(['createsuperuser'], db.env, answers.join('\n') + '\n');
    expect(run.stderr).toBe(
      [
        'Error: That username is already taken.',
        'Error: Enter a valid email address.',
        "Error: Your passwords didn't match.",
        "Error: Blank passwords aren't allowed.",
        'The password is too similar to the username.',
        '',
      ].join('\n'),
    );
    expect(run.stdout).toMatch(/^Username( \(leave blank to use '[^']+'\))?: /);
    expect(run.stdout).toContain('Email address: ');
    expect(run.stdout).toContain('Bypass password validation and create user anyway? [y/N]: ');
    expect(run.stdout.endsWith('Superuser created successfully.\n')).toBe(true);
    expect(run.status).toBe(0);
    const row = await user('alice');
    expect(row).toMatchObject({ email: 'alice@example.com', is_superuser: true });
    expect((await hasher.verify('Horse-Battery-9', row.password)).valid).toBe(true);
  });

  it('bypassing the validators with "y" keeps the weak password', async () => {
    const run = runCli(['createsuperuser', '--username', 'bob', '--email', ''], db.env, '12345678\n12345678\ny\n');
    expect(run.stderr).toBe('This password is too common.\nThis password is entirely numeric.\n');
    expect(run.status).toBe(0);
    expect((await hasher.verify('12345678', (await user('bob')).password)).valid).toBe(true);
  });

  it('input ending early is "Operation cancelled." with status 1', async () => {
    const run = runCli(['createsuperuser', '--username', 'carol'], db.env, 'carol@example.com\n');
    expect(run.stderr).toBe('\nOperation cancelled.\n');
    expect(run.status).toBe(1);
    expect(await user('carol')).toBeUndefined();
  });

  it('with DJOSER_LOGIN_FIELD=email the e-mail is the login', async () => {
    const env = { ...db.env, DJOSER_LOGIN_FIELD: 'email', DJANGO_SUPERUSER_PASSWORD: 'Horse-Battery-9' };
    expect(runCli(['createsuperuser', '--noinput', '--email', 'root@example.com'], env)).toEqual({
      status: 0,
      stdout: 'Superuser created successfully.\n',
      stderr: '',
    });
    expect(runCli(['createsuperuser', '--noinput', '--email', 'ROOT@example.com'], env)).toEqual({
      status: 1,
      stdout: '',
      stderr: 'CommandError: Error: That email address is already taken.\n',
    });
    expect(runCli(['createsuperuser', '--noinput'], env).stderr).toBe('CommandError: You must use --email with --noinput.\n');
    expect(await user('root@example.com')).toMatchObject({ email: 'root@example.com', is_staff: true });
  });
});
