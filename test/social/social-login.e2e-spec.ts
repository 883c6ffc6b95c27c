import { DataSource } from 'typeorm';
import { createUser } from '../auth/auth-fixtures';
import { startOidcProvider, type OidcProvider } from '../support/oidc-provider';
import { signInAtProvider } from '../support/oidc-login';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * auth/o/{provider}/ against a real OpenID Connect provider (oidc-provider, in a child
 * process on loopback). Djoser's texts are those of djoser/social/serializers.py and
 * python-social-auth 4.3's exceptions (Debian's python3-social-auth-core).
 */
const CALLBACK = 'http://127.0.0.1:18902/callback';
const PROVIDER_PORT = 18901;

let op: OidcProvider;
let t: TestApp;

interface Flow {
  cookie: string;
  state: string;
  code: string;
}

async function begin(provider = 'testidp', redirect = CALLBACK) {
  const res = await fetch(`${t.url}/auth/o/${provider}/?redirect_uri=${encodeURIComponent(redirect)}`);
  return { status: res.status, body: (await res.json()) as Record<string, string>, setCookie: res.headers.getSetCookie() };
}

/** The SPA's journey up to the provider's redirect back: GET, the provider's login page, the callback URL. */
async function flow(login: string): Promise<Flow> {
  const started = await begin();
  expect(started.status).toBe(200);
  const back = await signInAtProvider(started.body.authorization_url, login, CALLBACK);
  return { cookie: started.setCookie[0].split(';')[0], state: back.searchParams.get('state')!, code: back.searchParams.get('code')! };
}

async function post(query: Record<string, string>, cookie?: string, form?: Record<string, string>) {
  const res = await fetch(`${t.url}/auth/o/testidp/?${new URLSearchParams(query)}`, {
    method: 'POST',
    headers: { ...(cookie ? { cookie } : {}), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    body: form ? new URLSearchParams(form) : undefined,
  });
  return { status: res.status, text: await res.text() };
}

const rows = (sql: string, params: unknown[] = []) => t.app.get(DataSource).query(sql, params);
const userCount = async () => Number((await rows('SELECT count(*) AS n FROM auth_user'))[0].n);

beforeAll(async () => {
  op = await startOidcProvider(PROVIDER_PORT, [CALLBACK]);
  t = await startTestApp({
    DJOSER_SOCIAL_AUTH_ALLOWED_REDIRECT_URIS: CALLBACK,
    SOCIAL_AUTH_OIDC_TESTIDP_ISSUER: op.issuer,
    SOCIAL_AUTH_OIDC_TESTIDP_KEY: op.clientId,
    SOCIAL_AUTH_OIDC_TESTIDP_SECRET: op.clientSecret,
  });
});
afterAll(async () => {
  await t?.close();
  await op?.stop();
});

describe('GET auth/o/{provider}/', () => {
  it('answers the authorization URL at the provider, with PKCE, a nonce and a state cookie', async () => {
    const r = await begin();
    expect(r.status).toBe(200);
    const url = new URL(r.body.authorization_url);
    expect(url.origin + url.pathname).toBe(`${op.issuer}/auth`);
    expect(url.searchParams.get('redirect_uri')).toBe(CALLBACK);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(r.setCookie[0]).toMatch(/^djoser_social_state=[\w-]{43}; Max-Age=600; Path=\/auth\/o\/testidp\/; HttpOnly; SameSite=Lax$/);
  });

  it('refuses a redirect_uri outside DJOSER_SOCIAL_AUTH_ALLOWED_REDIRECT_URIS with Djoser’s bare string', async () => {
    const r = await begin('testidp', 'http://evil.example/cb');
    expect(r.status).toBe(400);
    expect(r.body).toBe('redirect_uri must be in SOCIAL_AUTH_ALLOWED_REDIRECT_URIS');
    const none = await fetch(`${t.url}/auth/o/testidp/`);
    expect(none.status).toBe(400);
  });

  it('answers 404 with Djoser 2.3.4’s text for an unknown provider', async () => {
    const r = await begin('nope');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ detail: "Provider 'nope' not supported" });
  });
});

