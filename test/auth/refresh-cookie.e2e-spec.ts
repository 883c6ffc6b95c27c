import { parseSettings, SettingsError } from '../../src/config/settings';
import { startTestApp, TEST_ENV, TestApp } from '../support/test-app';
import { createUser } from './auth-fixtures';

const PASSWORD = 'Alice-Pass-123';
const COOKIE_ENV = { SIMPLE_JWT_AUTH_REFRESH_COOKIE: 'refresh_token' };

interface Answer {
  status: number;
  text: string;
  cookies: string[];
}

async function post(t: TestApp, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    text: await res.text(),
    cookies: res.headers.getSetCookie(),
  };
}

/** name → value of the cookies a response sets. */
function cookieValues(a: Answer): Record<string, string> {
  return Object.fromEntries(a.cookies.map((c) => c.split(';')[0].split('=') as [string, string]));
}

/** Logs in and returns what a browser would keep: the two cookies, as a Cookie header, and the CSRF value. */
async function login(t: TestApp): Promise<{ answer: Answer; cookie: string; csrf: string; refresh: string }> {
  const answer = await post(t, '/auth/jwt/create/', {
    username: 'alice',
    password: PASSWORD,
  });
  const v = cookieValues(answer);
  return {
    answer,
    cookie: `refresh_token=${v.refresh_token}; csrftoken=${v.csrftoken}`,
    csrf: v.csrftoken,
    refresh: v.refresh_token,
  };
}

describe('cookie mode off (default): Djoser clients see no change', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await createUser(t, { username: 'alice', password: PASSWORD });
  });
  afterAll(() => t.close());

  it('jwt/create answers the pair in the body and sets no cookie', async () => {
    const a = await post(t, '/auth/jwt/create/', {
      username: 'alice',
      password: PASSWORD,
    });
    expect(a.status).toBe(200);
    expect(a.text).toMatch(/^\{"refresh":"[^"]+","access":"[^"]+"\}$/);
    expect(a.cookies).toEqual([]);
  });

  it('a refresh cookie is ignored: the body field stays required', async () => {
    const { refresh } = JSON.parse(
      (
        await post(t, '/auth/jwt/create/', {
          username: 'alice',
          password: PASSWORD,
        })
      ).text,
    );
    const a = await post(t, '/auth/jwt/refresh/', {}, { Cookie: `refresh_token=${refresh}; csrftoken=x`, 'X-CSRFToken': 'x' });
    expect(a.status).toBe(400);
    expect(a.text).toBe('{"refresh":["This field is required."]}');
  });
});

describe('cookie mode on', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(COOKIE_ENV);
    await createUser(t, { username: 'alice', password: PASSWORD });
  });
  afterAll(() => t.close());

  it('jwt/create answers only the access token and sets the HttpOnly refresh cookie and a readable CSRF cookie', async () => {
    const { answer } = await login(t);
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/^\{"access":"[^"]+"\}$/);
    expect(answer.cookies).toHaveLength(2);
    const [refresh, csrf] = answer.cookies;
    expect(refresh).toMatch(/^refresh_token=[\w-]+\.[\w-]+\.[\w-]+; Max-Age=86400; Path=\/auth\/jwt\/; HttpOnly; Secure; SameSite=Lax$/);
    expect(csrf).toMatch(/^csrftoken=[\w-]{43}; Max-Age=86400; Path=\/; Secure; SameSite=Lax$/);
  });

  it('jwt/refresh takes the cookie when the CSRF header repeats the CSRF cookie', async () => {
    const { cookie, csrf } = await login(t);
    const a = await post(t, '/auth/jwt/refresh/', {}, { Cookie: cookie, 'X-CSRFToken': csrf });
    expect(a.status).toBe(200);
    expect(a.text).toMatch(/^\{"access":"[^"]+"\}$/);
    expect(a.cookies).toEqual([]); // no rotation: the cookie stays
  });

  it('a cookie-authenticated refresh without the CSRF header, with a wrong one or without the CSRF cookie is 403', async () => {
    const { cookie, csrf, refresh } = await login(t);
    const missing = await post(t, '/auth/jwt/refresh/', {}, { Cookie: cookie });
    expect([missing.status, missing.text]).toEqual([403, '{"detail":"CSRF Failed: CSRF token missing."}']);
    const wrong = await post(t, '/auth/jwt/refresh/', {}, { Cookie: cookie, 'X-CSRFToken': csrf.slice(1) + 'A' });
    expect([wrong.status, wrong.text]).toEqual([403, '{"detail":"CSRF Failed: CSRF token incorrect."}']);
    const noCookie = await post(t, '/auth/jwt/refresh/', {}, { Cookie: `refresh_token=${refresh}`, 'X-CSRFToken': csrf });
    expect([noCookie.status, noCookie.text]).toEqual([403, '{"detail":"CSRF Failed: CSRF cookie not set."}']);
  });

  it('a refresh token in the body works as before, without CSRF', async () => {
    const { refresh } = await login(t);
    const a = await post(t, '/auth/jwt/refresh/', { refresh });
    expect(a.status).toBe(200);
    expect(a.text).toMatch(/^\{"access":"[^"]+"\}$/);
  });

  it('no cookie and no body field: the serializer answers as usual', async () => {
    const a = await post(t, '/auth/jwt/refresh/', {});
    expect([a.status, a.text]).toEqual([400, '{"refresh":["This field is required."]}']);
  });

  it('a bad token in the cookie is refused with SimpleJWT answer', async () => {
    const a = await post(t, '/auth/jwt/refresh/', {}, { Cookie: 'refresh_token=abc; csrftoken=x', 'X-CSRFToken': 'x' });
    expect([a.status, a.text]).toEqual([401, '{"detail":"Token is invalid or expired","code":"token_not_valid"}']);
  });

  it('jwt/blacklist takes the cookie (+CSRF), clears it, and the token no longer refreshes', async () => {
    const { cookie, csrf } = await login(t);
    const noCsrf = await post(t, '/auth/jwt/blacklist/', {}, { Cookie: cookie });
    expect(noCsrf.status).toBe(403);
    const a = await post(t, '/auth/jwt/blacklist/', {}, { Cookie: cookie, 'X-CSRFToken': csrf });
    expect([a.status, a.text]).toEqual([200, '{}']);
    expect(a.cookies).toEqual(['refresh_token=""; Max-Age=0; Path=/auth/jwt/; HttpOnly; Secure; SameSite=Lax']);
    const after = await post(t, '/auth/jwt/refresh/', {}, { Cookie: cookie, 'X-CSRFToken': csrf });
    expect([after.status, after.text]).toEqual([401, '{"detail":"Token is blacklisted","code":"token_not_valid"}']);
  });
});

