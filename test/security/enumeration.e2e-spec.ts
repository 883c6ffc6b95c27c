import { PasswordHasher } from '../../src/users/passwords/password-hasher';
import { createUser, db, postJson } from '../auth/auth-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** Everything a client can see of an answer except its Date. */
function visible(r: { status: number; text: string; headers: Headers }) {
  // Date and the per-request id differ between any two answers; everything else must not.
  const headers = [...r.headers.entries()].filter(([k]) => k !== 'date' && k !== 'x-request-id');
  return { status: r.status, text: r.text, headers };
}

async function outboxCount(t: TestApp): Promise<number> {
  const [row] = await db(t).query('SELECT count(*)::int AS n FROM "nest_mail_outbox"');
  return row.n;
}

describe('no account enumeration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DJOSER_SEND_ACTIVATION_EMAIL: 'true', EMAIL_OUTBOX_WORKER: 'false' });
    await createUser(t, { username: 'known', password: 'correct-horse-1', email: 'known@example.com' });
    await createUser(t, { username: 'sleeper', password: 'correct-horse-2', email: 'sleeper@example.com', isActive: false });
  });
  afterAll(() => t.close());

  it.each([
    ['/auth/users/reset_password/', 'known@example.com'],
    ['/auth/users/reset_username/', 'known@example.com'],
    ['/auth/users/resend_activation/', 'sleeper@example.com'],
  ])('%s answers the same for a known and an unknown address, and mails only the known one', async (path, known) => {
    const before = await outboxCount(t);
    const a = await postJson(t, path, { email: known });
    expect(await outboxCount(t)).toBe(before + 1);
    const b = await postJson(t, path, { email: 'nobody-at-all@example.com' });
    expect(await outboxCount(t)).toBe(before + 1); // the rehearsal was rolled back
    expect(a.status).toBe(204);
    expect(visible(b)).toEqual(visible(a));
  });

  it.each(['/auth/jwt/create/', '/auth/token/login/'])('%s verifies one password hash whether or not the user exists', async (path) => {
    const hasher = t.app.get(PasswordHasher);
    const verify = jest.spyOn(hasher, 'verify');
    const dummy = jest.spyOn(hasher, 'verifyDummy');
    try {
      const known = await postJson(t, path, { username: 'known', password: 'wrong-password' });
      expect(verify).toHaveBeenCalledTimes(1);
      expect(dummy).toHaveBeenCalledTimes(0);
      const unknown = await postJson(t, path, { username: 'nobody-at-all', password: 'wrong-password' });
      expect(verify).toHaveBeenCalledTimes(1);
      expect(dummy).toHaveBeenCalledTimes(1);
      // an inactive user with the right password: also one verification, and the same refusal
      const inactive = await postJson(t, path, { username: 'sleeper', password: 'correct-horse-2' });
      expect(verify).toHaveBeenCalledTimes(2);
      expect(visible(unknown)).toEqual(visible(known));
      expect(visible(inactive)).toEqual(visible(known));
    } finally {
      verify.mockRestore();
      dummy.mockRestore();
    }
  });
});
