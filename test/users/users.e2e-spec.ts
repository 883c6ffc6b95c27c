import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { USER_EVENTS, type UserEvent } from '../../src/users/user-events';
import type { TestApp } from '../support/test-app';
import { call, createUser, FORBIDDEN, findUser, login, mails, mailsSince, NOT_FOUND, startUsersApp, STRONG, UNAUTHENTICATED } from './users-support';

const ADMIN = '{"email":"admin@example.com","id":1,"username":"admin"}';
const ALICE = '{"email":"alice@example.com","id":2,"username":"alice"}';
const BOB = '{"email":"bob@example.com","id":3,"username":"bob"}';

/** admin (staff, 1), alice (2), bob (3), as in the reference transcripts. */
async function seed(t: TestApp): Promise<{ staff: string; alice: string }> {
  await createUser(t, { username: 'admin', isStaff: true });
  await createUser(t, { username: 'alice' });
  await createUser(t, { username: 'bob' });
  return { staff: await login(t, 'admin'), alice: await login(t, 'alice') };
}

/** users/, users/{id}/, users/me/ (spec §2.1, §3.2–§3.4), HIDE_USERS on (the default). */
describe('users with HIDE_USERS on', () => {
  let t: TestApp;
  let staff: string;
  let alice: string;
  beforeAll(async () => {
    t = await startUsersApp();
    ({ staff, alice } = await seed(t));
  });
  afterAll(() => t.close());

  it('anonymous requests are 401 with WWW-Authenticate (spec Appendix A)', async () => {
    for (const [method, path] of [
      ['GET', '/auth/users/'],
      ['GET', '/auth/users/2/'],
      ['GET', '/auth/users/me/'],
      ['PATCH', '/auth/users/me/'],
      ['DELETE', '/auth/users/2/'],
    ]) {
      const res = await call(t, method, path);
      expect(res.status).toBe(401);
      expect(res.text).toBe(UNAUTHENTICATED);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    }
  });

  it('a user lists only itself; staff lists everyone (bare array, pk order)', async () => {
    expect((await call(t, 'GET', '/auth/users/', { auth: alice })).text).toBe(`[${ALICE}]`);
    expect((await call(t, 'GET', '/auth/users/?page=2&limit=1', { auth: staff })).text).toBe(`[${ADMIN},${ALICE},${BOB}]`);
  });

  it('retrieve: own 200; another user 404 (hidden); missing or non-numeric 404; staff sees anyone', async () => {
    expect((await call(t, 'GET', '/auth/users/2/', { auth: alice })).text).toBe(ALICE);
    for (const path of ['/auth/users/3/', '/auth/users/99/', '/auth/users/abc/', '/auth/users/99999999999/']) {
      const res = await call(t, 'GET', path, { auth: alice });
      expect(res.status).toBe(404);
      expect(res.text).toBe(NOT_FOUND);
    }
    expect((await call(t, 'GET', '/auth/users/3/', { auth: staff })).text).toBe(BOB);
  });

  it('the id is parsed as Python int() parses it (recorded from djoser-ref)', async () => {
    expect((await call(t, 'GET', '/auth/users/%D9%A2/', { auth: alice })).text).toBe(ALICE); // Arabic-Indic 2
    expect((await call(t, 'GET', '/auth/users/%202/', { auth: alice })).text).toBe(ALICE);
    expect((await call(t, 'GET', '/auth/users/02/', { auth: alice })).text).toBe(ALICE);
  });

  it('update of another user is 404 (hidden), destroy is 403, before the body is read', async () => {
    for (const method of ['PUT', 'PATCH']) {
      const res = await call(t, method, '/auth/users/3/', { json: '{bad', auth: alice });
      expect(res.status).toBe(404);
      expect(res.text).toBe(NOT_FOUND);
    }
    const del = await call(t, 'DELETE', '/auth/users/3/', { json: '{bad', auth: alice });
    expect(del.status).toBe(403);
    expect(del.text).toBe(FORBIDDEN);
  });

  it('GET users/me/ is the requester', async () => {
    const res = await call(t, 'GET', '/auth/users/me/', { auth: alice });
    expect(res.status).toBe(200);
    expect(res.text).toBe(ALICE);
    expect(res.headers.get('allow')).toBe('GET, PUT, PATCH, DELETE, HEAD, OPTIONS');
    expect(res.headers.get('vary')).toBe('Accept');
  });

  it('PATCH/PUT write only the e-mail; username and id are ignored; PUT {} is valid (recorded from djoser-ref)', async () => {
    const updated: UserEvent[] = [];
    t.app.get(EventEmitter2).on(USER_EVENTS.updated, (e: UserEvent) => updated.push(e));
    const patch = await call(t, 'PATCH', '/auth/users/me/', { json: { email: 'alice2@example.com', username: 'zzz', id: 99 }, auth: alice });
    expect(patch.status).toBe(200);
    expect(patch.text).toBe('{"email":"alice2@example.com","id":2,"username":"alice"}');
    const put = await call(t, 'PUT', '/auth/users/me/', { json: {}, auth: alice });
    expect(put.text).toBe('{"email":"alice2@example.com","id":2,"username":"alice"}');
    expect(updated.map((e) => e.user.email)).toEqual(['alice2@example.com', 'alice2@example.com']);
    const bad = await call(t, 'PUT', '/auth/users/2/', { json: { email: 'nope' }, auth: alice });
    expect(bad.status).toBe(400);
    expect(bad.text).toBe('{"email":["Enter a valid email address."]}');
    expect(await mails(t)).toEqual([]); // no activation mail when SEND_ACTIVATION_EMAIL is off
  });

  it('staff updates another user', async () => {
    const res = await call(t, 'PATCH', '/auth/users/3/', { json: { email: 'bob2@example.com', username: 'x' }, auth: staff });
    expect(res.status).toBe(200);
    expect(res.text).toBe('{"email":"bob2@example.com","id":3,"username":"bob"}');
  });

  it('DELETE needs the requester\'s current password (spec §3.3)', async () => {
    const missing = await call(t, 'DELETE', '/auth/users/me/', { json: {}, auth: alice });
    expect(missing.status).toBe(400);
    expect(missing.text).toBe('{"current_password":["This field is required."]}');
    const wrong = await call(t, 'DELETE', '/auth/users/me/', { json: { current_password: 'x' }, auth: alice });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toBe('{"current_password":["Invalid password."]}');
    // a staff member deleting someone gives the staff's own password (recorded from djoser-ref)
    const staffWithBobs = await call(t, 'DELETE', '/auth/users/3/', { json: { current_password: 'wrong' }, auth: staff });
    expect(staffWithBobs.text).toBe('{"current_password":["Invalid password."]}');
  });

  it('staff deletes another user: 204, the user and its token are gone, the staff session stays', async () => {
    await login(t, 'bob');
    const res = await call(t, 'DELETE', '/auth/users/3/', { json: { current_password: STRONG }, auth: staff });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(await findUser(t, 3)).toBeNull();
    expect(await t.app.get(DataSource).query('SELECT 1 FROM authtoken_token WHERE user_id = 3')).toEqual([]);
    expect((await call(t, 'GET', '/auth/users/3/', { auth: staff })).status).toBe(404);
  });

  it('self-delete with a form body logs out (user_logged_out) and deletes', async () => {
    const loggedOut: UserEvent[] = [];
    t.app.get(EventEmitter2).on(USER_EVENTS.loggedOut, (e: UserEvent) => loggedOut.push(e));
    const res = await call(t, 'DELETE', '/auth/users/me/', { form: { current_password: STRONG }, auth: alice });
    expect(res.status).toBe(204);
    expect(loggedOut.map((e) => e.user.id)).toEqual([2]);
    const after = await call(t, 'GET', '/auth/users/me/', { auth: alice });
    expect(after.status).toBe(401);
    expect(after.text).toBe('{"detail":"Invalid token."}');
    expect((await call(t, 'GET', '/auth/users/', { auth: staff })).text).toBe(`[${ADMIN}]`);
  });

  it('deleting a user whose refresh tokens are recorded keeps the outstanding rows (user NULL)', async () => {
    const carl = await createUser(t, { username: 'carl' });
    const jwt = await call(t, 'POST', '/auth/jwt/create/', { json: { username: 'carl', password: STRONG } });
    expect(jwt.status).toBe(200);
    const { access } = JSON.parse(jwt.text) as { access: string };
    const res = await call(t, 'DELETE', '/auth/users/me/', { json: { current_password: STRONG }, auth: `Bearer ${access}` });
    expect(res.status).toBe(204);
    expect(await findUser(t, carl.id)).toBeNull();
  });
});

