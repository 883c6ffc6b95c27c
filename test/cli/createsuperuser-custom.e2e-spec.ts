import { join } from 'node:path';
import { PasswordHasher } from '../../src/users/passwords/password-hasher';
import { cliDatabase, runCli, type CliDatabase } from './cli-support';

jest.setTimeout(180_000);

const MODEL_FILE = join(__dirname, '../conformance/fixtures/custom-user-model.json');

/** createsuperuser on the reference's custom user (AUTH_USER_MODEL_FILE): asks for USERNAME_FIELD (email) and REQUIRED_FIELDS (first_name). */
describe('createsuperuser on a custom user model', () => {
  let db: CliDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await cliDatabase();
    env = { ...db.env, AUTH_USER_MODEL_FILE: MODEL_FILE };
    expect(runCli(['migrate'], env).status).toBe(0);
  });
  afterAll(() => db.drop());

  it('--noinput takes --email and DJANGO_SUPERUSER_FIRST_NAME; the row lands in accounts_user', async () => {
    const run = runCli(['createsuperuser', '--noinput', '--email', 'Root@EXAMPLE.com'], { ...env, DJANGO_SUPERUSER_FIRST_NAME: 'Root', DJANGO_SUPERUSER_PASSWORD: 'x' });
    expect(run).toEqual({ status: 0, stdout: 'Superuser created successfully.\n', stderr: '' });
    const [row] = await db.query<{ id: string; email: string; first_name: string; phone: string; password: string; is_staff: boolean; is_superuser: boolean; is_active: boolean }>(
      'SELECT id, email, first_name, phone, password, is_staff, is_superuser, is_active FROM accounts_user',
      [],
    );
    expect(row).toMatchObject({ id: '1', email: 'Root@example.com', first_name: 'Root', phone: '', is_staff: true, is_superuser: true, is_active: true });
    expect((await new PasswordHasher().verify('x', row.password)).valid).toBe(true);
  });

  it.each([
    ['CommandError: You must use --email with --noinput.\n', [], {}],
    ['CommandError: You must use --first_name with --noinput.\n', ['--email', 'x@example.com'], {}],
    ['CommandError: Error: That email address is already taken.\n', ['--email', 'Root@example.com'], { DJANGO_SUPERUSER_FIRST_NAME: 'R' }],
  ])('refuses as Django does: %s', (stderr, args, extra) => {
    expect(runCli(['createsuperuser', '--noinput', ...args], { ...env, ...extra })).toMatchObject({ status: 1, stderr });
  });
});
