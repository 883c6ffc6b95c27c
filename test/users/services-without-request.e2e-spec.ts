import { EventEmitter2 } from '@nestjs/event-emitter';
import { createUser, postJson } from '../auth/auth-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { MailService } from '../../src/mail/mail.service';
import { USER_EVENTS, type UserEvent } from '../../src/users/user-events';
import { PasswordService } from '../../src/users/password.service';
import { UsersService } from '../../src/users/users.service';
import { ValidationError } from '../../src/drf/exceptions';

const PASSWORD = 'Alice-Pass-123';

/**
 * The services take what they need (the user, the validated data, the request's host and
 * scheme), never the HTTP request (issue 21): a script or the CLI calls them as the views do.
 */
describe('services called without an HTTP request (issue 21)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DJOSER_PASSWORD_CHANGED_EMAIL_CONFIRMATION: 'true', DJOSER_LOGOUT_ON_PASSWORD_CHANGE: 'true' });
  });
  afterAll(() => t.close());

  it('set_password: the user and the data; the mail links use the given host; user_logged_out carries the context', async () => {
    const alice = await createUser(t, { username: 'alice', password: PASSWORD, email: 'alice@example.com' });
    const events: UserEvent[] = [];
    t.app.get(EventEmitter2).on(USER_EVENTS.loggedOut, (e: UserEvent) => events.push(e));
    const ctx = { host: 'cli.example.org', secure: true };
    await t.app.get(PasswordService).setPassword(alice, { new_password: 'Brand-New-Pass-456', current_password: PASSWORD }, ctx);

    const login = await postJson(t, '/auth/jwt/create/', { username: 'alice', password: 'Brand-New-Pass-456' });
    expect(login.status).toBe(200);
    const mail = t.app.get(MailService);
    await mail.flush();
    expect(mail.deliveredRequests().at(-1)).toMatchObject({ kind: 'password_changed_confirmation', to: 'alice@example.com', request: ctx });
    expect(events).toEqual([{ user: expect.objectContaining({ id: alice.id }), request: ctx }]);
  });

  it('a wrong current_password is the serializer error, and nothing changes', async () => {
    const bob = await createUser(t, { username: 'bob', password: PASSWORD });
    await expect(t.app.get(PasswordService).setPassword(bob, { new_password: 'Brand-New-Pass-456', current_password: 'nope' }, { host: 'x', secure: false })).rejects.toEqual(
      expect.objectContaining({ status: 400, data: { current_password: ['Invalid password.'] } }),
    );
    await expect(t.app.get(PasswordService).setPassword(bob, { new_password: 'Brand-New-Pass-456', current_password: 'nope' }, { host: 'x', secure: false })).rejects.toBeInstanceOf(ValidationError);
    expect((await postJson(t, '/auth/jwt/create/', { username: 'bob', password: PASSWORD })).status).toBe(200);
  });

  it('users list and object permission: the requesting user, no request', async () => {
    const carol = await createUser(t, { username: 'carol', password: PASSWORD });
    const users = t.app.get(UsersService);
    expect((await users.list(carol)).map((u) => u.username)).toEqual(['carol']); // HIDE_USERS: only oneself
    await expect(users.target(carol, '1', 'retrieve')).rejects.toEqual(expect.objectContaining({ status: 404 }));
    expect((await users.target(carol, String(carol.id), 'retrieve')).username).toBe('carol');
  });
});