describe('cookie mode with rotation and custom cookie settings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      ...COOKIE_ENV,
      SIMPLE_JWT_ROTATE_REFRESH_TOKENS: 'true',
      SIMPLE_JWT_AUTH_COOKIE_SECURE: 'false',
      SIMPLE_JWT_AUTH_COOKIE_SAMESITE: 'Strict',
      SIMPLE_JWT_AUTH_COOKIE_DOMAIN: 'example.com',
      SIMPLE_JWT_REFRESH_TOKEN_LIFETIME: '3600',
      CSRF_HEADER_NAME: 'X-XSRF-TOKEN',
    });
    await createUser(t, { username: 'alice', password: PASSWORD });
  });
  afterAll(() => t.close());

  it('a rotated refresh token replaces the cookie and stays out of the body', async () => {
    const { cookie, csrf, refresh } = await login(t);
    const a = await post(t, '/auth/jwt/refresh/', {}, { Cookie: cookie, 'X-XSRF-TOKEN': csrf });
    expect(a.status).toBe(200);
    expect(a.text).toMatch(/^\{"access":"[^"]+"\}$/);
    const next = cookieValues(a);
    expect(next.refresh_token).not.toBe(refresh);
    expect(a.cookies[0]).toMatch(/^refresh_token=[^;]+; Max-Age=3600; Path=\/auth\/jwt\/; Domain=example\.com; HttpOnly; SameSite=Strict$/);
    expect(a.cookies[1]).toMatch(/^csrftoken=[\w-]{43}; Max-Age=3600; Path=\/; Domain=example\.com; SameSite=Strict$/);
    // the new pair of cookies works in turn
    const again = await post(
      t,
      '/auth/jwt/refresh/',
      {},
      {
        Cookie: `refresh_token=${next.refresh_token}; csrftoken=${next.csrftoken}`,
        'X-XSRF-TOKEN': next.csrftoken,
      },
    );
    expect(again.status).toBe(200);
  });

  it('a refresh token in the body still answers the pair in the body (no cookie set)', async () => {
    const { refresh } = await login(t);
    const a = await post(t, '/auth/jwt/refresh/', { refresh });
    expect(a.status).toBe(200);
    expect(a.text).toMatch(/^\{"access":"[^"]+","refresh":"[^"]+"\}$/);
    expect(a.cookies).toEqual([]);
  });
});

describe('cookie settings are checked at start', () => {
  const parse = (env: Record<string, string>) => () => parseSettings({ ...TEST_ENV, ...env });
  it.each([
    [
      {
        ...COOKIE_ENV,
        SIMPLE_JWT_AUTH_COOKIE_SAMESITE: 'None',
        SIMPLE_JWT_AUTH_COOKIE_SECURE: 'false',
      },
      'SIMPLE_JWT_AUTH_COOKIE_SECURE',
    ],
    [{ SIMPLE_JWT_AUTH_REFRESH_COOKIE: 'bad name;' }, 'SIMPLE_JWT_AUTH_REFRESH_COOKIE'],
    [{ SIMPLE_JWT_AUTH_COOKIE_SAMESITE: 'lax' }, 'SIMPLE_JWT_AUTH_COOKIE_SAMESITE'],
    [{ CSRF_HEADER_NAME: 'X CSRF' }, 'CSRF_HEADER_NAME'],
    [{ SIMPLE_JWT_AUTH_REFRESH_COOKIE_PATH: 'auth/jwt' }, 'SIMPLE_JWT_AUTH_REFRESH_COOKIE_PATH'],
  ])('%j is refused naming %s', (env, name) => {
    expect(parse(env)).toThrow(SettingsError);
    expect(parse(env)).toThrow(new RegExp(`^Invalid environment variable ${name}=`));
  });
});
