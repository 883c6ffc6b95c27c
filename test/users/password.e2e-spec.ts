import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { encodeUid } from '../../src/users/secrets/uid';
import { USER_EVENTS, type UserEvent } from '../../src/users/user-events';
import type { TestApp } from '../support/test-app';
import { call, createUser, findUser, login, mails, mailsSince, post, startUsersApp, STRONG, UNAUTHENTICATED } from './users-support';

const SET = '/auth/users/set_password/';
const RESET = '/auth/users/reset_password/';
const CONFIRM = '/auth/users/reset_password_confirm/';
const NEW = 'N3w-Passw0rd!';

/** set_password, reset_password, reset_password_confirm (spec §3.7–§3.9). Bodies recorded from djoser-ref. */
describe('passwords (defaults, change-confirmation mail on)', () => {
  let t: TestApp;
  let john: string;
  beforeAll(async () => {
    t = await startUsersApp({ DJOSER_PASSWORD_CHANGED_EMAIL_CONFIRMATION: 'true' });
    await createUser(t, { username: 'admin', isStaff: true });
    await createUser(t, { username: 'john' });
    john = await login(t, 'john');
  });
  afterAll(() => t.close());

  describe('set_password', () => {
    it('is for authenticated users only', async () => {
      const res = await post(t, SET, {});
      expect(res.status).toBe(401);
      expect(res.text).toBe(UNAUTHENTICATED);
    });

    it.each([
      ['empty', {}, '{"new_password":["This field is required."],"current_password":["This field is required."]}'],
      ['blanks', { new_password: '', current_password: '' }, '{"new_password":["This field may not be blank."],"current_password":["This field may not be blank."]}'],
      // the field-level current_password error hides the (object-level) validator errors
      ['wrong current and weak new', { new_password: '123', current_password: 'nope' }, '{"current_password":["Invalid password."]}'],
      ['similar to the e-mail', { new_password: 'john@example.com', current_password: STRONG }, '{"new_password":["The password is too similar to the email address."]}'],
      ['a NUL in current_password', { new_password: 'x', current_password: `${STRONG}\u0000` }, '{"current_password":["Null characters are not allowed."]}'],
    ])('%s → 400', async (_name, body, expected) => {
      const res = await post(t, SET, body, john);
      expect(res.status).toBe(400);
      expect(res.text).toBe(expected);
    });

    it('changes the password (form body): 204, mail, the token session stays', async () => {
      const before = (await mails(t)).length;
      const res = await call(t, 'POST', SET, { form: { new_password: NEW, current_password: STRONG }, auth: john });
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect((await mailsSince(t, before)).map((m) => [m.kind, m.to])).toEqual([['password_changed_confirmation', 'john@example.com']]);
      expect((await call(t, 'GET', '/auth/users/me/', { auth: john })).status).toBe(200);
      expect((await post(t, '/auth/token/login/', { username: 'john', password: NEW })).status).toBe(200);
      expect((await post(t, SET, { new_password: STRONG, current_password: NEW }, john)).status).toBe(204);
    });
  });

  describe('reset_password', () => {
    it.each([
      ['empty', {}, '{"email":["This field is required."]}'],
      ['blank', { email: '' }, '{"email":["This field may not be blank."]}'],
      ['invalid', { email: 'nope' }, '{"email":["Enter a valid email address."]}'],
    ])('%s → 400', async (_name, body, expected) => {
      const res = await post(t, RESET, body);
      expect(res.status).toBe(400);
      expect(res.text).toBe(expected);
    });

    it('answers 204 without mail for unknown, differently-cased, inactive or password-less users', async () => {
      await createUser(t, { username: 'off', isActive: false });
      await createUser(t, { username: 'nopw', password: '!' });
      const before = (await mails(t)).length;
      for (const email of ['who@example.com', 'JOHN@example.com', 'off@example.com', 'nopw@example.com']) {
        const res = await post(t, RESET, { email });
        expect(res.status).toBe(204);
        expect(res.text).toBe('');
      }
      expect(await mailsSince(t, before)).toEqual([]);
    });

    it('mails every active user sharing the address (Djoser: 500)', async () => {
      const a = await createUser(t, { username: 'dup1', email: 'dup@example.com' });
      const b = await createUser(t, { username: 'dup2', email: 'dup@example.com' });
      const before = (await mails(t)).length;
      expect((await post(t, RESET, { email: 'dup@example.com' })).status).toBe(204);
      const sent = await mailsSince(t, before);
      expect(sent.map((m) => [m.kind, m.to, m.uid, m.user.username])).toEqual([
        ['password_reset', 'dup@example.com', encodeUid(a.id), 'dup1'],
        ['password_reset', 'dup@example.com', encodeUid(b.id), 'dup2'],
      ]);
    });
  });

  describe('reset_password_confirm', () => {
    let link: { uid: string; token: string };
    beforeAll(async () => {
      const before = (await mails(t)).length;
      expect((await post(t, RESET, { email: 'john@example.com' })).status).toBe(204);
      const [mail] = await mailsSince(t, before);
      expect([mail.kind, mail.uid]).toEqual(['password_reset', 'Mg']);
      link = { uid: mail.uid!, token: mail.token! };
    });

    it.each([
      ['empty', {}, '{"uid":["This field is required."],"token":["This field is required."],"new_password":["This field is required."]}'],
      // the validators run before uid/token (spec §11.6)
      [
        'bad uid and weak password: only the password error',
        { uid: 'x', token: 'y', new_password: '123' },
        '{"new_password":["This password is too short. It must contain at least 8 characters.","This password is too common.","This password is entirely numeric."]}',
      ],
      ['bad uid', { uid: 'x', token: 'y', new_password: NEW }, `{"uid":["Invalid user id or user doesn't exist."]}`],
    ])('%s → 400', async (_name, body, expected) => {
      const res = await post(t, CONFIRM, body);
      expect(res.status).toBe(400);
      expect(res.text).toBe(expected);
    });

    it('rejects a wrong token', async () => {
      const res = await post(t, CONFIRM, { uid: link.uid, token: 'y', new_password: NEW });
      expect(res.text).toBe('{"token":["Invalid token for given user."]}');
    });

    it('sets the password and last_login, mails, and the link then fails', async () => {
      const before = (await mails(t)).length;
      const res = await post(t, CONFIRM, { uid: link.uid, token: link.token, new_password: NEW });
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect((await findUser(t, 2))!.lastLogin).not.toBeNull();
      expect((await mailsSince(t, before)).map((m) => m.kind)).toEqual(['password_changed_confirmation']);
      expect((await post(t, '/auth/token/login/', { username: 'john', password: NEW })).status).toBe(200);
      const reuse = await post(t, CONFIRM, { uid: link.uid, token: link.token, new_password: `${NEW}2` });
      expect(reuse.status).toBe(400);
      expect(reuse.text).toBe('{"token":["Invalid token for given user."]}');
    });

    it('checks no similarity for an anonymous request (AnonymousUser)', async () => {
      const before = (await mails(t)).length;
      await post(t, RESET, { email: 'john@example.com' });
      const [mail] = await mailsSince(t, before);
      const res = await post(t, CONFIRM, { uid: mail.uid, token: mail.token, new_password: 'john@example.com1' });
      expect(res.status).toBe(204);
    });

    it('a reset link is also an activation link (one generator, spec §11.7): stale for an active user', async () => {
      const before = (await mails(t)).length;
      await post(t, RESET, { email: 'john@example.com' });
      const [mail] = await mailsSince(t, before);
      expect((await post(t, '/auth/users/activation/', { uid: mail.uid, token: mail.token })).status).toBe(403);
    });
  });

  it('one link, many concurrent uses: exactly one succeeds', async () => {
    const before = (await mails(t)).length;
    await post(t, RESET, { email: 'john@example.com' });
    const [mail] = await mailsSince(t, before);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => post(t, CONFIRM, { uid: mail.uid, token: mail.token, new_password: `${NEW}-${i}` })),
    );
    expect(answers.filter((a) => a.status === 204)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 400).map((a) => a.text)).toEqual(Array(9).fill('{"token":["Invalid token for given user."]}'));
  });
});

