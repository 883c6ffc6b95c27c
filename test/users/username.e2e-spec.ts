import { DataSource } from 'typeorm';
import type { TestApp } from '../support/test-app';
import { call, createUser, findUser, login, mails, mailsSince, post, startUsersApp, STRONG, UNAUTHENTICATED } from './users-support';

const SET = '/auth/users/set_username/';
const RESET = '/auth/users/reset_username/';
const CONFIRM = '/auth/users/reset_username_confirm/';

/** set_username, reset_username, reset_username_confirm (spec §3.10–§3.12). Bodies recorded from djoser-ref. */
describe('usernames (defaults, change-confirmation mail on)', () => {
  let t: TestApp;
  let jim: string;
  beforeAll(async () => {
    t = await startUsersApp({ DJOSER_USERNAME_CHANGED_EMAIL_CONFIRMATION: 'true' });
    await createUser(t, { username: 'admin', isStaff: true });
    await createUser(t, { username: 'jim' });
    await createUser(t, { username: 'kate' });
    jim = await login(t, 'jim');
  });
  afterAll(() => t.close());

  describe('set_username', () => {
    it('is for authenticated users only', async () => {
      expect((await post(t, SET, {})).text).toBe(UNAUTHENTICATED);
    });

    it.each([
      ['empty', {}, '{"current_password":["This field is required."],"new_username":["This field is required."]}'],
      [
        'taken, wrong password: both field errors',
        { current_password: 'x', new_username: 'kate' },
        '{"current_password":["Invalid password."],"new_username":["A user with that username already exists."]}',
      ],
      ['the current name (unique against all users)', { current_password: STRONG, new_username: 'jim' }, '{"new_username":["A user with that username already exists."]}'],
      [
        'invalid characters',
        { current_password: STRONG, new_username: 'new username' },
        '{"new_username":["Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters."]}',
      ],
      ['too long', { current_password: STRONG, new_username: 'a'.repeat(151) }, '{"new_username":["Ensure this field has no more than 150 characters."]}'],
    ])('%s → 400', async (_name, body, expected) => {
      const res = await post(t, SET, body, jim);
      expect(res.status).toBe(400);
      expect(res.text).toBe(expected);
    });

    it('changes the name (stored as given: no NFKC here, as in Djoser) and mails the confirmation', async () => {
      const before = (await mails(t)).length;
      expect((await post(t, SET, { current_password: STRONG, new_username: 'ｊｉｍｍｙ' }, jim)).status).toBe(204);
      expect((await call(t, 'GET', '/auth/users/me/', { auth: jim })).text).toBe('{"email":"jim@example.com","id":2,"username":"ｊｉｍｍｙ"}');
      const res = await post(t, SET, { current_password: STRONG, new_username: ' jimmy ' }, jim);
      expect(res.status).toBe(204);
      expect((await findUser(t, 2))!.username).toBe('jimmy');
      expect((await mailsSince(t, before)).map((m) => [m.kind, m.to, m.user.username])).toEqual([
        ['username_changed_confirmation', 'jim@example.com', 'ｊｉｍｍｙ'],
        ['username_changed_confirmation', 'jim@example.com', 'jimmy'],
      ]);
    });
  });

  describe('reset_username', () => {
    it('validates the e-mail and answers 204 for unknown addresses', async () => {
      expect((await post(t, RESET, {})).text).toBe('{"email":["This field is required."]}');
      const before = (await mails(t)).length;
      expect((await post(t, RESET, { email: 'who@example.com' })).status).toBe(204);
      expect(await mailsSince(t, before)).toEqual([]);
    });

    it('mails the username-reset link', async () => {
      const before = (await mails(t)).length;
      expect((await post(t, RESET, { email: 'kate@example.com' })).status).toBe(204);
      const sent = await mailsSince(t, before);
      expect(sent.map((m) => [m.kind, m.to, m.uid, m.user.username])).toEqual([['username_reset', 'kate@example.com', 'Mw', 'kate']]);
    });
  });

  describe('reset_username_confirm', () => {
    let link: { uid: string; token: string };
    beforeAll(async () => {
      const before = (await mails(t)).length;
      await post(t, RESET, { email: 'kate@example.com' });
      const [mail] = await mailsSince(t, before);
      link = { uid: mail.uid!, token: mail.token! };
    });

    it.each([
      // uid and token are not serializer fields here: only new_username is required
      ['empty', {}, '{"new_username":["This field is required."]}'],
      ['no uid', { new_username: 'katy' }, `{"uid":["Invalid user id or user doesn't exist."]}`],
      ['a uid but no token', { uid: 'Mw', new_username: 'katy' }, '{"token":["Invalid token for given user."]}'],
      ['a JSON null uid (Djoser: 500)', { uid: null, new_username: 'katy' }, `{"uid":["Invalid user id or user doesn't exist."]}`],
      [
        'an invalid name, before the uid',
        { new_username: 'bad name' },
        '{"new_username":["Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters."]}',
      ],
      ['a taken name', { uid: 'Mw', token: 'x', new_username: 'admin' }, '{"new_username":["A user with that username already exists."]}'],
    ])('%s → 400', async (_name, body, expected) => {
      const res = await post(t, CONFIRM, body);
      expect(res.status).toBe(400);
      expect(res.text).toBe(expected);
    });

    it('renames, sets last_login, mails; the link then fails', async () => {
      const before = (await mails(t)).length;
      expect((await post(t, CONFIRM, { uid: link.uid, token: link.token, new_username: 'katy' })).status).toBe(204);
      const kate = (await findUser(t, 3))!;
      expect(kate.username).toBe('katy');
      expect(kate.lastLogin).not.toBeNull();
      expect((await mailsSince(t, before)).map((m) => [m.kind, m.user.username])).toEqual([['username_changed_confirmation', 'katy']]);
      const reuse = await post(t, CONFIRM, { uid: link.uid, token: link.token, new_username: 'katie' });
      expect(reuse.text).toBe('{"token":["Invalid token for given user."]}');
    });

    // Djoser accepts a second use within the same second when last_login was already in that
    // second (only last_login changes, at 1-s resolution). We move last_login to the next second.
    it('works once even when last_login already lies in the current second', async () => {
      await t.app.get(DataSource).query('UPDATE auth_user SET last_login = now() WHERE id = 3');
      const before = (await mails(t)).length;
      await post(t, RESET, { email: 'kate@example.com' });
      const [mail] = await mailsSince(t, before);
      const first = await post(t, CONFIRM, { uid: mail.uid, token: mail.token, new_username: 'kat1' });
      const second = await post(t, CONFIRM, { uid: mail.uid, token: mail.token, new_username: 'kat2' });
      expect([first.status, second.status]).toEqual([204, 400]);
      expect((await findUser(t, 3))!.username).toBe('kat1');
    });
  });
});