describe('POST auth/o/{provider}/', () => {
  it('creates an active user with the provider’s verified address, links it, and answers 201 with tokens that open users/me/', async () => {
    const f = await flow('alice');
    const r = await post({ code: f.code, state: f.state }, f.cookie);
    expect(r.status).toBe(201);
    const body = JSON.parse(r.text);
    expect(Object.keys(body)).toEqual(['access', 'refresh', 'user']);
    expect(body.user).toBe('alice');
    const me = await fetch(`${t.url}/auth/users/me/`, { headers: { Authorization: `Bearer ${body.access}` } });
    expect(await me.json()).toEqual({ email: 'alice@example.com', id: expect.any(Number), username: 'alice' });
    const [link] = await rows('SELECT provider, uid, user_id, extra_data FROM social_auth_usersocialauth WHERE uid = $1', ['alice']);
    expect(link.provider).toBe('testidp');
    const extra = JSON.parse(link.extra_data);
    expect(extra.access_token).toEqual(expect.any(String));
    expect(String(extra.token_type).toLowerCase()).toBe('bearer');
    const [user] = await rows('SELECT is_active, password FROM auth_user WHERE id = $1', [link.user_id]);
    expect(user.is_active).toBe(true);
    expect(user.password).toMatch(/^!/);
  });

  it('signs the same identity in again as the same user, with no new row', async () => {
    const before = await userCount();
    const f = await flow('alice');
    const r = await post({ code: f.code, state: f.state }, f.cookie);
    expect(r.status).toBe(201);
    expect(JSON.parse(r.text).user).toBe('alice');
    expect(await userCount()).toBe(before);
    expect(await rows("SELECT id FROM social_auth_usersocialauth WHERE uid = 'alice'")).toHaveLength(1);
  });

  it('links a verified address to the existing account that has it', async () => {
    const existing = await createUser(t, { username: 'carol-local', password: 'pw-carol-123', email: 'carol@example.com' });
    const f = await flow('carol');
    const r = await post({ code: f.code, state: f.state }, f.cookie);
    expect(r.status).toBe(201);
    expect(JSON.parse(r.text).user).toBe('carol-local');
    const [link] = await rows("SELECT user_id FROM social_auth_usersocialauth WHERE uid = 'carol'");
    expect(link.user_id).toBe(existing.id);
  });

  it('refuses an unverified address that an account already has, and creates nothing', async () => {
    await createUser(t, { username: 'dave-local', password: 'pw-dave-123', email: 'dave@example.com' });
    const before = await userCount();
    const f = await flow('unverified-dave');
    const r = await post({ code: f.code, state: f.state }, f.cookie);
    expect(r).toEqual({ status: 400, text: '{"non_field_errors":["This account is already in use."]}' });
    expect(await userCount()).toBe(before);
    expect(await rows("SELECT id FROM social_auth_usersocialauth WHERE uid = 'unverified-dave'")).toHaveLength(0);
  });

  it('refuses an inactive account', async () => {
    await createUser(t, { username: 'erin-local', password: 'pw-erin-123', email: 'erin@example.com', isActive: false });
    const f = await flow('erin');
    const r = await post({ code: f.code, state: f.state }, f.cookie);
    expect(r).toEqual({ status: 400, text: '{"non_field_errors":["No active account found with the given credentials"]}' });
  });

  it('gives a taken username a random suffix, as python-social-auth does', async () => {
    await createUser(t, { username: 'frank', password: 'pw-frank-123', email: 'someone-else@example.com' });
    const f = await flow('frank');
    const r = await post({ code: f.code, state: f.state }, f.cookie);
    expect(r.status).toBe(201);
    expect(JSON.parse(r.text).user).toMatch(/^frank[0-9a-f]{16}$/);
  });

  it('takes code and state from a form body too', async () => {
    const f = await flow('gina');
    const r = await post({}, f.cookie, { code: f.code, state: f.state });
    expect(r.status).toBe(201);
  });

  it('a state works once: the replay is Djoser’s invalid state', async () => {
    const f = await flow('hank');
    expect((await post({ code: f.code, state: f.state }, f.cookie)).status).toBe(201);
    expect(await post({ code: f.code, state: f.state }, f.cookie)).toEqual({ status: 400, text: '{"non_field_errors":["Invalid state has been provided."]}' });
  });

  it('concurrent posts of one state: one wins, the other is refused, one user', async () => {
    const f = await flow('ivy');
    const answers = await Promise.all([post({ code: f.code, state: f.state }, f.cookie), post({ code: f.code, state: f.state }, f.cookie)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 400]);
    expect(await rows("SELECT id FROM social_auth_usersocialauth WHERE uid = 'ivy'")).toHaveLength(1);
  });

  it.each([
    ['no state at all', {}, true, 'Missing needed parameter state'],
    ['an empty state in the query', { state: '' }, true, 'State could not be found in request data.'],
    ['a state without the browser’s cookie', { state: 'x.y' }, false, 'State could not be found in server-side session data.'],
    ['a forged state', { state: 'eyJwIjoidGVzdGlkcCJ9.AAAA' }, true, 'Invalid state has been provided.'],
  ])('%s: Djoser’s text', async (_name, query, withCookie, text) => {
    const f = await flow('jack');
    const r = await post({ code: f.code, ...query }, withCookie ? f.cookie : undefined);
    expect(r).toEqual({ status: 400, text: JSON.stringify({ non_field_errors: [text] }) });
  });

  it('a state from another browser (its cookie) is invalid', async () => {
    const mine = await flow('kate');
    const other = await begin();
    const r = await post({ code: mine.code, state: mine.state }, other.setCookie[0].split(';')[0]);
    expect(r).toEqual({ status: 400, text: '{"non_field_errors":["Invalid state has been provided."]}' });
  });

  it('form-body state errors use python-social-auth’s own texts', async () => {
    const f = await flow('liam');
    expect(await post({}, undefined, { code: f.code, state: f.state })).toEqual({ status: 400, text: '{"non_field_errors":["Session value state missing."]}' });
    expect(await post({}, f.cookie, { code: f.code, state: f.state + 'x' })).toEqual({ status: 400, text: '{"non_field_errors":["Wrong state parameter given."]}' });
  });

  it('a code the provider refuses is AuthCanceled, and nothing is created', async () => {
    const before = await userCount();
    const f = await flow('mia');
    const r = await post({ code: 'not-a-code', state: f.state }, f.cookie);
    expect(r).toEqual({ status: 400, text: '{"non_field_errors":["Authentication process canceled"]}' });
    expect(await userCount()).toBe(before);
  });

  it('the provider’s error answer: canceled or failed, in python-social-auth’s words', async () => {
    let f = await flow('noah');
    expect(await post({ error: 'access_denied', error_description: 'user said no', state: f.state }, f.cookie)).toEqual({
      status: 400,
      text: '{"non_field_errors":["Authentication process canceled: user said no"]}',
    });
    f = await flow('noah');
    expect(await post({ error: 'server_error', state: f.state }, f.cookie)).toEqual({ status: 400, text: '{"non_field_errors":["Authentication failed: server_error"]}' });
  });

  it('an unknown provider answers 404 on POST too (Djoser crashes there)', async () => {
    const res = await fetch(`${t.url}/auth/o/nope/?code=a&state=b`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ detail: "Provider 'nope' not supported" });
  });
});