describe('users with HIDE_USERS off (recorded from djoser-ref)', () => {
  let t: TestApp;
  let alice: string;
  beforeAll(async () => {
    t = await startUsersApp({ DJOSER_HIDE_USERS: 'false' });
    ({ alice } = await seed(t));
  });
  afterAll(() => t.close());

  it('a user lists everyone', async () => {
    expect((await call(t, 'GET', '/auth/users/', { auth: alice })).text).toBe(`[${ADMIN},${ALICE},${BOB}]`);
  });

  it('another user is 403 for every action; a missing one is still 404', async () => {
    for (const [method, json] of [
      ['GET', undefined],
      ['PUT', {}],
      ['PATCH', {}],
      ['DELETE', { current_password: STRONG }],
    ] as const) {
      const res = await call(t, method, '/auth/users/3/', { json, auth: alice });
      expect(res.status).toBe(403);
      expect(res.text).toBe(FORBIDDEN);
    }
    expect((await call(t, 'GET', '/auth/users/99/', { auth: alice })).text).toBe(NOT_FOUND);
  });
});

describe('profile update with SEND_ACTIVATION_EMAIL (Djoser ≥ 2.2.0 semantics)', () => {
  let t: TestApp;
  let alice: string;
  beforeAll(async () => {
    t = await startUsersApp({ DJOSER_SEND_ACTIVATION_EMAIL: 'true' });
    ({ alice } = await seed(t));
  });
  afterAll(() => t.close());

  // Djoser 2.1 mails an activation link on every update (djoser#624); ≥ 2.2.0 only when inactive.
  it('an unchanged e-mail keeps the user active and sends nothing', async () => {
    const res = await call(t, 'PATCH', '/auth/users/me/', { json: { email: 'alice@example.com' }, auth: alice });
    expect(res.text).toBe(ALICE);
    expect(await mails(t)).toEqual([]);
  });

  it('a new e-mail deactivates the user and mails the activation link to the new address', async () => {
    const before = (await mails(t)).length;
    const res = await call(t, 'PATCH', '/auth/users/me/', { json: { email: 'alice2@example.com' }, auth: alice });
    expect(res.status).toBe(200);
    expect(res.text).toBe('{"email":"alice2@example.com","id":2,"username":"alice"}');
    expect((await findUser(t, 2))!.isActive).toBe(false);
    const sent = await mailsSince(t, before);
    expect(sent.map((m) => [m.kind, m.to, m.uid])).toEqual([['activation', 'alice2@example.com', 'Mg']]);
    // Djoser keeps the DRF token (401 "User inactive or deleted." until re-activation, then it
    // works again); ours is revoked with the deactivation (COMPAT.md)
    const after = await call(t, 'GET', '/auth/users/me/', { auth: alice });
    expect(after.status).toBe(401);
    expect(after.text).toBe('{"detail":"Invalid token."}');
    expect((await call(t, 'POST', '/auth/users/activation/', { json: { uid: sent[0].uid, token: sent[0].token } })).status).toBe(204);
    expect((await call(t, 'GET', '/auth/users/me/', { auth: alice })).status).toBe(401);
    expect((await call(t, 'GET', '/auth/users/me/', { auth: await login(t, 'alice') })).status).toBe(200);
  });
});

