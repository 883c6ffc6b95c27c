import { USER_EVENTS, type UserEvent } from '../../src/users/user-events';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { TestApp } from '../support/test-app';
import { createUser, findUser, mails, post, startUsersApp, STRONG } from './users-support';

const USERS = '/auth/users/';

/**
 * POST users/ (spec §3.1). Expected bodies are the spec's captures or, where it is silent,
 * recorded from djoser-ref (activation and confirmation mails off, admin = id 1).
 */
describe('POST /auth/users/ (register)', () => {
  let t: TestApp;
  const registered: UserEvent[] = [];
  beforeAll(async () => {
    t = await startUsersApp();
    t.app.get(EventEmitter2).on(USER_EVENTS.registered, (e: UserEvent) => registered.push(e));
    await createUser(t, { username: 'admin', isStaff: true }); // id 1, as the reference's seed
  });
  afterAll(() => t.close());

  it.each([
    ['empty body', {}, '{"username":["This field is required."],"password":["This field is required."]}'],
    ['blanks', { email: '', username: '', password: '' }, '{"username":["This field may not be blank."],"password":["This field may not be blank."]}'],
    [
      'nulls',
      { email: null, username: null, password: null },
      '{"email":["This field may not be null."],"username":["This field may not be null."],"password":["This field may not be null."]}',
    ],
    [
      'bad e-mail and username (validators not run)',
      { email: 'not-an-email', username: 'bad name!', password: STRONG },
      '{"email":["Enter a valid email address."],"username":["Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters."]}',
    ],
    [
      '151 characters with "!"',
      { username: `${'u'.repeat(150)}!`, password: STRONG },
      '{"username":["Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.","Ensure this field has no more than 150 characters."]}',
    ],
    [
      'e-mail over 254 characters',
      { email: `${'a'.repeat(243)}@example.com`, username: 'longmail', password: STRONG },
      '{"email":["Ensure this field has no more than 254 characters."]}',
    ],
    [
      'short and common password',
      { email: 'a@b.co', username: 'weak1', password: 'abc123' },
      '{"password":["This password is too short. It must contain at least 8 characters.","This password is too common."]}',
    ],
    [
      'common and numeric password',
      { email: 'a@b.co', username: 'weak2', password: '12345678' },
      '{"password":["This password is too common.","This password is entirely numeric."]}',
    ],
    [
      'password similar to the username',
      { email: 'a@b.co', username: 'similaruser', password: 'similaruser1' },
      '{"password":["The password is too similar to the username."]}',
    ],
    [
      'wrong types (recorded from djoser-ref)',
      { username: ['a'], password: { x: 1 }, email: true },
      '{"email":["Enter a valid email address."],"username":["Not a valid string."],"password":["Not a valid string."]}',
    ],
    [
      'a NUL in the username (recorded from djoser-ref; PostgreSQL cannot even look it up)',
      { email: 'n@example.com', username: 'nul\u0000l', password: STRONG },
      '{"username":["Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.","Null characters are not allowed."]}',
    ],
    ['a list body', [1, 2], '{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}'],
    ['a null body', null, '{"non_field_errors":["No data provided"]}'],
  ])('%s → 400', async (_name, body, expected) => {
    const res = await post(t, USERS, body);
    expect(res.status).toBe(400);
    expect(res.text).toBe(expected);
    expect(res.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
  });

  it('creates the user: 201, Django normalisation, hashed password, no Location, signal', async () => {
    const res = await post(t, USERS, { email: 'Kate@EXAMPLE.COM', username: 'kate', password: STRONG, is_staff: true, id: 77 });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.text).toBe('{"email":"Kate@example.com","username":"kate","id":2}');
    const user = (await findUser(t, 2))!;
    expect(user).toMatchObject({ username: 'kate', email: 'Kate@example.com', isActive: true, isStaff: false, isSuperuser: false, lastLogin: null });
    expect(user.password).toMatch(/^argon2\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    expect(registered.map((e) => e.user.username)).toContain('kate');
    expect(await mails(t)).toEqual([]); // neither activation nor confirmation mail is on
  });

  it('answers the e-mail as "" when omitted and ignores unknown keys (recorded from djoser-ref)', async () => {
    const res = await post(t, USERS, { username: 'jim', password: STRONG, csrftoken: 'x' });
    expect(res.status).toBe(201);
    expect(res.text).toMatch(/^\{"email":"","username":"jim","id":\d+\}$/);
  });

  it('coerces numbers to strings (spec Appendix A)', async () => {
    const res = await post(t, USERS, { username: 123, password: 12345678.5, email: 'a@b.co' });
    expect(res.status).toBe(201);
    expect(res.text).toMatch(/^\{"email":"a@b.co","username":"123","id":\d+\}$/);
  });

  it('renders non-ASCII as raw UTF-8 (spec Appendix A)', async () => {
    const res = await post(t, USERS, { username: 'ünïcødé', password: STRONG, email: 'u@example.com' });
    expect(res.text).toMatch(/^\{"email":"u@example.com","username":"ünïcødé","id":\d+\}$/);
  });

  it('trims every CharField, passwords included (spec §1.4)', async () => {
    const res = await post(t, USERS, { username: '  trim  ', password: `  ${STRONG}  `, email: '  t@example.com  ' });
    expect(res.text).toMatch(/^\{"email":"t@example.com","username":"trim","id":\d+\}$/);
    const created = JSON.parse(res.text) as { id: number };
    expect(res.status).toBe(201);
    expect((await post(t, '/auth/token/login/', { username: 'trim', password: STRONG })).status).toBe(200);
    expect(created.id).toBeGreaterThan(2);
  });

  it('accepts a form body', async () => {
    const res = await fetch(`${t.url}${USERS}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'formuser', password: STRONG, email: 'f@example.com' }).toString(),
    });
    expect(res.status).toBe(201);
    expect(await res.text()).toMatch(/^\{"email":"f@example.com","username":"formuser","id":\d+\}$/);
  });

  describe('an existing username', () => {
    beforeAll(() => createUser(t, { username: 'john' }));

    it('is the unique error, even with a weak password (field errors come first)', async () => {
      for (const password of [STRONG, '123']) {
        const res = await post(t, USERS, { email: 'x@example.com', username: 'john', password });
        expect(res.status).toBe(400);
        expect(res.text).toBe('{"username":["A user with that username already exists."]}');
      }
    });

    it('is case-sensitive, as on PostgreSQL', async () => {
      expect((await post(t, USERS, { username: 'JOHN', password: STRONG })).status).toBe(201);
    });

    // Djoser answers ["Unable to create account."] (the IntegrityError of the NFKC-normalised
    // name): we answer the unique message (COMPAT.md). The validators still run first.
    it('an NFKC-equal name gets the unique message instead of a bare list', async () => {
      const weak = await post(t, USERS, { email: 'x@example.com', username: 'ｊｏｈｎ', password: '12345678' });
      expect(weak.text).toBe('{"password":["This password is too common.","This password is entirely numeric."]}');
      const res = await post(t, USERS, { email: 'x@example.com', username: 'ｊｏｈｎ', password: STRONG });
      expect(res.status).toBe(400);
      expect(res.text).toBe('{"username":["A user with that username already exists."]}');
    });
  });

  it('a stale Authorization header fails even this AllowAny endpoint (spec §1.2)', async () => {
    const res = await post(t, USERS, { username: 'stale', password: STRONG }, 'Token 0123456789abcdef0123456789abcdef01234567');
    expect(res.status).toBe(401);
    expect(res.text).toBe('{"detail":"Invalid token."}');
  });
});

describe('POST /auth/users/ with USER_CREATE_PASSWORD_RETYPE', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startUsersApp({ DJOSER_USER_CREATE_PASSWORD_RETYPE: 'true' });
  });
  afterAll(() => t.close());

  it.each([
    ['re_password missing', { username: 'r1', password: STRONG }, '{"re_password":["This field is required."]}'],
    ['mismatch', { username: 'r2', password: STRONG, re_password: 'other' }, `{"non_field_errors":["The two password fields didn't match."]}`],
    [
      'weak and mismatched: only the password error',
      { username: 'r3', password: 'Xq7#zz', re_password: 'abd' },
      '{"password":["This password is too short. It must contain at least 8 characters."]}',
    ],
    ['empty', {}, '{"username":["This field is required."],"password":["This field is required."],"re_password":["This field is required."]}'],
  ])('%s → 400', async (_name, body, expected) => {
    const res = await post(t, USERS, body);
    expect(res.status).toBe(400);
    expect(res.text).toBe(expected);
  });

  it('creates when both match (after trimming)', async () => {
    const res = await post(t, USERS, { username: 'r4', password: STRONG, re_password: ` ${STRONG} ` });
    expect(res.status).toBe(201);
    expect(res.text).toBe('{"email":"","username":"r4","id":1}');
  });
});
