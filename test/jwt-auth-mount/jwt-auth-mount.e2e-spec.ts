import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Fernet } from 'fernet-nodejs';
import { MailService } from '../../src/mail/mail.service';
import { startTestApp, TestApp } from '../support/test-app';
import { createUser, db, jwtPayloadText, nowSeconds, postJson, signHs256 } from '../auth/auth-fixtures';

const P = '/api/jwtauth';
const SECRET = 'jwt-auth-mount-secret';
const KEY = Buffer.alloc(32, 7).toString('base64url');
const PASSWORD = 'Alice-Pass-123';
const ENV = {
  MOUNT_JWT_AUTH_URLS: 'api/jwtauth',
  JWT_SECRET: SECRET,
  JWT_ROLE: 'web_user',
  JWT_EXP: '30',
  EMAIL_ENCRYPT_KEY: KEY,
  PATH_TO_RESTORE: 'https://spa.example/restore',
};
const err = (status: number, message: string) => ({
  status,
  text: JSON.stringify({ status, error: { message } }),
});
const answer = (r: { status: number; text: string }) => ({
  status: r.status,
  text: r.text,
});

/** django_rest_jwt_auth's six views (issue 23): the document's shapes, the package's texts. */
describe('django_rest_jwt_auth mount', () => {
  let t: TestApp;
  let aliceId: number;
  beforeAll(async () => {
    t = await startTestApp(ENV);
    aliceId = (
      await createUser(t, {
        username: 'alice',
        password: PASSWORD,
        email: 'alice@example.com',
      })
    ).id;
  });
  afterAll(() => t.close());

  const token = (claims: Record<string, unknown>) => signHs256({ role: 'web_user', ...claims }, SECRET);

  it('is not routed without MOUNT_JWT_AUTH_URLS (Django 404)', async () => {
    const off = await startTestApp();
    try {
      const res = await postJson(off, '/api/jwtauth/signin', {
        username: 'a',
        password: 'b',
      });
      expect([res.status, res.headers.get('content-type')]).toEqual([404, 'text/html']);
    } finally {
      await off.close();
    }
  });

  it('the OpenAPI document lists the six POST paths with the package error shape', async () => {
    const doc = (await (await fetch(`${t.url}/api/schema/`)).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    const mine = Object.keys(doc.paths).filter((p) => p.startsWith(`${P}/`));
    expect(mine.sort()).toEqual(['signin', 'signup', 'refresh', 'restore', 'validation', 'get_user/'].map((n) => `${P}/${n}`).sort());
    for (const path of mine) {
      expect(Object.keys(doc.paths[path])).toEqual(['post']);
      expect(Object.keys(doc.paths[path].post.responses)).toEqual(expect.arrayContaining(['405', '429']));
    }
    expect(Object.keys(doc.paths[`${P}/signup`].post.responses)).toContain('201');
  });

  it.each(['signin', 'signup', 'refresh', 'restore', 'validation', 'get_user/', 'get_user'])('%s: any method but POST is 405', async (path) => {
    for (const method of ['GET', 'PUT', 'DELETE', 'OPTIONS']) {
      const res = await fetch(`${t.url}${P}/${path}`, { method });
      expect({
        method,
        status: res.status,
        text: await res.text(),
        type: res.headers.get('content-type'),
      }).toEqual({
        method,
        ...err(405, 'Only POST method, only JSON data'),
        type: 'application/json',
      });
    }
  });

  it.each(['signin', 'signup', 'validation', 'restore', 'get_user/'])('%s: a body that is not a JSON object is 400', async (path) => {
    for (const body of ['not json', '[1]', '"x"', '']) {
      expect(answer(await postJson(t, `${P}/${path}`, body))).toEqual(err(400, 'Incorrect data format, JSON expected'));
    }
  });

  it('signin: fields, wrong credentials, a token with role, userid (string) and exp', async () => {
    expect(answer(await postJson(t, `${P}/signin`, { username: 'alice' }))).toEqual(err(400, "'username' and 'password' fields are required"));
    expect(answer(await postJson(t, `${P}/signin`, { password: 'x' }))).toEqual(err(400, "'username' and 'password' fields are required"));
    expect(
      answer(
        await postJson(t, `${P}/signin`, {
          username: 'alice',
          password: 'wrong',
        }),
      ),
    ).toEqual(err(404, 'User not found'));
    const before = nowSeconds();
    const res = await postJson(t, `${P}/signin`, {
      username: 'alice',
      password: PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/^\{"token":"[^"]+","status":200\}$/);
    const jwt = JSON.parse(res.text).token as string;
    expect(JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString())).toMatchObject({ alg: 'HS256' });
    const claims = JSON.parse(jwtPayloadText(jwt));
    expect(Object.keys(claims)).toEqual(['role', 'userid', 'exp']);
    expect(claims.role).toBe('web_user');
    expect(claims.userid).toBe(String(aliceId));
    expect(claims.exp - before).toBeGreaterThanOrEqual(30 * 60 - 1);
    expect(claims.exp - before).toBeLessThanOrEqual(30 * 60 + 2);
    // the token is the same HS256 the document's PyJWT would make with JWT_SECRET
    const resigned = signHs256(claims, SECRET);
    expect(resigned.split('.')[2]).toBe(jwt.split('.')[2]);
  });

  it('signup: checks in order, taken names, 201 with the user without password; the account works on /auth/', async () => {
    const up = (body: unknown) => postJson(t, `${P}/signup`, body).then(answer);
    expect(await up({ email: 'bob@example.com' })).toEqual(err(400, "'email' and 'password' fields are required"));
    expect(await up({ password: 'x', username: 'bob' })).toEqual(err(400, "'email' and 'password' fields are required"));
    expect(await up({ email: 'not-an-email', password: 'x' })).toEqual(err(400, 'Invalid email'));
    expect(await up({ email: 'bob@example.com', password: 'Bob-Pass-123' })).toEqual(
      err(400, "'username' or 'email_as_name' field is required. If both - 'username' is prior"),
    );
    expect(
      await up({
        email: 'bob@example.com',
        password: 'short',
        username: 'bob',
      }),
    ).toEqual(err(400, 'This password is too short. It must contain at least 8 characters.'));
    expect(
      await up({
        email: 'other@example.com',
        password: 'Bob-Pass-123',
        username: 'alice',
      }),
    ).toEqual(err(400, 'User with such username already exists'));
    expect(
      await up({
        email: 'ALICE@example.com',
        password: 'Bob-Pass-123',
        username: 'alice2',
      }),
    ).toEqual(err(400, 'User with such email already exists'));

    const res = await postJson(t, `${P}/signup`, {
      email: 'bob@example.com',
      password: 'Bob-Pass-123',
      username: 'bob',
    });
    expect(res.status).toBe(201);
    const body = JSON.parse(res.text);
    expect(Object.keys(body)).toEqual(['user', 'status']);
    expect(body.status).toBe(201);
    expect(Object.keys(body.user)).toEqual([
      'id',
      'last_login',
      'is_superuser',
      'username',
      'first_name',
      'last_name',
      'email',
      'is_staff',
      'is_active',
      'date_joined',
    ]);
    expect(body.user).toMatchObject({
      last_login: null,
      is_superuser: false,
      username: 'bob',
      first_name: '',
      last_name: '',
      email: 'bob@example.com',
      is_staff: false,
      is_active: true,
    });
    expect(body.user.date_joined).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/);
    expect(
      (
        await postJson(t, '/auth/token/login/', {
          username: 'bob',
          password: 'Bob-Pass-123',
        })
      ).status,
    ).toBe(200);

    // email_as_name: the e-mail is the username; 'username' is prior when both are given
    const asName = JSON.parse(
      (
        await postJson(t, `${P}/signup`, {
          email: 'carol@example.com',
          password: 'Carol-Pass-123',
          email_as_name: true,
        })
      ).text,
    );
    expect(asName.user.username).toBe('carol@example.com');
    const both = JSON.parse(
      (
        await postJson(t, `${P}/signup`, {
          email: 'dave@example.com',
          password: 'Dave-Pass-123',
          email_as_name: true,
          username: 'dave',
        })
      ).text,
    );
    expect(both.user.username).toBe('dave');
  });

  it('concurrent signups with one username create one user', async () => {
    const answers = await Promise.all(
      [1, 2, 3].map((i) =>
        postJson(t, `${P}/signup`, {
          email: `race${i}@example.com`,
          password: 'Race-Pass-123',
          username: 'racer',
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 400, 400]);
    const rows: unknown[] = await db(t).query(`SELECT 1 FROM auth_user WHERE username = 'racer'`);
    expect(rows).toHaveLength(1);
  });

  it('refresh: Bearer token, expired ones too (within JWT_REFRESH_MAX_AGE), errors', async () => {
    const refresh = (headers: Record<string, string>) => postJson(t, `${P}/refresh`, '', headers).then(answer);
    expect(await refresh({})).toEqual(err(400, 'No Autherization token'));
    expect(await refresh({ Authorization: 'Bearer junk' })).toEqual(err(400, 'Invalid token'));
    const expired = token({
      userid: String(aliceId),
      exp: nowSeconds() - 3600,
    });
    const res = await refresh({ Authorization: `Bearer ${expired}` });
    expect(res.status).toBe(200);
    const fresh = JSON.parse(res.text);
    expect(fresh.status).toBe(200);
    expect(JSON.parse(jwtPayloadText(fresh.token)).exp).toBeGreaterThan(nowSeconds());
    // past the maximum age (default 7 days after expiry)
    expect(
      await refresh({
        Authorization: `Bearer ${token({ userid: String(aliceId), exp: nowSeconds() - 8 * 86400 })}`,
      }),
    ).toEqual(err(400, 'Token expired'));
    expect(
      await refresh({
        Authorization: `Bearer ${token({ userid: '999999', exp: nowSeconds() + 60 })}`,
      }),
    ).toEqual(err(404, 'User not found'));
  });

  it('validation: expiry in local time, expired (200), invalid (401), no token (400)', async () => {
    const exp = nowSeconds() + 600;
    const res = await postJson(t, `${P}/validation`, {
      token: token({ userid: String(aliceId), exp }),
    });
    const d = new Date(exp * 1000);
    const p = (n: number) => String(n).padStart(2, '0');
    const local = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
    expect(answer(res)).toEqual({
      status: 200,
      text: JSON.stringify({
        message: `Token will expire ${local}`,
        status: 200,
      }),
    });
    expect(
      answer(
        await postJson(t, `${P}/validation`, {
          token: token({ userid: String(aliceId), exp: nowSeconds() - 5 }),
        }),
      ),
    ).toEqual(err(200, 'Token expired'));
    expect(
      answer(
        await postJson(t, `${P}/validation`, {
          token: signHs256({ userid: '1', exp: exp }, 'other-key'),
        }),
      ),
    ).toEqual(err(401, 'Invalid token'));
    expect(answer(await postJson(t, `${P}/validation`, {}))).toEqual(err(400, 'Incorrect data fields'));
  });

  it('get_user/ (and get_user): the user, no token, expired, invalid, deleted user', async () => {
    const signin = JSON.parse(
      (
        await postJson(t, `${P}/signin`, {
          username: 'alice',
          password: PASSWORD,
        })
      ).text,
    ).token as string;
    for (const path of ['get_user/', 'get_user']) {
      const res = await postJson(t, `${P}/${path}`, { token: signin });
      expect(res.status).toBe(200);
      const body = JSON.parse(res.text);
      expect(body).toMatchObject({
        user: { id: aliceId, username: 'alice', email: 'alice@example.com' },
        status: 200,
      });
      expect(body.user).not.toHaveProperty('password');
    }
    expect(answer(await postJson(t, `${P}/get_user/`, {}))).toEqual(err(400, 'No Autherization token'));
    expect(
      answer(
        await postJson(t, `${P}/get_user/`, {
          token: token({ userid: String(aliceId), exp: nowSeconds() - 5 }),
        }),
      ),
    ).toEqual(err(400, 'Token expired'));
    expect(answer(await postJson(t, `${P}/get_user/`, { token: 'a.b.c' }))).toEqual(err(400, 'Invalid token'));
    const gone = await createUser(t, { username: 'gone', password: PASSWORD });
    const goneToken = token({
      userid: String(gone.id),
      exp: nowSeconds() + 60,
    });
    await db(t).query('DELETE FROM auth_user WHERE id = $1', [gone.id]);
    expect(answer(await postJson(t, `${P}/get_user/`, { token: goneToken }))).toEqual(err(404, 'User not found'));
  });

  it('restore: the same answer for every address; the mailed link works once', async () => {
    const mail = t.app.get(MailService);
    await mail.flush();
    const sentBefore = mail.delivered().length;
    const ok = {
      status: 200,
      text: '{"message":"Email was sent","status":200}',
    };
    expect(answer(await postJson(t, `${P}/restore`, { email: 'nobody@example.com' }))).toEqual(ok);
    expect(answer(await postJson(t, `${P}/restore`, { email: 'alice@example.com' }))).toEqual(ok);
    expect(answer(await postJson(t, `${P}/restore`, {}))).toEqual(err(400, 'Incorrect data fields'));
    await mail.flush();
    const sent = mail.delivered().slice(sentBefore);
    expect(sent.map((m) => [m.to, m.subject])).toEqual([[['alice@example.com'], 'Restoring password']]);
    const link = /https:\/\/spa\.example\/restore\?restoring=(\S+)/.exec(sent[0].text)!;
    expect(link).not.toBeNull();
    const restoring = decodeURIComponent(link[1]);

    const confirm = (body: unknown) => postJson(t, `${P}/restore`, body).then(answer);
    expect(await confirm({ token: 'garbage', new_password: 'New-Pass-456' })).toEqual(err(400, 'Invalid token'));
    expect(await confirm({ token: restoring })).toEqual(err(400, 'Incorrect data fields'));
    expect(await confirm({ token: restoring, new_password: 'short' })).toEqual(err(400, 'This password is too short. It must contain at least 8 characters.'));
    expect(await confirm({ token: restoring, new_password: 'New-Pass-456' })).toEqual({
      status: 200,
      text: '{"message":"Password changed","status":200}',
    });
    expect(await confirm({ token: restoring, new_password: 'Other-Pass-789' })).toEqual(err(404, 'User not found'));
    expect(
      (
        await postJson(t, `${P}/signin`, {
          username: 'alice',
          password: 'New-Pass-456',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await postJson(t, `${P}/signin`, {
          username: 'alice',
          password: PASSWORD,
        })
      ).status,
    ).toBe(404);
  });

  it('a new restore request replaces the previous link; inactive users are not found', async () => {
    const mail = t.app.get(MailService);
    const linkOf = async () => {
      await mail.flush();
      const last = mail.delivered().at(-1)!;
      return decodeURIComponent(/restoring=(\S+)/.exec(last.text)![1]);
    };
    await createUser(t, { username: 'erin', password: PASSWORD, email: 'erin@example.com' });
    await postJson(t, `${P}/restore`, { email: 'erin@example.com' });
    const first = await linkOf();
    await postJson(t, `${P}/restore`, { email: 'erin@example.com' });
    const second = await linkOf();
    expect(second).not.toBe(first);
    expect(answer(await postJson(t, `${P}/restore`, { token: first, new_password: 'Erin-New-456' }))).toEqual(err(404, 'User not found'));
    expect((await postJson(t, `${P}/restore`, { token: second, new_password: 'Erin-New-456' })).status).toBe(200);

    await createUser(t, { username: 'frank', password: PASSWORD, isActive: false });
    expect(answer(await postJson(t, `${P}/signin`, { username: 'frank', password: PASSWORD }))).toEqual(err(404, 'User not found'));
  });

  it('restore: an expired link is refused, an unknown one is User not found', async () => {
    const expired = Fernet.encrypt(JSON.stringify({ userid: String(aliceId), exp: nowSeconds() - 1 }), KEY);
    expect(
      answer(
        await postJson(t, `${P}/restore`, {
          token: expired,
          new_password: 'New-Pass-999',
        }),
      ),
    ).toEqual(err(400, 'Token expired'));
    const never = Fernet.encrypt(JSON.stringify({ userid: String(aliceId), exp: nowSeconds() + 600 }), KEY);
    expect(
      answer(
        await postJson(t, `${P}/restore`, {
          token: never,
          new_password: 'New-Pass-999',
        }),
      ),
    ).toEqual(err(404, 'User not found'));
  });
});

describe('django_rest_jwt_auth mount: rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      ...ENV,
      THROTTLE_ENABLED: 'true',
      THROTTLE_LOGIN_FAILED_IP: '2/min',
      THROTTLE_EMAIL_IP: '1/min',
    });
  });
  afterAll(() => t.close());

  it('failed signins and restore requests are throttled like logins and e-mails, in the package error shape', async () => {
    for (let i = 0; i < 2; i++) expect((await postJson(t, `${P}/signin`, { username: 'x', password: 'y' })).status).toBe(404);
    const refused = await postJson(t, `${P}/signin`, {
      username: 'x',
      password: 'y',
    });
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.text)).toEqual({
      status: 429,
      error: {
        message: expect.stringMatching(/^Request was throttled\. Expected available in \d+ seconds?\.$/),
      },
    });
    expect((await postJson(t, `${P}/restore`, { email: 'a@example.com' })).status).toBe(200);
    expect((await postJson(t, `${P}/restore`, { email: 'b@example.com' })).status).toBe(429);
  });
});