/**
 * The same journey on djoser-ref's custom user (AUTH_USER_MODEL_FILE: e-mail login, first_name
 * required, accounts_user, bigint ids). social_django's create_user hands the e-mail to
 * USERNAME_FIELD (its generated username dropped: the model has none) and user_details sets
 * first_name / last_name from the provider; `user` in the answer is `str(user)`, the e-mail.
 */
describe('on a described user model (AUTH_USER_MODEL_FILE)', () => {
  let stock: TestApp;
  const accounts = (where: string, params: unknown[] = []) => rows(`SELECT id, email, first_name, last_name, phone, password, is_active FROM accounts_user ${where}`, params);

  beforeAll(async () => {
    stock = t;
    t = await startTestApp({
      AUTH_USER_MODEL_FILE: `${__dirname}/../conformance/fixtures/custom-user-model.json`,
      DJOSER_SOCIAL_AUTH_ALLOWED_REDIRECT_URIS: CALLBACK,
      SOCIAL_AUTH_OIDC_TESTIDP_ISSUER: op.issuer,
      SOCIAL_AUTH_OIDC_TESTIDP_KEY: op.clientId,
      SOCIAL_AUTH_OIDC_TESTIDP_SECRET: op.clientSecret,
    });
  });
  afterAll(async () => {
    await t.close();
    t = stock;
  });

  it('creates the user in the described table with the e-mail as login and the provider’s names; users/me/ is the model’s serializer', async () => {
    const f = await flow('hank');
    const r = await post({ code: f.code, state: f.state }, f.cookie);
    expect(r.status).toBe(201);
    const body = JSON.parse(r.text);
    expect(body.user).toBe('hank@example.com');
    const [row] = await accounts("WHERE email = 'hank@example.com'");
    expect(row).toMatchObject({ first_name: 'hank', last_name: 'Tester', phone: '', is_active: true });
    expect(row.password).toMatch(/^!/);
    const me = await fetch(`${t.url}/auth/users/me/`, { headers: { Authorization: `Bearer ${body.access}` } });
    expect(await me.text()).toBe(`{"first_name":"hank","id":${row.id},"email":"hank@example.com"}`);
    const [link] = await rows("SELECT user_id FROM social_auth_usersocialauth WHERE uid = 'hank'");
    expect(String(link.user_id)).toBe(String(row.id));
    // again: the same user, no new row
    const g = await flow('hank');
    expect(JSON.parse((await post({ code: g.code, state: g.state }, g.cookie)).text).user).toBe('hank@example.com');
    expect(await accounts('')).toHaveLength(1);
  });

  it('links a verified address to the account registered with it', async () => {
    const reg = await fetch(`${t.url}/auth/users/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ivy@example.com', first_name: 'Ivy', password: 'Str0ng-Passw0rd!' }),
    });
    expect(reg.status).toBe(201);
    await rows("UPDATE accounts_user SET is_active = true WHERE email = 'ivy@example.com'");
    const f = await flow('ivy');
    const r = await post({ code: f.code, state: f.state }, f.cookie);
    expect(r.status).toBe(201);
    expect(JSON.parse(r.text).user).toBe('ivy@example.com');
    expect(await accounts("WHERE email = 'ivy@example.com'")).toEqual([expect.objectContaining({ first_name: 'Ivy' })]);
  });
});
