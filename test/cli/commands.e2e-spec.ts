import { PasswordHasher } from '../../src/users/passwords/password-hasher';
import { cliDatabase, runCli, type CliDatabase } from './cli-support';

jest.setTimeout(180_000);

describe('admin commands', () => {
  let db: CliDatabase;
  beforeAll(async () => {
    db = await cliDatabase();
  });
  afterAll(() => db.drop());

  it('migrate applies the pending migrations and says which; then there is nothing to apply', async () => {
    const first = runCli(['migrate'], db.env);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^Operations to perform:\n {2}Apply all migrations: .+\nRunning migrations:\n/);
    const applied = first.stdout.split('\n').filter((l) => l.startsWith('  Applying '));
    expect(applied).toContain('  Applying DjangoAuthSchema1700000000000... OK');
    const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM migrations');
    expect(applied).toHaveLength(n);
    const again = runCli(['migrate'], db.env);
    expect(again.stdout.endsWith('Running migrations:\n  No migrations to apply.\n')).toBe(true);
    expect(again.status).toBe(0);
  });

  describe('changepassword', () => {
    const hasher = new PasswordHasher();
    const passwordOf = async (username: string) =>
      (await db.query<{ password: string }>('SELECT password FROM auth_user WHERE username = $1', [username]))[0].password;

    beforeAll(() => {
      expect(runCli(['createsuperuser', '--noinput', '--username', 'dana', '--email', 'dana@example.com'], db.env).status).toBe(0);
    });

    it('asks twice, runs the validators, then changes the password', async () => {
      const run = runCli(['changepassword', 'dana'], db.env, 'one\ntwo\nshort\nshort\nHorse-Battery-9\nHorse-Battery-9\n');
      expect(run.stdout).toBe(
        "Changing password for user 'dana'\nPassword: Password (again): Passwords do not match. Please try again.\n" +
          "Password: Password (again): Password: Password (again): Password changed successfully for user 'dana'\n",
      );
      expect(run.stderr).toBe('This password is too short. It must contain at least 8 characters.\n');
      expect(run.status).toBe(0);
      expect((await hasher.verify('Horse-Battery-9', await passwordOf('dana'))).valid).toBe(true);
    });

    it('gives up after three attempts', async () => {
      const before = await passwordOf('dana');
      const run = runCli(['changepassword', 'dana'], db.env, 'a\nb\ndana12\ndana12\nc\nd\n');
      expect(run.stderr).toBe(
        'The password is too similar to the username.\nThis password is too short. It must contain at least 8 characters.\n' +
          "CommandError: Aborting password change for user 'dana' after 3 attempts\n",
      );
      expect(run.status).toBe(1);
      expect(await passwordOf('dana')).toBe(before);
    });

    it('an unknown user is a CommandError', () => {
      expect(runCli(['changepassword', 'nobody'], db.env)).toEqual({ status: 1, stdout: '', stderr: "CommandError: user 'nobody' does not exist\n" });
    });
  });

  it("tokens:flush-expired deletes expired outstanding tokens with their blacklist and family rows, and keeps the others", async () => {
    const [{ id: userId }] = await db.query<{ id: number }>("SELECT id FROM auth_user WHERE username = 'dana'");
    const insert = (jti: string, expires: string) =>
      db.query<{ id: string }>(
        `INSERT INTO token_blacklist_outstandingtoken (token, created_at, expires_at, user_id, jti) VALUES ('t', now(), now() + $1::interval, $2, $3) RETURNING id`,
        [expires, userId, jti],
      );
    const [old] = await insert('old', '-1 hour');
    const [oldBlack] = await insert('old-blacklisted', '-1 day');
    const [live] = await insert('live', '1 day');
    const [liveBlack] = await insert('live-blacklisted', '1 day');
    for (const t of [oldBlack, liveBlack]) await db.query('INSERT INTO token_blacklist_blacklistedtoken (blacklisted_at, token_id) VALUES (now(), $1)', [t.id]);
    // an expired token rotated into a live one: its family row goes, the live one's stays
    await db.query(
      "INSERT INTO refresh_token_family (token_id, family, successor_id, rotated_at) VALUES ($1, 'f', $2, now()), ($2, 'f', NULL, NULL), ($3, 'g', NULL, NULL)",
      [old.id, live.id, liveBlack.id],
    );

    const run = runCli(['tokens:flush-expired'], db.env);
    expect(run).toEqual({ status: 0, stdout: 'Deleted 2 expired outstanding tokens (1 blacklisted).\n', stderr: '' });
    expect((await db.query<{ jti: string }>('SELECT jti FROM token_blacklist_outstandingtoken ORDER BY id')).map((r) => r.jti)).toEqual([
      'live',
      'live-blacklisted',
    ]);
    expect(await db.query('SELECT token_id::text AS id FROM token_blacklist_blacklistedtoken')).toEqual([{ id: String(liveBlack.id) }]);
    expect(await db.query('SELECT token_id::text AS id FROM refresh_token_family ORDER BY token_id')).toEqual([
      { id: String(live.id) },
      { id: String(liveBlack.id) },
    ]);
    expect(runCli(['tokens:flush-expired'], db.env).stdout).toBe('Deleted 0 expired outstanding tokens (0 blacklisted).\n');
  });

  it('mail:retry reports the outbox', () => {
    expect(runCli(['mail:retry'], db.env)).toEqual({ status: 0, stdout: 're-queued 0 failed e-mails; outbox 0 pending, 0 failed\n', stderr: '' });
  });

  it('an invalid setting stops the CLI with one line naming the variable', () => {
    const run = runCli(['migrate'], { ...db.env, PORT: 'eighty' });
    expect(run.status).toBe(78);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining('PORT')]);
  });

  it('an unknown command fails', () => {
    const run = runCli(['nosuch'], db.env);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("unknown command 'nosuch'");
  });
});