describe('passwords with the retype flags (recorded from djoser-ref)', () => {
  let t: TestApp;
  let bob: string;
  beforeAll(async () => {
    t = await startUsersApp({ DJOSER_SET_PASSWORD_RETYPE: 'true', DJOSER_PASSWORD_RESET_CONFIRM_RETYPE: 'true' });
    await createUser(t, { username: 'admin', isStaff: true });
    await createUser(t, { username: 'bob' });
    bob = await login(t, 'bob');
  });
  afterAll(() => t.close());

  it.each([
    ['empty', {}, '{"new_password":["This field is required."],"re_new_password":["This field is required."],"current_password":["This field is required."]}'],
    ['retype missing, wrong current', { new_password: NEW, current_password: 'nope' }, '{"re_new_password":["This field is required."],"current_password":["Invalid password."]}'],
    ['mismatch', { new_password: NEW, re_new_password: 'x', current_password: STRONG }, `{"non_field_errors":["The two password fields didn't match."]}`],
    [
      'weak and mismatched: validators first',
      { new_password: 'bob', re_new_password: 'x', current_password: STRONG },
      '{"new_password":["The password is too similar to the username.","This password is too short. It must contain at least 8 characters.","This password is too common."]}',
    ],
  ])('set_password %s → 400', async (_name, body, expected) => {
    const res = await post(t, SET, body, bob);
    expect(res.status).toBe(400);
    expect(res.text).toBe(expected);
  });

  it.each([
    ['empty', {}, '{"uid":["This field is required."],"token":["This field is required."],"new_password":["This field is required."],"re_new_password":["This field is required."]}'],
    ['retype missing', { uid: 'Mg', token: 'x', new_password: NEW }, '{"re_new_password":["This field is required."]}'],
    ['mismatch before the uid', { uid: 'x', token: 'x', new_password: NEW, re_new_password: `${NEW}?` }, `{"non_field_errors":["The two password fields didn't match."]}`],
    [
      'weak and mismatched',
      { uid: 'x', token: 'x', new_password: 'abc', re_new_password: 'abd' },
      '{"new_password":["This password is too short. It must contain at least 8 characters.","This password is too common."]}',
    ],
  ])('reset_password_confirm %s → 400', async (_name, body, expected) => {
    const res = await post(t, CONFIRM, body);
    expect(res.status).toBe(400);
    expect(res.text).toBe(expected);
  });

  it('both succeed when the two fields match', async () => {
    expect((await post(t, SET, { new_password: NEW, re_new_password: NEW, current_password: STRONG }, bob)).status).toBe(204);
    const before = (await mails(t)).length;
    await post(t, RESET, { email: 'bob@example.com' });
    const [mail] = await mailsSince(t, before);
    const res = await post(t, CONFIRM, { uid: mail.uid, token: mail.token, new_password: STRONG, re_new_password: STRONG });
    expect(res.status).toBe(204);
  });
});

