import { DataSource } from 'typeorm';
import type { TestApp } from '../support/test-app';
import { createUser, login, mails, post, startUsersApp, STRONG } from './users-support';

const UNIQUE = '{"username":["A user with that username already exists."]}';

/** The unique constraint decides races, never a check-then-insert (no 500s, exactly one winner). */
describe('concurrent writes of one username', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startUsersApp({ DJOSER_SEND_CONFIRMATION_EMAIL: 'true' });
  });
  afterAll(() => t.close());

  it('50 parallel registrations: one 201, 49 × 400 with the unique message', async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => post(t, '/auth/users/', { username: 'racer', password: STRONG, email: `racer${i}@example.com` })),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const losers = answers.filter((a) => a.status !== 201);
    expect(losers.map((a) => [a.status, a.text])).toEqual(Array(49).fill([400, UNIQUE]));
    const rows: unknown[] = await t.app.get(DataSource).query("SELECT id FROM auth_user WHERE username = 'racer'");
    expect(rows).toHaveLength(1);
    // only the winner's confirmation mail exists: the losers' transactions (mail included) rolled back
    expect((await mails(t)).map((m) => m.kind)).toEqual(['confirmation']);
  });

  it('parallel NFKC-equal spellings: one 201, the others the unique message', async () => {
    const names = ['ｓｐｅｅｄ', 'speed', 'ｓpeed', 'sｐeed', 'spｅed', 'speｅd', 'speeｄ', 'ｓｐeed'];
    const answers = await Promise.all(names.map((username) => post(t, '/auth/users/', { username, password: STRONG })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 201).map((a) => a.text)).toEqual(Array(names.length - 1).fill(UNIQUE));
  });

  it('parallel set_username to one free name: one 204, the others the unique message', async () => {
    const tokens: string[] = [];
    for (let i = 0; i < 10; i++) {
      await createUser(t, { username: `u${i}` });
      tokens.push(await login(t, `u${i}`));
    }
    const answers = await Promise.all(tokens.map((auth) => post(t, '/auth/users/set_username/', { current_password: STRONG, new_username: 'prize' }, auth)));
    expect(answers.filter((a) => a.status === 204)).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 204).map((a) => a.text)).toEqual(Array(9).fill('{"new_username":["A user with that username already exists."]}'));
  });
});
