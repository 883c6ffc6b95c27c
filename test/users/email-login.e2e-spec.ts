import type { TestApp } from '../support/test-app';
import { call, createUser, findUser, login, mails, mailsSince, post, startUsersApp, STRONG } from './users-support';

const UNIQUE = '{"email":["user with this email address already exists."]}';
const RENDERS_PARSES =
  '"renders":["application/json","text/html"],"parses":["application/json","application/x-www-form-urlencoded","multipart/form-data"]';

/**
 * DJOSER_LOGIN_FIELD=email: the stock auth_user table used as an email-as-username model
 * (USERNAME_FIELD = EMAIL_FIELD = "email"). Djoser 2.1 answers 500 to register and
 * set_username here (spec §4, §11.10); these answers are ours (COMPAT.md), with Djoser's
 * shapes: `{"email","id"}` users, `set_email/` paths, `new_email` fields, Django's unique text.
 * (One login field per process: the routes follow it, hence this separate file.)
 */
describe('LOGIN_FIELD=email', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startUsersApp({
      DJOSER_LOGIN_FIELD: 'email',
      DJOSER_SEND_ACTIVATION_EMAIL: 'true',
      DJOSER_USERNAME_CHANGED_EMAIL_CONFIRMATION: 'true',
    });
  });
  afterAll(() => t.close());

  let kate: string;

  it('registration requires the e-mail and answers {"email","id"}', async () => {
    const empty = await post(t, '/auth/users/', {});
    expect(empty.status).toBe(400);
    expect(empty.text).toBe('{"email":["This field is required."],"password":["This field is required."]}');
    expect((await post(t, '/auth/users/', { email: '', password: STRONG })).text).toBe('{"email":["This field may not be blank."]}');
    const res = await post(t, '/auth/users/', { email: 'Kate@EXAMPLE.COM', password: STRONG, username: 'ignored' });
    expect(res.status).toBe(201);
    expect(res.text).toBe('{"email":"Kate@example.com","id":1}');
    expect((await findUser(t, 1))!.username).toBe('Kate@example.com');
  });

  it('e-mails are unique regardless of case', async () => {
    for (const email of ['kate@example.com', 'KATE@EXAMPLE.COM', 'Kate@Example.com']) {
      const res = await post(t, '/auth/users/', { email, password: STRONG });
      expect(res.status).toBe(400);
      expect(res.text).toBe(UNIQUE);
    }
  });

  it('activation, then login with the e-mail in any case', async () => {
    const [mail] = await mails(t);
    expect([mail.kind, mail.to, mail.user.username]).toEqual(['activation', 'Kate@example.com', 'Kate@example.com']);
    expect((await post(t, '/auth/users/activation/', { uid: mail.uid, token: mail.token })).status).toBe(204);
    kate = await login(t, 'kate@EXAMPLE.com', STRONG, 'email');
  });

  it('users/me is {"email","id"}; the e-mail is read-only there', async () => {
    expect((await call(t, 'GET', '/auth/users/me/', { auth: kate })).text).toBe('{"email":"Kate@example.com","id":1}');
    const patch = await call(t, 'PATCH', '/auth/users/me/', { json: { email: 'other@example.com' }, auth: kate });
    expect(patch.status).toBe(200);
    expect(patch.text).toBe('{"email":"Kate@example.com","id":1}');
  });

  it('OPTIONS describes the read-only e-mail', async () => {
    const res = await call(t, 'OPTIONS', '/auth/users/set_email/', { auth: kate });
    expect(res.text).toBe(
      `{"name":"Set username","description":"",${RENDERS_PARSES},"actions":{"POST":{"email":{"type":"email","required":false,"read_only":true,"label":"Email address"},"id":{"type":"integer","required":false,"read_only":true,"label":"ID"}}}}`,
    );
  });

  it('the username action paths follow the login field', async () => {
    expect((await call(t, 'POST', '/auth/users/set_username/', { json: {}, auth: kate })).status).toBe(405);
    expect((await call(t, 'GET', '/auth/users/reset_username/', { auth: kate })).status).toBe(404);
    expect((await call(t, 'POST', '/auth/users/reset_email/', { json: {} })).text).toBe('{"email":["This field is required."]}');
  });

  it('set_email: current_password, new_email (unique regardless of case), confirmation to the new address', async () => {
    await createUser(t, { username: 'taken@example.com', email: 'taken@example.com' });
    expect((await post(t, '/auth/users/set_email/', {}, kate)).text).toBe(
      '{"current_password":["This field is required."],"new_email":["This field is required."]}',
    );
    expect((await post(t, '/auth/users/set_email/', { current_password: STRONG, new_email: 'TAKEN@example.com' }, kate)).text).toBe(
      '{"new_email":["user with this email address already exists."]}',
    );
    expect((await post(t, '/auth/users/set_email/', { current_password: STRONG, new_email: 'nope' }, kate)).text).toBe(
      '{"new_email":["Enter a valid email address."]}',
    );
    const before = (await mails(t)).length;
    expect((await post(t, '/auth/users/set_email/', { current_password: STRONG, new_email: 'kate.new@example.com' }, kate)).status).toBe(204);
    expect((await findUser(t, 1))).toMatchObject({ email: 'kate.new@example.com', username: 'kate.new@example.com' });
    expect((await mailsSince(t, before)).map((m) => [m.kind, m.to])).toEqual([['username_changed_confirmation', 'kate.new@example.com']]);
    expect((await post(t, '/auth/token/login/', { email: 'kate.new@example.com', password: STRONG })).status).toBe(200);
  });

  it('reset_email / reset_email_confirm, matching the address regardless of case', async () => {
    const before = (await mails(t)).length;
    expect((await post(t, '/auth/users/reset_email/', { email: 'KATE.NEW@example.com' })).status).toBe(204);
    const [mail] = await mailsSince(t, before);
    expect([mail.kind, mail.to, mail.uid, mail.user.username]).toEqual(['username_reset', 'kate.new@example.com', 'MQ', 'kate.new@example.com']);
    expect((await post(t, '/auth/users/reset_email_confirm/', {})).text).toBe('{"new_email":["This field is required."]}');
    expect((await post(t, '/auth/users/reset_email_confirm/', { uid: mail.uid, token: mail.token, new_email: 'Taken@Example.com' })).text).toBe(
      '{"new_email":["user with this email address already exists."]}',
    );
    const res = await post(t, '/auth/users/reset_email_confirm/', { uid: mail.uid, token: mail.token, new_email: 'kate3@example.com' });
    expect(res.status).toBe(204);
    expect((await findUser(t, 1))!.email).toBe('kate3@example.com');
  });

  it('reset_password matches the address regardless of case', async () => {
    const before = (await mails(t)).length;
    expect((await post(t, '/auth/users/reset_password/', { email: 'KATE3@EXAMPLE.COM' })).status).toBe(204);
    expect((await mailsSince(t, before)).map((m) => [m.kind, m.to])).toEqual([['password_reset', 'kate3@example.com']]);
  });

  it('parallel registrations of one address in different cases: exactly one 201', async () => {
    const spellings = Array.from({ length: 20 }, (_, i) => (i % 2 ? 'Racer@Example.com' : `RACER@example.${i % 4 ? 'COM' : 'com'}`));
    const answers = await Promise.all(spellings.map((email) => post(t, '/auth/users/', { email, password: STRONG })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 201).map((a) => a.text)).toEqual(Array(19).fill(UNIQUE));
  });
});

describe('LOGIN_FIELD=email with SET_USERNAME_RETYPE and USERNAME_RESET_CONFIRM_RETYPE', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startUsersApp({ DJOSER_LOGIN_FIELD: 'email', DJOSER_SET_USERNAME_RETYPE: 'true', DJOSER_USERNAME_RESET_CONFIRM_RETYPE: 'true' });
    await createUser(t, { username: 'ann@example.com', email: 'ann@example.com' });
  });
  afterAll(() => t.close());

  it('names the retype field re_new_email and the mismatch after the login field', async () => {
    const ann = await login(t, 'ann@example.com', STRONG, 'email');
    expect((await post(t, '/auth/users/set_email/', { current_password: STRONG, new_email: 'a@example.com', re_new_email: 'b@example.com' }, ann)).text).toBe(
      `{"non_field_errors":["The two email fields didn't match."]}`,
    );
    expect((await post(t, '/auth/users/reset_email_confirm/', {})).text).toBe(
      '{"new_email":["This field is required."],"re_new_email":["This field is required."]}',
    );
  });
});
