import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** A bad setting stops the server before anything starts, with one line naming it. */
describe('settings are validated at start', () => {
  const start = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('exits 78 with one line naming the variable, its value and what it expects', () => {
    const run = start({ DJOSER_HIDE_USERS: 'maybe' });
    expect(run.status).toBe(78);
    expect(run.stderr).toBe(
      'Invalid environment variable DJOSER_HIDE_USERS="maybe": expected a boolean (true/false, 1/0, yes/no, on/off)\n',
    );
    expect(run.stdout).toBe('');
  });

  it('refuses the example SECRET_KEY in production', () => {
    const run = start({ NODE_ENV: 'production' });
    expect(run.status).toBe(78);
    expect(run.stderr).toMatch(/^Invalid environment variable SECRET_KEY: the development key from \.env\.example is refused/);
  });
});
