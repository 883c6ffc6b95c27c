import { DataSource } from 'typeorm';
import { User } from '../../src/users/user.entity';
import type { TestApp } from '../support/test-app';
import { createUser, login, mails, post, startUsersApp, STRONG } from '../users/users-support';

/**
 * Races on one account (issue 7). 50 parallel registrations of one username are in
 * test/users/concurrency.e2e-spec.ts; these are the activation and password races.
 */
describe('20 parallel activations of one link', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startUsersApp({ DJOSER_SEND_ACTIVATION_EMAIL: 'true', DJOSER_SEND_CONFIRMATION_EMAIL: 'true' });
  });
  afterAll(() => t.close());

  it('one 204, nineteen 403 "Stale token" (as Djoser answers a reused link), one confirmation mail', async () => {
    expect((await post(t, '/auth/users/', { username: 'ina', password: STRONG, email: 'ina@example.com' })).status).toBe(201);
    const [mail] = await mails(t);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post(t, '/auth/users/activation/', { uid: mail.uid, token: mail.token })),
    );
    expect(answers.filter((a) => a.status === 204)).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 204).map((a) => [a.status, a.text])).toEqual(
      Array(19).fill([403, '{"detail":"Stale token for given user."}']),
    );
    expect((await mails(t)).map((m) => m.kind)).toEqual(['activation', 'confirmation']);
  });
});

describe('20 parallel set_password calls with different new passwords', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startUsersApp({ DJOSER_PASSWORD_CHANGED_EMAIL_CONFIRMATION: 'true' });
  });
  afterAll(() => t.close());

  it('one wins; the others fail cleanly as a wrong current_password; the final password is the winner’s', async () => {
    const user = await createUser(t, { username: 'alice' });
    const auth = await login(t, 'alice');
    const candidates = Array.from({ length: 20 }, (_, i) => `New-Passw0rd-${i}!x`);
    const answers = await Promise.all(
      candidates.map((p) => post(t, '/auth/users/set_password/', { current_password: STRONG, new_password: p }, auth)),
    );
    const winners = answers.flatMap((a, i) => (a.status === 204 ? [candidates[i]] : []));
    expect(winners).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 204).map((a) => [a.status, a.text])).toEqual(
      Array(19).fill([400, '{"current_password":["Invalid password."]}']),
    );
    // the stored hash is the winner's: it logs in, the old and the losing passwords do not
    expect((await post(t, '/auth/token/login/', { username: 'alice', password: winners[0] })).status).toBe(200);
    for (const p of [STRONG, ...candidates.filter((c) => c !== winners[0]).slice(0, 3)])
      expect((await post(t, '/auth/token/login/', { username: 'alice', password: p })).status).toBe(400);
    // one "password changed" mail: the losers' transactions wrote nothing
    expect((await mails(t)).filter((m) => m.kind === 'password_changed_confirmation')).toHaveLength(1);
    const row = await t.app.get(DataSource).getRepository(User).findOneByOrFail({ id: user.id });
    expect(row.password).toMatch(/^argon2\$/);
  });
});
