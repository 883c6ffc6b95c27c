import { startTestApp, TestApp } from '../support/test-app';

/**
 * Django/DRF routing answers, with the reference's bytes (spec §1.1, Appendix A;
 * 404 page and 301 recorded from ../shared/djoser-ref).
 */
describe('routing and the API root', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('GET /auth/ answers the router root with an absolute URL', async () => {
    const res = await fetch(`${t.url}/auth/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(res.headers.get('vary')).toBe('Accept');
    const host = new URL(t.url).host;
    expect(await res.text()).toBe(`{"users":"http://${host}/auth/users/"}`);
  });

  it('indents when the client asks for application/json; indent=4, with a plain Content-Type', async () => {
    const res = await fetch(`${t.url}/auth/`, { headers: { Accept: 'application/json; indent=4' } });
    expect(res.headers.get('content-type')).toBe('application/json');
    const host = new URL(t.url).host;
    expect(await res.text()).toBe(`{\n    "users": "http://${host}/auth/users/"\n}`);
  });

  it('answers 406 when no renderer satisfies Accept', async () => {
    const res = await fetch(`${t.url}/auth/`, { headers: { Accept: 'application/xml' } });
    expect(res.status).toBe(406);
    expect(await res.text()).toBe('{"detail":"Could not satisfy the request Accept header."}');
  });

  it('answers 404 {"detail":"Not found."} for an unknown ?format', async () => {
    const res = await fetch(`${t.url}/auth/?format=xml`);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('{"detail":"Not found."}');
  });

  it('405 names the method and carries Allow', async () => {
    const res = await fetch(`${t.url}/auth/`, { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(await res.text()).toBe('{"detail":"Method \\"POST\\" not allowed."}');
  });

  it('OPTIONS answers DRF metadata', async () => {
    const res = await fetch(`${t.url}/auth/`, { method: 'OPTIONS' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(
      '{"name":"Api Root","description":"The default basic root view for DefaultRouter","renders":["application/json","text/html"],"parses":["application/json","application/x-www-form-urlencoded","multipart/form-data"]}',
    );
  });

  it('HEAD answers the GET headers with no body', async () => {
    const res = await fetch(`${t.url}/auth/`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(await res.text()).toBe('');
  });

  it("unknown paths get Django's HTML 404 page", async () => {
    const res = await fetch(`${t.url}/nope`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(await res.text()).toBe(
      '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n',
    );
  });

  it('carries the security headers Django adds', async () => {
    const res = await fetch(`${t.url}/auth/`);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
  });
});
