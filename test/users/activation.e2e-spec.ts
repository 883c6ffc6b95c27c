import { EventEmitter2 } from '@nestjs/event-emitter';
import { encodeUid } from '../../src/users/secrets/uid';
import { USER_EVENTS, type UserEvent } from '../../src/users/user-events';
import type { TestApp } from '../support/test-app';
import { createUser, findUser, mails, mailsSince, post, startUsersApp, STRONG } from './users-support';

const ACTIVATION = '/auth/users/activation/';
const RESEND = '/auth/users/resend_activation/';

/** Registration with activation, users/activation/ and users/resend_activation/ (spec §3.1, §3.5, §3.6, §6). */
describe('activation (SEND_ACTIVATION_EMAIL and SEND_CONFIRMATION_EMAIL on)', () => {
  let t: TestApp;
  const activated: UserEvent[] = [];
  beforeAll(async () => {
    t = await startUsersApp({ DJOSER_SEND_ACTIVATION_EMAIL: 'true', DJOSER_SEND_CONFIRMATION_EMAIL: 'true' });
    t.app.get(EventEmitter2).on(USER_EVENTS.activated, (e: UserEvent) => activated.push(e));
  });
  afterAll(() => t.close());

  let link: { uid: string; token: string; id: number };

  it('registers an inactive user and mails the activation link (no confirmation mail)', async () => {
    const res = await post(t, '/auth/users/', { username: 'ina', password: STRONG, email: 'ina@example.com' });
    expect(res.status).toBe(201);
    expect(res.text).toBe('{"email":"ina@example.com","username":"ina","id":1}');
    expect((await findUser(t, 1))!.isActive).toBe(false);
    const sent = await mails(t);
    expect(sent.map((m) => [m.kind, m.to, m.uid])).toEqual([['activation', 'ina@example.com', 'MQ']]);
    expect(sent[0].token).toMatch(/^[0-9a-z]+-[0-9a-f]{32}$/);
    expect(sent[0].user).toEqual({ id: 1, username: 'ina', email: 'ina@example.com', firstName: '', lastName: '' });
    link = { uid: sent[0].uid!, token: sent[0].token!, id: 1 };
  });

  it('an inactive user cannot log in', async () => {
    const res = await post(t, '/auth/token/login/', { username: 'ina', password: STRONG });
    expect(res.text).toBe('{"non_field_errors":["Unable to log in with provided credentials."]}');
  });

  // recorded from djoser-ref
  it.each([
    ['empty', {}, '{"uid":["This field is required."],"token":["This field is required."]}'],
    ['blanks', { uid: '', token: '' }, '{"uid":["This field may not be blank."],"token":["This field may not be blank."]}'],
    ['unknown pk (MTAw = 100)', { uid: 'MTAw', token: 'abc-def' }, `{"uid":["Invalid user id or user doesn't exist."]}`],
    ['undecodable uid', { uid: 'x', token: 'abc-def' }, `{"uid":["Invalid user id or user doesn't exist."]}`],
    ['a JSON number as uid (Djoser: 500)', { uid: 1, token: 'abc-def' }, `{"uid":["Invalid user id or user doesn't exist."]}`],
  ])('%s → 400', async (_name, body, expected) => {
    const res = await post(t, ACTIVATION, body);
    expect(res.status).toBe(400);
    expect(res.text).toBe(expected);
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
  });

  it('rejects a wrong token, and the right token with a leading space (not trimmed)', async () => {
    for (const token of ['abc-def', ` ${link.token}`, 123]) {
      const res = await post(t, ACTIVATION, { uid: link.uid, token });
      expect(res.status).toBe(400);
      expect(res.text).toBe('{"token":["Invalid token for given user."]}');
    }
  });

  it('activates: 204 empty, user active, user_activated, confirmation mail', async () => {
    const before = (await mails(t)).length;
    const res = await post(t, ACTIVATION, { uid: link.uid, token: link.token });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(res.headers.get('content-type')).toBeNull();
    expect((await findUser(t, link.id))!.isActive).toBe(true);
    expect(activated.map((e) => e.user.id)).toEqual([link.id]);
    const sent = await mailsSince(t, before);
    expect(sent.map((m) => [m.kind, m.to, m.uid, m.token])).toEqual([['confirmation', 'ina@example.com', undefined, undefined]]);
  });

  it('a second use is 403 "Stale token" (the token survives: is_active is not hashed)', async () => {
    const res = await post(t, ACTIVATION, { uid: link.uid, token: link.token });
    expect(res.status).toBe(403);
    expect(res.text).toBe('{"detail":"Stale token for given user."}');
    expect(activated).toHaveLength(1);
  });

  it('the uid decodes leniently, as Django does ("MDE" is "01", i.e. user 1)', async () => {
    const res = await post(t, ACTIVATION, { uid: 'MDE', token: link.token });
    expect(res.status).toBe(403);
  });

  it('a form body works', async () => {
    const res = await fetch(`${t.url}${ACTIVATION}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `uid=${link.uid}&token=${link.token}`,
    });
    expect(res.status).toBe(403);
  });

  it('a login (which sets last_login) then makes the link invalid', async () => {
    expect((await post(t, '/auth/token/login/', { username: 'ina', password: STRONG })).status).toBe(200);
    expect((await post(t, ACTIVATION, { uid: link.uid, token: link.token })).text).toBe('{"token":["Invalid token for given user."]}');
  });

  describe('resend_activation (Djoser ≥ 2.2.1: 204 for unknown or active addresses)', () => {
    it.each([
      ['empty', {}, '{"email":["This field is required."]}'],
      ['blank', { email: '' }, '{"email":["This field may not be blank."]}'],
      ['not an e-mail', { email: 'nope' }, '{"email":["Enter a valid email address."]}'],
    ])('%s → 400', async (_name, body, expected) => {
      const res = await post(t, RESEND, body);
      expect(res.status).toBe(400);
      expect(res.text).toBe(expected);
    });

    it('mails a new link to an inactive user with a usable password', async () => {
      const user = await createUser(t, { username: 'later', isActive: false });
      const before = (await mails(t)).length;
      const res = await post(t, RESEND, { email: 'later@example.com' });
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      const sent = await mailsSince(t, before);
      expect(sent.map((m) => [m.kind, m.to, m.uid])).toEqual([['activation', 'later@example.com', encodeUid(user.id)]]);
      expect((await post(t, ACTIVATION, { uid: sent[0].uid, token: sent[0].token })).status).toBe(204);
    });

    it('answers 204 and mails nothing for an unknown, active, or password-less user', async () => {
      await createUser(t, { username: 'nopass', isActive: false, password: '!' });
      const before = (await mails(t)).length;
      for (const email of ['who@example.com', 'ina@example.com', 'nopass@example.com', 'INA@example.com']) {
        const res = await post(t, RESEND, { email });
        expect(res.status).toBe(204);
      }
      expect(await mailsSince(t, before)).toEqual([]);
    });

    it('mails every inactive user sharing the address (Djoser: 500)', async () => {
      const a = await createUser(t, { username: 'twin1', email: 'twins@example.com', isActive: false });
      const b = await createUser(t, { username: 'twin2', email: 'twins@example.com', isActive: false });
      const before = (await mails(t)).length;
      expect((await post(t, RESEND, { email: 'twins@example.com' })).status).toBe(204);
      expect((await mailsSince(t, before)).map((m) => m.uid)).toEqual([encodeUid(a.id), encodeUid(b.id)]);
    });
  });
});

describe('activation mails off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startUsersApp({ DJOSER_SEND_CONFIRMATION_EMAIL: 'true' });
  });
  afterAll(() => t.close());

  it('register creates an active user and sends the confirmation mail', async () => {
    const res = await post(t, '/auth/users/', { username: 'cora', password: STRONG, email: 'cora@example.com' });
    expect(res.status).toBe(201);
    expect((await findUser(t, 1))!.isActive).toBe(true);
    expect((await mails(t)).map((m) => [m.kind, m.to])).toEqual([['confirmation', 'cora@example.com']]);
  });

  it('a user without e-mail gets no mail', async () => {
    const before = (await mails(t)).length;
    expect((await post(t, '/auth/users/', { username: 'nomail', password: STRONG })).status).toBe(201);
    expect(await mailsSince(t, before)).toEqual([]);
  });

  it('resend_activation answers 400 with an empty body (no Content-Type), after validating the field', async () => {
    await createUser(t, { username: 'idle', isActive: false });
    const res = await post(t, RESEND, { email: 'idle@example.com' });
    expect(res.status).toBe(400);
    expect(res.text).toBe('');
    expect(res.headers.get('content-type')).toBeNull();
    expect(res.headers.get('content-length')).toBe('0');
    expect((await post(t, RESEND, { email: 'bad' })).text).toBe('{"email":["Enter a valid email address."]}');
  });
});

describe('SHOW_EMAIL_NOT_FOUND (either flag; Djoser ORs them)', () => {
  it.each(['DJOSER_PASSWORD_RESET_SHOW_EMAIL_NOT_FOUND', 'DJOSER_USERNAME_RESET_SHOW_EMAIL_NOT_FOUND'])(
    '%s: resend_activation answers the bare list for unknown and active users (recorded from djoser-ref)',
    async (flag) => {
      const t = await startUsersApp({ DJOSER_SEND_ACTIVATION_EMAIL: 'true', [flag]: 'true' });
      try {
        await createUser(t, { username: 'active' });
        for (const email of ['who@example.com', 'active@example.com']) {
          const res = await post(t, RESEND, { email });
          expect(res.status).toBe(400);
          expect(res.text).toBe('["User with given email does not exist."]');
        }
      } finally {
        await t.close();
      }
    },
  );
});
