import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { signHs256 } from '../auth/auth-fixtures';
import type { TestApp } from '../support/test-app';
import { call, mailsSince, mails, post, STRONG, startUsersApp } from './users-support';

jest.setTimeout(120_000);

/**
 * djoser-ref's custom user with a uuid primary key (`id = UUIDField(primary_key=True, default=uuid.uuid4)`):
 * our migrations create the table with a uuid key (made by the application, as Django does), the
 * token tables point at it with uuid columns; ids are strings in answers (DRF's UUIDField) and in
 * the access token (`str(user.pk)`, SimpleJWT 5.2 and 5.5 alike); uids are
 * `urlsafe_base64_encode(str(pk))`. Text that is no uuid: Djoser's uid lookup raises Django's
 * ValidationError, which DRF's `run_validation` answers as `non_field_errors`; `users/{id}/` is a 404.
 * Those answers and the token's `str(pk)` were printed by Djoser's ActivationSerializer and SimpleJWT's
 * RefreshToken.for_user on such a model, with Django 3.2 / Djoser 2.1 / SimpleJWT 5.2 and
 * Django 5.2 / Djoser 2.3 / SimpleJWT 5.5 (djoser-ref's two stacks).
 */
const MODEL = JSON.parse(readFileSync(join(__dirname, '../conformance/fixtures/custom-user-model.json'), 'utf8')) as { pk: Record<string, string> };
MODEL.pk.type = 'uuid';
const MODEL_FILE = join(mkdtempSync(join(tmpdir(), 'nest-djoser-model-')), 'user-model.json');
writeFileSync(MODEL_FILE, JSON.stringify(MODEL));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const b64 = (s: string) => Buffer.from(s).toString('base64url');

describe('a described user model with a uuid primary key', () => {
  let t: TestApp;
  let id: string;
  let access: string;

  beforeAll(async () => {
    t = await startUsersApp({ AUTH_USER_MODEL_FILE: MODEL_FILE, DJOSER_SEND_ACTIVATION_EMAIL: 'true', COMPAT_STACK: 'current' });
  });
  afterAll(() => t?.close());

  it('migrations create accounts_user with a uuid key and uuid user_id columns', async () => {
    const types = await t.app
      .get(DataSource)
      .query(
        `SELECT table_name, column_name, data_type, column_default FROM information_schema.columns WHERE (table_name = 'accounts_user' AND column_name = 'id') OR (column_name = 'user_id' AND table_name IN ('authtoken_token', 'token_blacklist_outstandingtoken')) ORDER BY table_name`,
      );
    expect(types.map((r: Record<string, string | null>) => [r.table_name, r.data_type, r.column_default])).toEqual([
      ['accounts_user', 'uuid', null],
      ['authtoken_token', 'uuid', null],
      ['token_blacklist_outstandingtoken', 'uuid', null],
    ]);
  });

  it('registration answers the uuid id; the activation uid is urlsafe_base64(str(pk))', async () => {
    const before = (await mails(t)).length;
    const res = await post(t, '/auth/users/', { email: 'uma@example.com', first_name: 'Uma', password: STRONG });
    expect(res.status).toBe(201);
    id = JSON.parse(res.text).id;
    expect(id).toMatch(UUID);
    expect(res.text).toBe(`{"first_name":"Uma","email":"uma@example.com","id":"${id}"}`);
    const [mail] = await mailsSince(t, before);
    expect(mail.uid).toBe(b64(id));
    expect((await post(t, '/auth/users/activation/', { uid: mail.uid, token: mail.token })).status).toBe(204);
  });

  it("jwt/create: the token's user_id is the uuid string; users/me/, users/{id}/ and DRF tokens find the user", async () => {
    const res = await post(t, '/auth/jwt/create/', { email: 'uma@example.com', password: STRONG });
    expect(res.status).toBe(200);
    access = JSON.parse(res.text).access;
    expect(JSON.parse(Buffer.from(access.split('.')[1], 'base64url').toString()).user_id).toBe(id);
    const me = await call(t, 'GET', '/auth/users/me/', { auth: `Bearer ${access}` });
    expect(me.text).toBe(`{"first_name":"Uma","id":"${id}","email":"uma@example.com"}`);
    expect((await call(t, 'GET', `/auth/users/${id}/`, { auth: `Bearer ${access}` })).status).toBe(200);
    expect((await call(t, 'GET', `/auth/users/${id.toUpperCase().replace(/-/g, '')}/`, { auth: `Bearer ${access}` })).status).toBe(200);
    const login = await post(t, '/auth/token/login/', { email: 'uma@example.com', password: STRONG });
    const token = JSON.parse(login.text).auth_token;
    expect((await call(t, 'GET', '/auth/users/me/', { auth: `Token ${token}` })).status).toBe(200);
    expect((await call(t, 'POST', '/auth/token/logout/', { auth: `Token ${token}` })).status).toBe(204);
    const refresh = JSON.parse(res.text).refresh;
    expect((await post(t, '/auth/jwt/refresh/', { refresh })).status).toBe(200);
  });

  it('a reset link works with the uuid uid', async () => {
    const before = (await mails(t)).length;
    expect((await post(t, '/auth/users/reset_password/', { email: 'uma@example.com' })).status).toBe(204);
    const [mail] = await mailsSince(t, before);
    expect(mail.uid).toBe(b64(id));
    expect((await post(t, '/auth/users/reset_password_confirm/', { uid: mail.uid, token: mail.token, new_password: 'An0ther-Passw0rd!' })).status).toBe(204);
  });

  it.each([
    ['text that is no uuid', b64('12'), 400, '{"non_field_errors":["“12” is not a valid UUID."]}'],
    ['a uuid nobody has', b64('00000000-0000-4000-8000-000000000000'), 400, '{"uid":["Invalid user id or user doesn\'t exist."]}'],
    ['a uid whose bytes are not UTF-8', Buffer.from([0xff]).toString('base64url'), 400, '{"uid":["Invalid user id or user doesn\'t exist."]}'],
    ['a uid that decodes to nothing (Django: "" is no uuid either)', '%%%', 400, '{"non_field_errors":["“” is not a valid UUID."]}'],
  ])('activation with %s: Djoser’s answer, never a 500', async (_, uid, status, text) => {
    const res = await post(t, '/auth/users/activation/', { uid, token: 'x' });
    expect({ status: res.status, text: res.text }).toEqual({ status, text });
  });

  it('users/<not a uuid>/ is a 404; a token whose user_id is no uuid is "User not found"', async () => {
    const bad = await call(t, 'GET', '/auth/users/12/', { auth: `Bearer ${access}` });
    expect(bad.status).toBe(404);
    const now = Math.floor(Date.now() / 1000);
    const forged = signHs256({ token_type: 'access', exp: now + 60, iat: now, jti: 'f'.repeat(32), user_id: '12' }, t.settings.simpleJwt.signingKey);
    const res = await call(t, 'GET', '/auth/users/me/', { auth: `Bearer ${forged}` });
    expect({ status: res.status, text: res.text }).toEqual({ status: 401, text: '{"detail":"User not found","code":"user_not_found"}' });
  });
});