describe('django_rest_jwt_auth mount: metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(ENV);
    await createUser(t, { username: 'metric', password: PASSWORD });
  });
  afterAll(() => t.close());

  it('counts signins (succeeded / failed), tokens issued by signin and refresh, refused refreshes', async () => {
    const jwt = JSON.parse(
      (
        await postJson(t, `${P}/signin`, {
          username: 'metric',
          password: PASSWORD,
        })
      ).text,
    ).token as string;
    await postJson(t, `${P}/signin`, { username: 'metric', password: 'wrong' });
    await postJson(t, `${P}/refresh`, '', { Authorization: `Bearer ${jwt}` });
    await postJson(t, `${P}/refresh`, '', { Authorization: 'Bearer junk' });
    const text = await (await fetch(`${t.url}/metrics`)).text();
    const line = (s: string) => new RegExp(`^${s.replace(/[{}()[\]|.+*?^$\\]/g, '\\$&')} (\\d+)$`, 'm').exec(text)?.[1];
    expect(line('auth_logins_total{endpoint="/api/jwtauth/signin",result="succeeded"}')).toBe('1');
    expect(line('auth_logins_total{endpoint="/api/jwtauth/signin",result="failed"}')).toBe('1');
    expect(line('auth_tokens_issued_total{kind="jwt_auth"}')).toBe('2');
    expect(line('auth_tokens_refused_total{endpoint="/api/jwtauth/refresh"}')).toBe('1');
  });
});

