import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { MailService } from '../../src/mail/mail.service';
import { PasswordHasher } from '../../src/users/passwords/password-hasher';
import type { TestApp } from '../support/test-app';
import { call, mails, mailsSince, post, STRONG, startUsersApp } from './users-support';

jest.setTimeout(120_000);

/**
 * A described user model beyond the reference's (issue 19): djoser-ref's custom User with `phone`
 * unique and required, and 64-bit ids. DRF's ModelSerializer puts a UniqueValidator on every
 * unique model field (message from Django's `unique` error: "user with this phone already exists.");
 * bigint ids beyond 2^31 are found from a token's user_id and from a mail's uid; the mail context
 * carries the model's own fields (`{user.first_name}` in the URL setting, as Python formats it).
 */
const MODEL = JSON.parse(readFileSync(join(__dirname, '../conformance/fixtures/custom-user-model.json'), 'utf8')) as {
  REQUIRED_FIELDS: string[];
  fields: Record<string, Record<string, unknown>>;
};
MODEL.REQUIRED_FIELDS = ['first_name', 'phone'];
MODEL.fields.phone = { ...MODEL.fields.phone, unique: true, blank: false };
const MODEL_FILE = join(mkdtempSync(join(tmpdir(), 'nest-djoser-model-')), 'user-model.json');
writeFileSync(MODEL_FILE, JSON.stringify(MODEL));

const BIG_ID = 5_000_000_000;

describe('a described user model: unique fields, bigint ids, mail context', () => {
  let t: TestApp;
  const count = async () => Number((await t.app.get(DataSource).query('SELECT count(*) AS n FROM accounts_user'))[0].n);
  const jwt = async (email: string, password = STRONG) => {
    const res = await post(t, '/auth/jwt/create/', { email, password });
    expect(res.status).toBe(200);
    return `Bearer ${(JSON.parse(res.text) as { access: string }).access}`;
  };

  beforeAll(async () => {
    t = await startUsersApp({
      AUTH_USER_MODEL_FILE: MODEL_FILE,
      DJOSER_SEND_ACTIVATION_EMAIL: 'true',
      DJOSER_ACTIVATION_URL: 'activate/{uid}/{token}?name={user.first_name}&phone={user.phone}&active={user.is_active}',
    });
  });
  afterAll(() => t?.close());

  it('registration: the activation link is formatted with the model fields', async () => {
    const res = await post(t, '/auth/users/', { email: 'ann@EXAMPLE.com', first_name: 'Ann', phone: '555-0100', password: STRONG });
    expect(res.status).toBe(201);
    const [mail] = t.app.get(MailService).delivered();
    const { uid, token } = (await mails(t))[0];
    expect(mail.text).toContain(`/activate/${uid}/${token}?name=Ann&phone=555-0100&active=False\n`);
    expect((await post(t, '/auth/users/activation/', { uid, token })).status).toBe(204);
  });

  it.each([
    ['the phone', { email: 'other@example.com', phone: '555-0100' }, '{"phone":["user with this phone already exists."]}'],
    ['the e-mail', { email: 'ann@example.com', phone: '555-0199' }, '{"email":["user with this email address already exists."]}'],
    ['both, in field order', { email: 'ann@example.com', phone: '555-0100' }, '{"phone":["user with this phone already exists."],"email":["user with this email address already exists."]}'],
  ])('a taken %s is DRF UniqueValidator message, nothing is written', async (_, body, expected) => {
    const before = await count();
    const res = await post(t, '/auth/users/', { first_name: 'X', password: STRONG, ...body });
    expect({ status: res.status, text: res.text }).toEqual({ status: 400, text: expected });
    expect(await count()).toBe(before);
  });

  it("users/me/: another user's phone is refused, one's own is accepted", async () => {
    const res = await post(t, '/auth/users/', { email: 'bea@example.com', first_name: 'Bea', phone: '555-0200', password: STRONG });
    expect(res.status).toBe(201);
    await t.app.get(DataSource).query("UPDATE accounts_user SET is_active = true WHERE email = 'bea@example.com'");
    const auth = await jwt('bea@example.com');
    const taken = await call(t, 'PATCH', '/auth/users/me/', { json: { phone: '555-0100' }, auth });
    expect({ status: taken.status, text: taken.text }).toEqual({ status: 400, text: '{"phone":["user with this phone already exists."]}' });
    const own = await call(t, 'PATCH', '/auth/users/me/', { json: { phone: '555-0200', first_name: 'Beatrix' }, auth });
    expect(own.status).toBe(200);
    expect(JSON.parse(own.text)).toMatchObject({ first_name: 'Beatrix', phone: '555-0200' });
  });

  describe(`a user whose bigint id is ${BIG_ID} (inserted by SQL)`, () => {
    beforeAll(async () => {
      const hash = await t.app.get(PasswordHasher).hash(STRONG);
      await t.app
        .get(DataSource)
        .query(
          `INSERT INTO accounts_user (id, password, is_superuser, email, first_name, last_name, phone, is_staff, is_active, date_joined) VALUES ($1, $2, false, 'big@example.com', 'Big', '', '555-0300', false, true, now())`,
          [BIG_ID, hash],
        );
    });

    it("is found from the token's user_id", async () => {
      const me = await call(t, 'GET', '/auth/users/me/', { auth: await jwt('big@example.com') });
      expect({ status: me.status, text: me.text }).toEqual({ status: 200, text: `{"first_name":"Big","phone":"555-0300","id":${BIG_ID},"email":"big@example.com"}` });
    });

    it('is found from the uid of its reset mail (urlsafe_base64 of "5000000000"), and users/{id}/', async () => {
      const before = (await mails(t)).length;
      expect((await post(t, '/auth/users/reset_password/', { email: 'big@example.com' })).status).toBe(204);
      const [mail] = await mailsSince(t, before);
      expect(mail.uid).toBe(Buffer.from(String(BIG_ID)).toString('base64url'));
      const confirm = await post(t, '/auth/users/reset_password_confirm/', { uid: mail.uid, token: mail.token, new_password: 'An0ther-Passw0rd!' });
      expect(confirm.status).toBe(204);
      const auth = await jwt('big@example.com', 'An0ther-Passw0rd!');
      const detail = await call(t, 'GET', `/auth/users/${BIG_ID}/`, { auth });
      expect(detail.status).toBe(200);
      expect(JSON.parse(detail.text)).toMatchObject({ id: BIG_ID });
    });

    it('an id beyond the bigint range is an invalid uid, not a 500', async () => {
      const uid = Buffer.from('9223372036854775808').toString('base64url');
      const res = await post(t, '/auth/users/activation/', { uid, token: 'x' });
      expect({ status: res.status, text: res.text }).toEqual({ status: 400, text: '{"uid":["Invalid user id or user doesn\'t exist."]}' });
    });
  });
});