describe('usernames with the retype flags (recorded from djoser-ref)', () => {
  let t: TestApp;
  let bob: string;
  beforeAll(async () => {
    t = await startUsersApp({ DJOSER_SET_USERNAME_RETYPE: 'true', DJOSER_USERNAME_RESET_CONFIRM_RETYPE: 'true' });
    await createUser(t, { username: 'admin', isStaff: true });
    await createUser(t, { username: 'bob' });
    await createUser(t, { username: 'carl' });
    bob = await login(t, 'bob');
  });
  afterAll(() => t.close());

  it.each([
    ['empty', {}, '{"current_password":["This field is required."],"new_username":["This field is required."],"re_new_username":["This field is required."]}'],
    ['mismatch', { current_password: STRONG, new_username: 'bobby', re_new_username: 'bobbie' }, `{"non_field_errors":["The two username fields didn't match."]}`],
    ['taken and mismatched', { current_password: STRONG, new_username: 'carl', re_new_username: 'bobbie' }, '{"new_username":["A user with that username already exists."]}'],
  ])('set_username %s → 400', async (_name, body, expected) => {
    const res = await post(t, SET, body, bob);
    expect(res.status).toBe(400);
    expect(res.text).toBe(expected);
  });

  it.each([
    ['empty', {}, '{"new_username":["This field is required."],"re_new_username":["This field is required."]}'],
    ['mismatch before uid', { new_username: 'a1', re_new_username: 'a2' }, `{"non_field_errors":["The two username fields didn't match."]}`],
    ['match, no uid', { new_username: 'a1', re_new_username: 'a1' }, `{"uid":["Invalid user id or user doesn't exist."]}`],
  ])('reset_username_confirm %s → 400', async (_name, body, expected) => {
    const res = await post(t, CONFIRM, body);
    expect(res.status).toBe(400);
    expect(res.text).toBe(expected);
  });

  it('both succeed with matching (trimmed) values', async () => {
    expect((await post(t, SET, { current_password: STRONG, new_username: 'bobby', re_new_username: ' bobby ' }, bob)).status).toBe(204);
    const before = (await mails(t)).length;
    await post(t, RESET, { email: 'carl@example.com' });
    const [mail] = await mailsSince(t, before);
    const res = await post(t, CONFIRM, { uid: mail.uid, token: mail.token, new_username: 'a1 ', re_new_username: ' a1' });
    expect(res.status).toBe(204);
    expect((await findUser(t, 3))!.username).toBe('a1');
  });
});

describe('reset_username with a SHOW_EMAIL_NOT_FOUND flag (recorded from djoser-ref)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startUsersApp({ DJOSER_PASSWORD_RESET_SHOW_EMAIL_NOT_FOUND: 'true' });
    await createUser(t, { username: 'nopw', password: '!' });
  });
  afterAll(() => t.close());

  it('answers a bare list for unknown addresses and users without a usable password', async () => {
    for (const email of ['who@example.com', 'nopw@example.com']) {
      const res = await post(t, RESET, { email });
      expect(res.status).toBe(400);
      expect(res.text).toBe('["User with given email does not exist."]');
    }
  });
});