/**
 * The mount on djoser-ref's custom user (AUTH_USER_MODEL_FILE: e-mail login, first_name
 * required, accounts_user): signup needs only email and password (USERNAME_FIELD is the e-mail),
 * the user is the model's concrete fields, signin's `username` is the USERNAME_FIELD's value
 * (Django's authenticate), restore mails the account found by EMAIL_FIELD, its template seeing
 * the model's own fields (`user.is_active` exists only there, auth.User's context has none).
 */
describe('django_rest_jwt_auth mount on a described user model', () => {
  let t: TestApp;
  beforeAll(async () => {
    const templates = mkdtempSync(join(tmpdir(), 'jwt-auth-templates-'));
    writeFileSync(
      join(templates, 'jwt_auth_restore.hbs'),
      '{{#*inline "subject"}}Restoring password{{/inline}}\n{{#*inline "text_body"}}{{url}}\nactive={{user.is_active}} email={{user.email}}{{/inline}}',
    );
    t = await startTestApp({
      ...ENV,
      AUTH_USER_MODEL_FILE: `${__dirname}/../conformance/fixtures/custom-user-model.json`,
      EMAIL_TEMPLATES_DIR: templates,
    });
  });
  afterAll(() => t.close());

  it('signup, signin by e-mail, get_user, a taken e-mail, restore', async () => {
    const up = await postJson(t, `${P}/signup`, { email: 'Zoe@EXAMPLE.com', password: 'Zoe-Pass-123' });
    expect(up.status).toBe(201);
    const { user } = JSON.parse(up.text);
    expect(Object.keys(user)).toEqual(['id', 'last_login', 'is_superuser', 'email', 'first_name', 'last_name', 'phone', 'is_staff', 'is_active', 'date_joined']);
    expect(user).toMatchObject({ last_login: null, is_superuser: false, email: 'Zoe@example.com', first_name: '', phone: '', is_staff: false, is_active: true });
    expect(answer(await postJson(t, `${P}/signup`, { email: 'zoe@example.com', password: 'Zoe-Pass-123' }))).toEqual(err(400, 'User with such email already exists'));
    expect(answer(await postJson(t, `${P}/signup`, { email: 'zed@example.com', password: 'zed@example.com' }))).toEqual(
      err(400, 'The password is too similar to the email address.'),
    );

    const signin = await postJson(t, `${P}/signin`, { username: 'Zoe@example.com', password: 'Zoe-Pass-123' });
    expect(signin.status).toBe(200);
    const got = JSON.parse((await postJson(t, `${P}/get_user/`, { token: JSON.parse(signin.text).token })).text);
    expect(got.user).toEqual(user);

    const mail = t.app.get(MailService);
    await mail.flush();
    const before = mail.delivered().length;
    expect((await postJson(t, `${P}/restore`, { email: 'zoe@example.com' })).status).toBe(200);
    await mail.flush();
    const [sent] = mail.delivered().slice(before);
    expect(sent.text).toContain('\nactive=True email=Zoe@example.com');
    const restoring = decodeURIComponent(/restoring=(\S+)/.exec(sent.text)![1]);
    expect(answer(await postJson(t, `${P}/restore`, { token: restoring, new_password: 'New-Pass-456' }))).toEqual({ status: 200, text: '{"message":"Password changed","status":200}' });
    expect((await postJson(t, '/auth/jwt/create/', { email: 'Zoe@example.com', password: 'New-Pass-456' })).status).toBe(200);
  });
});
