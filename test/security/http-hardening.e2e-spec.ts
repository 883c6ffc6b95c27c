import { request } from 'node:http';
import { createUser } from '../auth/auth-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { rawRequest } from './raw-http';

const PASSWORD = 'Alice-Pass-123';
const JSON_CT = { 'Content-Type': 'application/json' };
const DEPTH_ERROR = '{"detail":"JSON parse error - maximum recursion depth exceeded while decoding a JSON array from a unicode string"}';
const TOO_LARGE = '{"detail":"Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE."}';

async function call(t: TestApp, method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${t.url}${path}`, {
    method,
    headers: body === undefined ? headers : { ...JSON_CT, ...headers },
    body,
    redirect: 'manual',
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** A body sent with Transfer-Encoding: chunked (no Content-Length to refuse up front). */
function postChunked(t: TestApp, path: string, chunks: number, chunkSize: number): Promise<{ status: number; text: string }> {
  const url = new URL(path, t.url);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e)));
    const chunk = 'x'.repeat(chunkSize);
    let i = 0;
    const writeMore = () => {
      while (i < chunks) {
        i++;
        if (!req.write(chunk)) return void req.once('drain', writeMore);
      }
      req.end();
    };
    writeMore();
  });
}

describe('security headers (defaults)', () => {
  let t: TestApp;
  let access: string;
  beforeAll(async () => {
    t = await startTestApp();
    await createUser(t, { username: 'alice', password: PASSWORD });
    access = JSON.parse(
      (await call(t, 'POST', '/auth/jwt/create/', JSON.stringify({ username: 'alice', password: PASSWORD }))).text,
    ).access;
  });
  afterAll(() => t.close());

  // The reference (Django 3.2 SecurityMiddleware + XFrameOptionsMiddleware) sends exactly these three.
  const answers: Array<[string, () => Promise<{ status: number; headers: Headers }>]> = [
    ['200 GET /auth/', () => call(t, 'GET', '/auth/')],
    ['200 GET /auth/users/me/', () => call(t, 'GET', '/auth/users/me/', undefined, { Authorization: `Bearer ${access}` })],
    ['400 parse error', () => call(t, 'POST', '/auth/jwt/create/', '{')],
    ['401', () => call(t, 'GET', '/auth/users/me/')],
    ['404 HTML', () => call(t, 'GET', '/nowhere/')],
    ['405', () => call(t, 'DELETE', '/auth/jwt/create/')],
    ['301 APPEND_SLASH', () => call(t, 'GET', '/auth/users/me')],
    ['413', () => call(t, 'POST', '/auth/jwt/create/', 'x'.repeat(2_000_000))],
  ];
  it.each(answers)('%s carries nosniff, Referrer-Policy, X-Frame-Options; no X-Powered-By, no HSTS', async (_name, send) => {
    const { headers } = await send();
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe('same-origin');
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('x-powered-by')).toBeNull();
    expect(headers.get('strict-transport-security')).toBeNull();
  });

  it('token answers are Cache-Control: no-store (jwt/create, jwt/refresh, token/login), other answers are not', async () => {
    const created = await call(t, 'POST', '/auth/jwt/create/', JSON.stringify({ username: 'alice', password: PASSWORD }));
    expect([created.status, created.headers.get('cache-control')]).toEqual([200, 'no-store']);
    const { refresh } = JSON.parse(created.text);
    const refreshed = await call(t, 'POST', '/auth/jwt/refresh', JSON.stringify({ refresh }));
    expect([refreshed.status, refreshed.headers.get('cache-control')]).toEqual([200, 'no-store']);
    const login = await call(t, 'POST', '/auth/token/login/', JSON.stringify({ username: 'alice', password: PASSWORD }));
    expect([login.status, login.headers.get('cache-control')]).toEqual([200, 'no-store']);
    const verify = await call(t, 'POST', '/auth/jwt/verify/', JSON.stringify({ token: access }));
    expect([verify.status, verify.headers.get('cache-control')]).toEqual([200, null]);
  });
});

describe('HSTS behind SECURE_HSTS_SECONDS', () => {
  it('sends max-age with includeSubDomains and preload when asked, on every answer', async () => {
    const t = await startTestApp({ SECURE_HSTS_SECONDS: '31536000', SECURE_HSTS_INCLUDE_SUBDOMAINS: 'true', SECURE_HSTS_PRELOAD: 'true' });
    try {
      for (const path of ['/auth/', '/nowhere/']) {
        const res = await call(t, 'GET', path);
        expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains; preload');
      }
    } finally {
      await t.close();
    }
  });
});

describe('request limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DATA_UPLOAD_MAX_MEMORY_SIZE: '4096', DATA_UPLOAD_MAX_JSON_DEPTH: '10' });
  });
  afterAll(() => t.close());

  it('a body over DATA_UPLOAD_MAX_MEMORY_SIZE is 413 with a DRF body; one under it is parsed', async () => {
    const over = await call(t, 'POST', '/auth/users/', JSON.stringify({ username: 'x'.repeat(5000) }));
    expect([over.status, over.text]).toEqual([413, TOO_LARGE]);
    const under = await call(t, 'POST', '/auth/jwt/create/', JSON.stringify({ username: 'x'.repeat(3000) }));
    expect([under.status, under.text]).toEqual([400, '{"password":["This field is required."]}']);
  });

  it('a chunked body without Content-Length is cut off at the limit too', async () => {
    const res = await postChunked(t, '/auth/users/', 64, 1024);
    expect([res.status, res.text]).toEqual([413, TOO_LARGE]);
    expect((await call(t, 'GET', '/auth/')).status).toBe(200);
  });

  it('the default limit is 1 MiB', async () => {
    const d = await startTestApp();
    try {
      const over = await call(d, 'POST', '/auth/jwt/create/', `"${'x'.repeat(1_048_576)}"`);
      expect([over.status, over.text]).toEqual([413, TOO_LARGE]);
      const under = await call(d, 'POST', '/auth/jwt/create/', `"${'x'.repeat(1_048_000)}"`);
      expect(under.status).toBe(400);
      expect(under.text).toBe('{"non_field_errors":["Invalid data. Expected a dictionary, but got str."]}');
    } finally {
      await d.close();
    }
  });

  it('JSON nested deeper than DATA_UPLOAD_MAX_JSON_DEPTH is a 400 parse error', async () => {
    const nested = (depth: number) => `{"username":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)},"password":"p"}`;
    const ok = await call(t, 'POST', '/auth/jwt/create/', nested(10));
    expect([ok.status, ok.text]).toEqual([400, '{"username":["Not a valid string."]}']);
    const deep = await call(t, 'POST', '/auth/jwt/create/', nested(11));
    expect([deep.status, deep.text]).toEqual([400, DEPTH_ERROR]);
    const huge = await call(t, 'POST', '/auth/jwt/create/', '['.repeat(4000));
    expect([huge.status, huge.text]).toEqual([400, DEPTH_ERROR]);
  });

  it('an oversized header block gets Node 431 (not a 5xx) and the server keeps answering', async () => {
    const res = await rawRequest(t.url, `GET /auth/ HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(res.status).toBe(431);
    expect((await call(t, 'GET', '/auth/')).status).toBe(200);
  });

  it('a form with more than DATA_UPLOAD_MAX_NUMBER_FIELDS (1000) fields is Django 400, not a crash', async () => {
    const body = 'a=1' + '&'.repeat(1000); // 1001 fields as Django counts them, under the 4 KiB limit
    const res = await fetch(`${t.url}/auth/jwt/create/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(res.status).toBe(400);
  });
});