describe('LOGOUT_ON_PASSWORD_CHANGE', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startUsersApp({ DJOSER_LOGOUT_ON_PASSWORD_CHANGE: 'true' });
    await createUser(t, { username: 'kim' });
  });
  afterAll(() => t.close());

  it('set_password deletes the DRF token and sends user_logged_out', async () => {
    const kim = await login(t, 'kim');
    const loggedOut: UserEvent[] = [];
    t.app.get(EventEmitter2).on(USER_EVENTS.loggedOut, (e: UserEvent) => loggedOut.push(e));
    expect((await post(t, SET, { new_password: NEW, current_password: STRONG }, kim)).status).toBe(204);
    expect(loggedOut.map((e) => e.user.username)).toEqual(['kim']);
    const after = await call(t, 'GET', '/auth/users/me/', { auth: kim });
    expect(after.status).toBe(401);
    expect(after.text).toBe('{"detail":"Invalid token."}');
    expect(await t.app.get(DataSource).query('SELECT 1 FROM authtoken_token')).toEqual([]);
  });

  // Djoser leaves JWTs alone (spec §11.17); the auth module's revocation also blacklists the
  // user's refresh tokens (COMPAT.md).
  it('set_password also revokes the refresh tokens issued before', async () => {
    const jwt = await post(t, '/auth/jwt/create/', { username: 'kim', password: NEW });
    const { refresh, access } = JSON.parse(jwt.text) as { refresh: string; access: string };
    expect((await post(t, SET, { new_password: STRONG, current_password: NEW }, `Bearer ${access}`)).status).toBe(204);
    const res = await post(t, '/auth/jwt/refresh/', { refresh });
    expect(res.status).toBe(401);
    expect(res.text).toBe('{"detail":"Token is blacklisted","code":"token_not_valid"}');
    expect((await post(t, SET, { new_password: NEW, current_password: STRONG }, `Bearer ${access}`)).status).toBe(204);
  });

  it('reset_password_confirm does not log out (Djoser applies the flag to set_password only)', async () => {
    const kim = await login(t, 'kim', NEW);
    const before = (await mails(t)).length;
    await post(t, RESET, { email: 'kim@example.com' });
    const [mail] = await mailsSince(t, before);
    expect((await post(t, CONFIRM, { uid: mail.uid, token: mail.token, new_password: STRONG })).status).toBe(204);
    expect((await call(t, 'GET', '/auth/users/me/', { auth: kim })).status).toBe(200);
  });
});

describe('reset_password with a SHOW_EMAIL_NOT_FOUND flag (recorded from djoser-ref)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startUsersApp({ DJOSER_USERNAME_RESET_SHOW_EMAIL_NOT_FOUND: 'true' });
    await createUser(t, { username: 'off', isActive: false });
  });
  afterAll(() => t.close());

  it('answers a bare list for unknown and inactive addresses', async () => {
    for (const email of ['who@example.com', 'off@example.com']) {
      const res = await post(t, RESET, { email });
      expect(res.status).toBe(400);
      expect(res.text).toBe('["User with given email does not exist."]');
    }
  });
});
