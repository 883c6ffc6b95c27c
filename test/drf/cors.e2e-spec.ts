import { parseSettings } from '../../src/config/settings';
import { startTestApp, TEST_ENV, TestApp } from '../support/test-app';

/**
 * CORS as django-cors-headers does it (the reference has no CORS middleware; the
 * settings and answers mirror django-cors-headers 4.x).
 */
const SPA = 'http://localhost:5173';

async function call(t: TestApp, method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  const res = await fetch(`${t.url}${path}`, { method, headers, body, redirect: 'manual' });
  return { status: res.status, body: await res.text(), headers: res.headers };
}
const preflight = (t: TestApp, path: string, origin: string, extra: Record<string, string> = {}) =>
  call(t, 'OPTIONS', path, { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type', ...extra });
const corsHeaders = (h: Headers) => [...h.keys()].filter((k) => k.startsWith('access-control-')).sort();

describe('CORS with allowed origins, regexes and credentials', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      CORS_ALLOWED_ORIGINS: `${SPA},https://app.example.com`,
      CORS_ALLOWED_ORIGIN_REGEXES: String.raw`https://\w+\.preview\.example\.org$`,
      CORS_ALLOW_CREDENTIALS: 'true',
      CORS_EXPOSE_HEADERS: 'x-request-id,content-length',
    });
  });
  afterAll(() => t.close());

  it('answers an allowed preflight 200 with an empty body and every header', async () => {
    const res = await preflight(t, '/auth/jwt/create/', SPA);
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    expect(res.headers.get('access-control-allow-origin')).toBe(SPA);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-allow-methods')).toBe('DELETE, GET, OPTIONS, PATCH, POST, PUT');
    expect(res.headers.get('access-control-allow-headers')).toBe('accept, authorization, content-type, user-agent, x-csrftoken, x-requested-with');
    expect(res.headers.get('access-control-max-age')).toBe('86400');
    expect(res.headers.get('access-control-expose-headers')).toBe('x-request-id, content-length');
    expect(res.headers.get('vary')).toBe('origin');
  });

  it('answers a preflight before the APPEND_SLASH redirect and before any 404', async () => {
    expect((await preflight(t, '/auth/users/me', SPA)).status).toBe(200);
    const unknown = await preflight(t, '/nowhere/', SPA);
    expect(unknown.status).toBe(200);
    expect(unknown.headers.get('access-control-allow-origin')).toBe(SPA);
  });

  it('gives a disallowed origin a 200 preflight with no CORS headers (the browser blocks)', async () => {
    const res = await preflight(t, '/auth/jwt/create/', 'https://evil.example.net');
    expect(res.status).toBe(200);
    expect(corsHeaders(res.headers)).toEqual([]);
    expect(res.headers.get('vary')).toBe('origin');
  });

  it('matches regexes from the start of the origin, as re.match does', async () => {
    expect((await preflight(t, '/auth/users/', 'https://pr42.preview.example.org')).headers.get('access-control-allow-origin')).toBe(
      'https://pr42.preview.example.org',
    );
    expect(corsHeaders((await preflight(t, '/auth/users/', 'https://x.pr42.preview.example.org.evil.com')).headers)).toEqual([]);
    expect(corsHeaders((await preflight(t, '/auth/users/', 'http://pr42.preview.example.org')).headers)).toEqual([]);
  });

  it('adds the origin headers to actual requests, errors included, and keeps Vary: Accept', async () => {
    const res = await call(t, 'POST', '/auth/jwt/create/', { Origin: SPA, 'Content-Type': 'application/json' }, '{}');
    expect(res.status).toBe(400);
    expect(res.body).toBe('{"username":["This field is required."],"password":["This field is required."]}');
    expect(res.headers.get('access-control-allow-origin')).toBe(SPA);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-expose-headers')).toBe('x-request-id, content-length');
    expect(res.headers.get('access-control-allow-methods')).toBeNull();
    expect(res.headers.get('vary')).toBe('Accept, origin');
    const unauthorized = await call(t, 'GET', '/auth/users/me/', { Origin: SPA });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('access-control-allow-origin')).toBe(SPA);
  });

  it('adds them to 404 pages too', async () => {
    const res = await call(t, 'GET', '/nowhere/', { Origin: 'https://app.example.com' });
    expect(res.status).toBe(404);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
  });

  it('leaves the answer to a disallowed origin unchanged but for Vary', async () => {
    const res = await call(t, 'POST', '/auth/jwt/create/', { Origin: 'https://evil.example.net', 'Content-Type': 'application/json' }, '{}');
    expect(res.status).toBe(400);
    expect(corsHeaders(res.headers)).toEqual([]);
  });

  it('sends an OPTIONS without Access-Control-Request-Method to DRF metadata', async () => {
    const res = await call(t, 'OPTIONS', '/auth/jwt/create/', { Origin: SPA });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ name: 'Token Obtain Pair' });
    expect(res.headers.get('access-control-allow-origin')).toBe(SPA);
    expect(res.headers.get('access-control-allow-methods')).toBe('DELETE, GET, OPTIONS, PATCH, POST, PUT');
  });
});

