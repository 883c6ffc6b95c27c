import { DataSource } from 'typeorm';
import { checkConsistency } from '../support/db-consistency';
import { startTestApp, TestApp } from '../support/test-app';
import { createUser } from '../users/users-support';

/** The checker the fuzz and race tests rely on must see what it claims to see. */
describe('database consistency check', () => {
  let t: TestApp;
  let ds: DataSource;
  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('finds nothing on a sound database', async () => {
    await createUser(t, { username: 'sound' });
    await createUser(t, { username: 'nopass', password: '!' });
    expect(await checkConsistency(ds)).toEqual([]);
  });

  it('reports a broken hash, an orphan token and a mail to nobody', async () => {
    const user = await createUser(t, { username: 'broken' });
    await ds.query(`UPDATE auth_user SET password = 'plaintext' WHERE id = $1`, [user.id]);
    // PostgreSQL enforces the (deferred) foreign key; a database without it (dropped here) is what the check is for
    await ds.query(`ALTER TABLE authtoken_token DROP CONSTRAINT authtoken_token_user_id_35299eff_fk_auth_user_id`);
    await ds.query(`INSERT INTO authtoken_token (key, created, user_id) VALUES ($1, now(), 999999)`, ['a'.repeat(40)]);
    await ds.query(
      `INSERT INTO nest_mail_outbox (kind, from_email, recipients, subject, text_body) VALUES ('activation', 'x@y', '["ghost@example.com"]', 's', 't')`,
    );
    const problems = await checkConsistency(ds);
    expect(problems).toEqual([
      `auth_user row without a usable password hash or an unusable marker: {"id":${user.id},"password":"plaintext"}`,
      'DRF token for a missing user: {"key":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}',
      expect.stringMatching(/^outbox mail to an address no user has: \{"id":"\d+","addr":"ghost@example.com"\}$/),
    ]);
  });
});
