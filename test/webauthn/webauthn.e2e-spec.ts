import { checkConsistency } from '../support/db-consistency';
import { startTestApp, TestApp } from '../support/test-app';
import { createUser, db, get, postJson } from '../auth/auth-fixtures';
import { SoftAuthenticator } from './soft-authenticator';

const ORIGIN = 'http://localhost:5173';
const FAILED = '{"non_field_errors":"WebAuthn verification failed."}';
const INVALID = (field = 'username') => `{"${field}":["Unable to log in with provided credentials."]}`;

/**
 * djoser.webauthn's views (spec §9.2; the bodies are Djoser's texts read from its source, 2.3.x)
 * and ours (add a passkey, discoverable login), with a software authenticator. Every refusal
 * is a DRF-shaped 4xx and leaves no row behind.
 */
describe('passkeys (webauthn/)', () => {
  let t: TestApp;
  const auth = new SoftAuthenticator(ORIGIN, 'localhost');
  beforeAll(async () => {
    t = await startTestApp({ WEBAUTHN_RP_ID: 'localhost', WEBAUTHN_RP_NAME: 'Example', WEBAUTHN_ORIGIN: ORIGIN });
  });
  afterAll(() => t.close());
  afterEach(async () => expect(await checkConsistency(db(t))).toEqual([]));

  const count = async (sql: string, params: unknown[] = []) => Number(((await db(t).query(sql, params)) as Array<{ n: string }>)[0].n);
  const users = (username: string) => count('SELECT count(*) AS n FROM auth_user WHERE username = $1', [username]);

  async function signUp(username: string) {
    const req = await postJson(t, '/auth/webauthn/signup_request/', { username, display_name: `${username} D.` });
    const options = JSON.parse(req.text);
    const made = auth.create(options.challenge);
    const res = await postJson(t, `/auth/webauthn/signup/${options.user.id}/`, { username, email: `${username}@example.com`, ...made });
    return { options, res, credential: made.credential };
  }
  const loginRequest = async (username: string) => JSON.parse((await postJson(t, '/auth/webauthn/login_request/', { username })).text);

  describe('Djoser flow', () => {
    it('signup_request answers py_webauthn 0.4 registration_dict and reserves the name in webauthn_credentialoptions', async () => {
      const res = await postJson(t, '/auth/webauthn/signup_request/', { username: 'rita', display_name: 'Rita R.' });
      expect(res.status).toBe(200);
      const body = JSON.parse(res.text);
      expect(Object.keys(body)).toEqual(['challenge', 'rp', 'user', 'pubKeyCredParams', 'timeout', 'excludeCredentials', 'attestation', 'extensions', 'authenticatorSelection']);
      expect(body.challenge).toMatch(/^[A-Za-z0-9]{32}$/);
      expect(body.rp).toEqual({ name: 'Example', id: 'localhost' });
      expect(body.user).toEqual({ id: expect.stringMatching(/^[A-Za-z0-9]{20}$/), name: 'rita', displayName: 'Rita R.' });
      expect(body.pubKeyCredParams).toEqual([-7, -257, -37].map((alg) => ({ alg, type: 'public-key' })));
      expect([body.timeout, body.excludeCredentials, body.attestation, body.extensions]).toEqual([60000, [], 'direct', { 'webauthn.loc': true }]);
      const rows = await db(t).query('SELECT challenge, username, display_name, ukey, user_id, credential_id FROM webauthn_credentialoptions WHERE username = $1', ['rita']);
      expect(rows).toEqual([{ challenge: body.challenge, username: 'rita', display_name: 'Rita R.', ukey: body.user.id, user_id: null, credential_id: '' }]);
    });

    it('signup/{ukey}/ creates the user (201, UserCreate fields) and stores the credential as py_webauthn did', async () => {
      const { res, credential } = await signUp('sam');
      expect(res.status).toBe(201);
      const created = JSON.parse(res.text);
      expect(res.text).toBe(`{"email":"sam@example.com","username":"sam","id":${created.id}}`);
      const [row] = await db(t).query('SELECT * FROM webauthn_credentialoptions WHERE username = $1', ['sam']);
      expect(row).toMatchObject({ user_id: created.id, challenge: '', credential_id: credential.id, sign_count: 0 });
      expect(row.public_key).toMatch(/^[A-Za-z0-9_-]+$/); // base64url COSE key, no padding
      const [user] = await db(t).query('SELECT password, is_active FROM auth_user WHERE id = $1', [created.id]);
      expect(user.password.startsWith('!')).toBe(true);
      expect(user.is_active).toBe(true);
    });

    it('login_request answers assertion_dict; login answers 201 {"auth_token"} that authenticates', async () => {
      const { credential } = await signUp('tom');
      const options = await loginRequest('tom');
      expect(options).toEqual({
        challenge: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
        allowCredentials: [{ type: 'public-key', id: credential.id, transports: ['usb', 'nfc', 'ble', 'internal'] }],
        rpId: 'localhost',
        timeout: 60000,
        userVerification: 'discouraged',
      });
      const res = await postJson(t, '/auth/webauthn/login/', { username: 'tom', ...auth.get(credential, options.challenge) });
      expect(res.status).toBe(201);
      expect(res.text).toMatch(/^\{"auth_token":"[0-9a-f]{40}"\}$/);
      const me = await get(t, '/auth/users/me/', { Authorization: `Token ${JSON.parse(res.text).auth_token}` });
      expect(JSON.parse(me.text).username).toBe('tom');
      const [row] = await db(t).query('SELECT sign_count, challenge FROM webauthn_credentialoptions WHERE username = $1', ['tom']);
      expect(row).toEqual({ sign_count: 1, challenge: '' });
    });
  });

  describe('signup errors', () => {
    it('missing fields, a taken username, a pending signup: Djoser 400 bodies', async () => {
      expect((await postJson(t, '/auth/webauthn/signup_request/', {})).text).toBe(
        '{"username":["This field is required."],"display_name":["This field is required."]}',
      );
      await createUser(t, { username: 'uma', password: 'Uma-Pass-123' });
      const taken = await postJson(t, '/auth/webauthn/signup_request/', { username: 'uma', display_name: 'U' });
      expect([taken.status, taken.text]).toEqual([400, '{"username":["User uma already exists."]}']);
      await postJson(t, '/auth/webauthn/signup_request/', { username: 'vic', display_name: 'V' });
      const again = await postJson(t, '/auth/webauthn/signup_request/', { username: 'vic', display_name: 'V' });
      expect([again.status, again.text]).toEqual([400, '{"username":["credential options with this username already exists."]}']);
    });

    it('unknown ukey → 404 {"detail":"Not found."}', async () => {
      const res = await postJson(t, '/auth/webauthn/signup/nosuchukey/', { username: 'x' });
      expect([res.status, res.text]).toEqual([404, '{"detail":"Not found."}']);
    });

    it('missing user fields → the serializer errors; missing or wrong attestation → verification failed; no user is created', async () => {
      const options = JSON.parse((await postJson(t, '/auth/webauthn/signup_request/', { username: 'wes', display_name: 'W' })).text);
      const path = `/auth/webauthn/signup/${options.user.id}/`;
      expect((await postJson(t, path, {})).text).toBe('{"username":["This field is required."]}');
      expect((await postJson(t, path, { username: 'wes' })).text).toBe(FAILED);
      const wrongChallenge = auth.create('A'.repeat(32));
      expect((await postJson(t, path, { username: 'wes', ...wrongChallenge })).text).toBe(FAILED);
      const wrongOrigin = auth.create(options.challenge, { origin: 'https://evil.example' });
      expect((await postJson(t, path, { username: 'wes', ...wrongOrigin })).text).toBe(FAILED);
      const garbage = await postJson(t, path, { username: 'wes', clientData: '!!', attObj: 'AAAA' });
      expect([garbage.status, garbage.text]).toEqual([400, FAILED]);
      expect(await users('wes')).toBe(0);
      // the challenge survived the failures: the right attestation still completes the signup
      expect((await postJson(t, path, { username: 'wes', ...auth.create(options.challenge) })).status).toBe(201);
    });

    it('a used signup cannot be replayed, and a username other than the reserved one is refused', async () => {
      const options = JSON.parse((await postJson(t, '/auth/webauthn/signup_request/', { username: 'xena', display_name: 'X' })).text);
      const path = `/auth/webauthn/signup/${options.user.id}/`;
      const other = await postJson(t, path, { username: 'xavier', ...auth.create(options.challenge) });
      expect([other.status, other.text]).toEqual([400, '{"username":["Does not match the username of the signup request."]}']);
      const made = auth.create(options.challenge);
      expect((await postJson(t, path, { username: 'xena', ...made })).status).toBe(201);
      const replay = await postJson(t, path, { username: 'xena', ...made });
      expect([replay.status, replay.text]).toEqual([400, '{"username":["A user with that username already exists."]}']);
      expect(await users('xena')).toBe(1);
    });

    it('an expired challenge fails the ceremony', async () => {
      const options = JSON.parse((await postJson(t, '/auth/webauthn/signup_request/', { username: 'yves', display_name: 'Y' })).text);
      await db(t).query("UPDATE nest_webauthn_challenge SET expires_at = now() - interval '1 second' WHERE challenge = $1", [options.challenge]);
      const res = await postJson(t, `/auth/webauthn/signup/${options.user.id}/`, { username: 'yves', ...auth.create(options.challenge) });
      expect([res.status, res.text]).toEqual([400, FAILED]);
      expect(await users('yves')).toBe(0);
      // and the abandoned reservation no longer holds the name
      expect((await postJson(t, '/auth/webauthn/signup_request/', { username: 'yves', display_name: 'Y' })).status).toBe(200);
    });
  });

  describe('login errors', () => {
    it('missing username, unknown user, a user without a passkey, an inactive user: Djoser 400 bodies', async () => {
      expect((await postJson(t, '/auth/webauthn/login_request/', {})).text).toBe('{"username":["This field is required."]}');
      expect((await postJson(t, '/auth/webauthn/login/', {})).text).toBe('{"username":["This field is required."]}');
      expect((await postJson(t, '/auth/webauthn/login_request/', { username: 'nobody' })).text).toBe(INVALID());
      await createUser(t, { username: 'pat', password: 'Pat-Pass-123' });
      expect((await postJson(t, '/auth/webauthn/login_request/', { username: 'pat' })).text).toBe(INVALID());
      await signUp('ivy');
      await db(t).query("UPDATE auth_user SET is_active = false WHERE username = 'ivy'");
      const res = await postJson(t, '/auth/webauthn/login/', { username: 'ivy' });
      expect([res.status, res.text]).toEqual([400, INVALID()]);
    });

    it('wrong challenge, missing assertion fields, another credential: verification failed, counter unchanged', async () => {
      const { credential } = await signUp('zoe');
      const options = await loginRequest('zoe');
      const wrong = await postJson(t, '/auth/webauthn/login/', { username: 'zoe', ...auth.get(credential, 'B'.repeat(32)) });
      expect([wrong.status, wrong.text]).toEqual([400, FAILED]);
      expect((await postJson(t, '/auth/webauthn/login/', { username: 'zoe', clientData: 'abc' })).text).toBe(FAILED);
      const { credential: stranger } = await signUp('zed');
      const foreign = await postJson(t, '/auth/webauthn/login/', { username: 'zoe', ...auth.get(stranger, options.challenge) });
      expect([foreign.status, foreign.text]).toEqual([400, FAILED]);
      const [row] = await db(t).query('SELECT sign_count FROM webauthn_credentialoptions WHERE username = $1', ['zoe']);
      expect(row.sign_count).toBe(0);
      // the real assertion still works with the challenge those attempts could not use
      expect((await postJson(t, '/auth/webauthn/login/', { username: 'zoe', ...auth.get(credential, options.challenge) })).status).toBe(201);
    });

    it('a replayed assertion is refused (the challenge is single use)', async () => {
      const { credential } = await signUp('ray');
      const options = await loginRequest('ray');
      const assertion = auth.get(credential, options.challenge);
      expect((await postJson(t, '/auth/webauthn/login/', { username: 'ray', ...assertion })).status).toBe(201);
      const replay = await postJson(t, '/auth/webauthn/login/', { username: 'ray', ...assertion });
      expect([replay.status, replay.text]).toEqual([400, FAILED]);
    });

    it('concurrent logins with one assertion: exactly one token answer', async () => {
      const { credential } = await signUp('cat');
      const options = await loginRequest('cat');
      const assertion = auth.get(credential, options.challenge);
      const answers = await Promise.all([1, 2, 3, 4].map(() => postJson(t, '/auth/webauthn/login/', { username: 'cat', ...assertion })));
      expect(answers.map((a) => a.status).sort()).toEqual([201, 400, 400, 400]);
    });

    it('a counter that does not go up is refused (cloned authenticator)', async () => {
      const { credential } = await signUp('cole');
      const first = await loginRequest('cole');
      expect((await postJson(t, '/auth/webauthn/login/', { username: 'cole', ...auth.get(credential, first.challenge, { counter: 5 }) })).status).toBe(201);
      const second = await loginRequest('cole');
      const back = await postJson(t, '/auth/webauthn/login/', { username: 'cole', ...auth.get(credential, second.challenge, { counter: 3 }) });
      expect([back.status, back.text]).toEqual([400, FAILED]);
      const same = await postJson(t, '/auth/webauthn/login/', { username: 'cole', ...auth.get(credential, second.challenge, { counter: 5 }) });
      expect([same.status, same.text]).toEqual([400, FAILED]);
      const [row] = await db(t).query('SELECT sign_count FROM webauthn_credentialoptions WHERE username = $1', ['cole']);
      expect(row.sign_count).toBe(5);
    });

    it('a new login_request replaces the previous challenge, as Djoser overwrites co.challenge', async () => {
      const { credential } = await signUp('dan');
      const old = await loginRequest('dan');
      await loginRequest('dan');
      const res = await postJson(t, '/auth/webauthn/login/', { username: 'dan', ...auth.get(credential, old.challenge) });
      expect([res.status, res.text]).toEqual([400, FAILED]);
    });
  });

  describe('ours: discoverable login and a passkey for an existing account', () => {
    it('discoverable login: no username; unknown credential → 400; replay → 400', async () => {
      const { credential } = await signUp('dora');
      const options = JSON.parse((await postJson(t, '/auth/webauthn/discoverable_login_request/', {})).text);
      expect(options).toEqual({ challenge: expect.stringMatching(/^[A-Za-z0-9]{32}$/), allowCredentials: [], rpId: 'localhost', timeout: 60000, userVerification: 'preferred' });
      const assertion = auth.get(credential, options.challenge);
      const unknown = await postJson(t, '/auth/webauthn/discoverable_login/', { ...assertion, id: 'AAAAAAAAAAAAAAAAAAAAAA' });
      expect([unknown.status, unknown.text]).toEqual([400, '{"non_field_errors":["Unable to log in with provided credentials."]}']);
      const missing = await postJson(t, '/auth/webauthn/discoverable_login/', {});
      expect([missing.status, missing.text]).toEqual([400, '{"id":["This field is required."]}']);
      const ok = await postJson(t, '/auth/webauthn/discoverable_login/', assertion);
      expect(ok.status).toBe(201);
      const me = await get(t, '/auth/users/me/', { Authorization: `Token ${JSON.parse(ok.text).auth_token}` });
      expect(JSON.parse(me.text).username).toBe('dora');
      expect((await postJson(t, '/auth/webauthn/discoverable_login/', assertion)).text).toBe(FAILED);
      // a username-flow challenge does not serve a discoverable login
      const named = await loginRequest('dora');
      expect((await postJson(t, '/auth/webauthn/discoverable_login/', auth.get(credential, named.challenge))).text).toBe(FAILED);
    });

    it('a signed-in user adds a passkey, then logs in with it; a second one and anonymous calls are refused', async () => {
      await createUser(t, { username: 'paula', password: 'Paula-Pass-123' });
      const token = JSON.parse((await postJson(t, '/auth/token/login/', { username: 'paula', password: 'Paula-Pass-123' })).text).auth_token;
      const h = { Authorization: `Token ${token}` };
      const anonymous = await postJson(t, '/auth/webauthn/add_request/', {});
      expect([anonymous.status, anonymous.text]).toEqual([401, '{"detail":"Authentication credentials were not provided."}']);
      expect((await postJson(t, '/auth/webauthn/add/', {})).status).toBe(401);
      const options = JSON.parse((await postJson(t, '/auth/webauthn/add_request/', {}, h)).text);
      expect(options.user).toEqual({ id: expect.stringMatching(/^[A-Za-z0-9]{20}$/), name: 'paula', displayName: 'paula' });
      expect((await postJson(t, '/auth/webauthn/add/', {}, h)).text).toBe(FAILED);
      const made = auth.create(options.challenge);
      const added = await postJson(t, '/auth/webauthn/add/', made, h);
      expect([added.status, added.text]).toEqual([201, `{"credential_id":"${made.credential.id}"}`]);
      expect((await postJson(t, '/auth/webauthn/add/', made, h)).text).toBe('{"non_field_errors":["This account already has a passkey."]}');
      expect((await postJson(t, '/auth/webauthn/add_request/', {}, h)).text).toBe('{"non_field_errors":["This account already has a passkey."]}');
      const login = await loginRequest('paula');
      expect((await postJson(t, '/auth/webauthn/login/', { username: 'paula', ...auth.get(made.credential, login.challenge) })).status).toBe(201);
      // the password still works too
      expect((await postJson(t, '/auth/token/login/', { username: 'paula', password: 'Paula-Pass-123' })).status).toBe(200);
    });

    it("another user's add challenge is refused", async () => {
      for (const u of ['quinn', 'quade']) await createUser(t, { username: u, password: 'Q-Pass-123456' });
      const key = async (u: string) => JSON.parse((await postJson(t, '/auth/token/login/', { username: u, password: 'Q-Pass-123456' })).text).auth_token;
      const hq = { Authorization: `Token ${await key('quinn')}` };
      const hd = { Authorization: `Token ${await key('quade')}` };
      const options = JSON.parse((await postJson(t, '/auth/webauthn/add_request/', {}, hq)).text);
      expect((await postJson(t, '/auth/webauthn/add/', auth.create(options.challenge), hd)).text).toBe(FAILED);
      expect(await count('SELECT count(*) AS n FROM webauthn_credentialoptions WHERE username IN ($1, $2)', ['quinn', 'quade'])).toBe(0);
    });

    it('an authenticator already registered to one account is refused for another', async () => {
      const { credential } = await signUp('owen');
      await createUser(t, { username: 'olga', password: 'Olga-Pass-123' });
      const token = JSON.parse((await postJson(t, '/auth/token/login/', { username: 'olga', password: 'Olga-Pass-123' })).text).auth_token;
      const h = { Authorization: `Token ${token}` };
      const options = JSON.parse((await postJson(t, '/auth/webauthn/add_request/', {}, h)).text);
      const res = await postJson(t, '/auth/webauthn/add/', auth.create(options.challenge, { again: credential }), h);
      expect([res.status, res.text]).toEqual([400, FAILED]);
      const signup = JSON.parse((await postJson(t, '/auth/webauthn/signup_request/', { username: 'otto', display_name: 'O' })).text);
      const again = await postJson(t, `/auth/webauthn/signup/${signup.user.id}/`, { username: 'otto', ...auth.create(signup.challenge, { again: credential }) });
      expect([again.status, again.text]).toEqual([400, FAILED]);
      expect(await users('otto')).toBe(0);
    });

    it('deleting the account deletes its passkey row (Django cascades CredentialOptions)', async () => {
      const { res } = await signUp('del');
      const id = JSON.parse(res.text).id;
      await createUser(t, { username: 'boss', password: 'Boss-Pass-123', isStaff: true });
      const token = JSON.parse((await postJson(t, '/auth/token/login/', { username: 'boss', password: 'Boss-Pass-123' })).text).auth_token;
      const gone = await fetch(`${t.url}/auth/users/${id}/`, {
        method: 'DELETE',
        headers: { Authorization: `Token ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ current_password: 'Boss-Pass-123' }),
      });
      expect(gone.status).toBe(204);
      expect(await count('SELECT count(*) AS n FROM webauthn_credentialoptions WHERE username = $1', ['del'])).toBe(0);
    });
  });
});

/**
 * Djoser's webauthn on djoser-ref's custom user (AUTH_USER_MODEL_FILE): WebauthnCreateUserSerializer
 * is REQUIRED_FIELDS + LOGIN_FIELD (the e-mail) + pk, so signup/ takes first_name and email, and
 * WebauthnLoginSerializer's field is `email`. The name reserved by signup_request/ is the e-mail.
 */
describe('passkeys on a described user model (AUTH_USER_MODEL_FILE)', () => {
  let t: TestApp;
  const auth = new SoftAuthenticator(ORIGIN, 'localhost');
  beforeAll(async () => {
    t = await startTestApp({
      AUTH_USER_MODEL_FILE: `${__dirname}/../conformance/fixtures/custom-user-model.json`,
      WEBAUTHN_RP_ID: 'localhost',
      WEBAUTHN_RP_NAME: 'Example',
      WEBAUTHN_ORIGIN: ORIGIN,
      DJOSER_SEND_ACTIVATION_EMAIL: 'false',
    });
  });
  afterAll(() => t.close());

  it('signup with the model fields, login by e-mail, users/me/; a taken e-mail is refused at signup_request/', async () => {
    const req = await postJson(t, '/auth/webauthn/signup_request/', { username: 'pia@example.com', display_name: 'Pia' });
    expect(req.status).toBe(200);
    const options = JSON.parse(req.text);
    const made = auth.create(options.challenge);
    const path = `/auth/webauthn/signup/${options.user.id}/`;
    expect((await postJson(t, path, { email: 'pia@example.com' })).text).toBe('{"first_name":["This field is required."]}');
    const res = await postJson(t, path, { email: 'pia@example.com', first_name: 'Pia', ...made });
    expect(res.status).toBe(201);
    const id = JSON.parse(res.text).id;
    expect(res.text).toBe(`{"first_name":"Pia","email":"pia@example.com","id":${id}}`);
    const [row] = await db(t).query('SELECT first_name, password, is_active FROM accounts_user WHERE id = $1', [id]);
    expect(row.password.startsWith('!')).toBe(true);
    expect(row).toMatchObject({ first_name: 'Pia', is_active: true });

    const login = JSON.parse((await postJson(t, '/auth/webauthn/login_request/', { email: 'pia@example.com' })).text);
    const token = await postJson(t, '/auth/webauthn/login/', { email: 'pia@example.com', ...auth.get(made.credential, login.challenge) });
    expect(token.status).toBe(201);
    const me = await get(t, '/auth/users/me/', { Authorization: `Token ${JSON.parse(token.text).auth_token}` });
    expect(me.text).toBe(`{"first_name":"Pia","id":${id},"email":"pia@example.com"}`);

    const taken = await postJson(t, '/auth/webauthn/signup_request/', { username: 'pia@example.com', display_name: 'P' });
    expect([taken.status, taken.text]).toEqual([400, '{"username":["credential options with this username already exists."]}']);
    const registered = await postJson(t, '/auth/users/', { email: 'quinn@example.com', first_name: 'Q', password: 'Str0ng-Passw0rd!' });
    expect(registered.status).toBe(201);
    const other = await postJson(t, '/auth/webauthn/signup_request/', { username: 'quinn@example.com', display_name: 'Q' });
    expect([other.status, other.text]).toEqual([400, '{"username":["User quinn@example.com already exists."]}']);
    expect((await postJson(t, '/auth/webauthn/login_request/', { email: 'nobody@example.com' })).text).toBe(INVALID('email'));
  });
});