describe('CORS_ALLOW_ALL_ORIGINS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CORS_ALLOW_ALL_ORIGINS: 'true', CORS_PREFLIGHT_MAX_AGE: '0', CORS_ALLOW_METHODS: 'get,post' });
  });
  afterAll(() => t.close());

  it('answers * without credentials, no Max-Age when 0, configured methods', async () => {
    const res = await preflight(t, '/auth/users/', 'https://anyone.example');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('access-control-max-age')).toBeNull();
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST');
  });

  it('adds nothing but Vary to a request without Origin', async () => {
    const res = await call(t, 'GET', '/auth/users/me/');
    expect(res.status).toBe(401);
    expect(corsHeaders(res.headers)).toEqual([]);
    expect(res.headers.get('vary')).toBe('Accept, origin');
  });
});

describe('CORS_ALLOW_ALL_ORIGINS with credentials', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CORS_ALLOW_ALL_ORIGINS: 'true', CORS_ALLOW_CREDENTIALS: 'true', CORS_ALLOW_PRIVATE_NETWORK: 'true' });
  });
  afterAll(() => t.close());

  it('echoes the origin (a browser refuses * with credentials) and answers private-network preflights', async () => {
    const res = await preflight(t, '/auth/users/', 'https://anyone.example', { 'Access-Control-Request-Private-Network': 'true' });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://anyone.example');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-allow-private-network')).toBe('true');
  });
});

describe('CORS off (no origin setting)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('changes nothing: a preflight is DRF metadata, no Vary: origin', async () => {
    const res = await preflight(t, '/auth/jwt/create/', SPA);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ name: 'Token Obtain Pair' });
    expect(corsHeaders(res.headers)).toEqual([]);
    expect(res.headers.get('vary')).toBe('Accept');
  });
});

describe('CORS settings are checked at start', () => {
  const parse = (env: Record<string, string>) => () => parseSettings({ ...TEST_ENV, ...env });

  it('refuses an origin without scheme or with a path, and a bad regex', () => {
    expect(parse({ CORS_ALLOWED_ORIGINS: 'localhost:3000' })).toThrow(
      'Invalid environment variable CORS_ALLOWED_ORIGINS="localhost:3000": "localhost:3000" is missing a scheme or host',
    );
    expect(parse({ CORS_ALLOWED_ORIGINS: 'http://a.example/' })).toThrow('"http://a.example/" should not have a path');
    expect(parse({ CORS_ALLOWED_ORIGIN_REGEXES: '^https://(' })).toThrow(/^Invalid environment variable CORS_ALLOWED_ORIGIN_REGEXES="\^https:\/\/\(": /);
    expect(parse({ CORS_PREFLIGHT_MAX_AGE: '-1' })).toThrow('CORS_PREFLIGHT_MAX_AGE');
  });

  it('accepts "null" and a full origin with port', () => {
    expect(parse({ CORS_ALLOWED_ORIGINS: 'null,http://127.0.0.1:19050' })().corsAllowedOrigins).toEqual(['null', 'http://127.0.0.1:19050']);
  });
});