describe('DJOSER_USER_EXTRA_FIELDS=first_name,last_name', () => {
  let t: TestApp;
  let alice: string;
  beforeAll(async () => {
    t = await startUsersApp({ DJOSER_USER_EXTRA_FIELDS: 'first_name,last_name' });
    ({ alice } = await seed(t));
  });
  afterAll(() => t.close());

  it('reads and writes the names after Djoser\'s fields', async () => {
    const res = await call(t, 'PATCH', '/auth/users/me/', { json: { first_name: ' Alice ', last_name: 'Liddell' }, auth: alice });
    expect(res.text).toBe('{"email":"alice@example.com","id":2,"username":"alice","first_name":"Alice","last_name":"Liddell"}');
    const long = await call(t, 'PATCH', '/auth/users/me/', { json: { first_name: 'x'.repeat(151) }, auth: alice });
    expect(long.text).toBe('{"first_name":["Ensure this field has no more than 150 characters."]}');
  });

  it('registers with them and checks password similarity against them', async () => {
    const created = await call(t, 'POST', '/auth/users/', { json: { username: 'zed', password: STRONG, first_name: 'Zed' } });
    expect(created.text).toBe('{"email":"","username":"zed","id":4,"first_name":"Zed","last_name":""}');
    const similar = await call(t, 'POST', '/auth/users/', {
      json: { username: 'q1', password: 'Rosalind1!', first_name: 'Rosalind', last_name: 'Franklin' },
    });
    expect(similar.text).toBe('{"password":["The password is too similar to the first name."]}');
  });

  it('describes them in OPTIONS', async () => {
    const res = await call(t, 'OPTIONS', '/auth/users/me/', { auth: alice });
    expect(res.text).toContain(
      '"first_name":{"type":"string","required":false,"read_only":false,"label":"First name","max_length":150},"last_name":{"type":"string","required":false,"read_only":false,"label":"Last name","max_length":150}}}}',
    );
  });
});
