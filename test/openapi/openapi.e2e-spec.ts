import { RouteRegistry } from '../../src/drf/route-registry';
import { startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(60_000);

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

type Doc = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown; operationId?: string }>>;
  components: Record<string, Record<string, unknown>>;
};

/** `/auth/users/:id(^(?!...)...)` → `/auth/users/{id}/` (Django's URL, as the document writes it). */
function documentPath(pattern: string): string {
  const segments = pattern
    .split('/')
    .filter(Boolean)
    .map((seg) => (seg.startsWith(':') ? `{${/^:(\w+)/.exec(seg)![1]}}` : seg));
  return `/${segments.join('/')}${segments.length ? '/' : ''}`;
}

/** What the server actually serves: every registered view whose path does not answer Django's 404. */
async function servedRoutes(t: TestApp): Promise<Set<string>> {
  const served = new Set<string>();
  for (const entry of t.app.get(RouteRegistry).all()) {
    const path = documentPath(entry.pattern);
    const probe = await fetch(t.url + path.replace('{id}', '1'), { method: 'OPTIONS' });
    await probe.arrayBuffer();
    if (probe.status === 404 && !(probe.headers.get('content-type') ?? '').includes('json')) continue;
    for (const m of entry.methods) if (m !== 'HEAD') served.add(`${m.toLowerCase()} ${path}`);
  }
  return served;
}

function documentedRoutes(doc: Doc): Set<string> {
  const routes = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths)) for (const m of Object.keys(item)) if (METHODS.includes(m)) routes.add(`${m} ${path}`);
  return routes;
}

/** Every `$ref` in the document, as JSON pointers. */
function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refs(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

function resolve(doc: unknown, ref: string): unknown {
  expect(ref.startsWith('#/')).toBe(true);
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), doc);
}

function checkStructure(doc: Doc): void {
  expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
  expect(typeof doc.info.title).toBe('string');
  expect(typeof doc.info.version).toBe('string');
  const ids = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths)) {
    expect(path.startsWith('/')).toBe(true);
    const { parameters, ...operations } = item as typeof item & { parameters?: Array<{ name: string; in: string }> };
    for (const [method, op] of Object.entries(operations)) {
      expect(METHODS).toContain(method);
      expect(Object.keys(op.responses).length).toBeGreaterThan(0);
      for (const code of Object.keys(op.responses)) expect(code).toMatch(/^[1-5]\d\d$/);
      expect(ids.has(op.operationId!)).toBe(false);
      ids.add(op.operationId!);
      // every path parameter is declared
      for (const [, name] of path.matchAll(/\{(\w+)\}/g))
        expect([...(parameters ?? []), ...((op as { parameters?: typeof parameters }).parameters ?? [])]).toContainEqual(
          expect.objectContaining({ name, in: 'path', required: true }),
        );
    }
  }
  for (const ref of refs(doc)) expect([ref, resolve(doc, ref) !== undefined]).toEqual([ref, true]);
}

/**
 * One source of truth: for every documented request body, an empty body makes the live server
 * report exactly the fields the document marks as required (logged in, so permissions pass).
 */
async function checkRequiredFields(t: TestApp, doc: Doc, registration: Record<string, string>, credentials: Record<string, string>): Promise<void> {
    const headers = { 'content-type': 'application/json' };
    expect((await fetch(`${t.url}/auth/users/`, { method: 'POST', headers, body: JSON.stringify(registration) })).status).toBe(201);
    const login = await fetch(`${t.url}/auth/jwt/create/`, { method: 'POST', headers, body: JSON.stringify(credentials) });
    const { access } = (await login.json()) as { access: string };
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const body = (op.requestBody as { content?: Record<string, { schema: { required?: string[] } }> } | undefined)?.content;
        if (!body || path.includes('{id}')) continue;
        const res = await fetch(t.url + path, {
          method: method.toUpperCase(),
          headers: { ...headers, authorization: `Bearer ${access}` },
          body: '{}',
        });
        const data = res.status === 204 ? {} : ((await res.json()) as Record<string, unknown>);
        const missing = res.status === 400 ? Object.keys(data).filter((k) => k !== 'non_field_errors') : [];
        expect([method, path, missing.sort()]).toEqual([method, path, [...(body['application/json'].schema.required ?? [])].sort()]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(15);
}

async function schemaOf(t: TestApp): Promise<Doc> {
  const res = await fetch(`${t.url}/api/schema/`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/vnd.oai.openapi+json');
  return (await res.json()) as Doc;
}

describe('OpenAPI document', () => {
  describe('default settings', () => {
    let t: TestApp;
    let doc: Doc;
    beforeAll(async () => {
      t = await startTestApp();
      doc = await schemaOf(t);
    });
    afterAll(() => t.close());

    it('lists exactly the routes the server serves', async () => {
      const served = await servedRoutes(t);
      expect(served.has('post /auth/users/set_username/')).toBe(true);
      expect(served.has('post /auth/api/token/')).toBe(false);
      expect([...documentedRoutes(doc)].sort()).toEqual([...served].sort());
    });

    it('is structurally valid OpenAPI 3 and every $ref resolves', () => {
      checkStructure(doc);
      expect(refs(doc).length).toBeGreaterThan(10);
    });

    it('describes bodies from the serializers, the DRF errors and the auth schemes', () => {
      const create = doc.paths['/auth/users/'].post;
      const body = create.requestBody as { content: Record<string, { schema: { properties: Record<string, { maxLength?: number }>; required: string[] } }> };
      expect(Object.keys(body.content).sort()).toEqual(['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data']);
      const schema = body.content['application/json'].schema;
      expect(schema.required).toEqual(['username', 'password']);
      expect(schema.properties.username.maxLength).toBe(150);
      expect(schema.properties.id).toBeUndefined();
      expect(Object.keys(create.responses).sort()).toEqual(['201', '400', '401', '405', '406', '415', '429']);
      expect(Object.keys(doc.paths['/auth/users/me/'].get.responses)).toEqual(expect.arrayContaining(['200', '401', '403']));
      expect(doc.paths['/auth/jwt/create/'].post.responses['429']).toBeDefined();
      expect(doc.paths['/auth/jwt/create/'].post.responses['401']).toBeUndefined();
      const badRequest = doc.components.responses.ValidationError as { content: Record<string, { schema: { oneOf: unknown[] } }> };
      expect(badRequest.content['application/json'].schema.oneOf).toEqual([
        { $ref: '#/components/schemas/ValidationError' },
        { $ref: '#/components/schemas/Detail' },
      ]);
      expect(Object.keys(doc.paths['/auth/users/{id}/'])).toEqual(['parameters', 'get', 'put', 'patch', 'delete', 'options']);
      expect(doc.components.securitySchemes).toEqual({
        token: expect.objectContaining({ type: 'apiKey', name: 'Authorization' }),
        jwt: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      });
    });

    it('serves Swagger UI and its assets; unknown assets are 404', async () => {
      for (const path of ['/api/docs/', '/api/docs']) {
        const page = await fetch(t.url + path);
        expect(page.status).toBe(200);
        expect(page.headers.get('content-type')).toContain('text/html');
        expect(await page.text()).toContain('/api/docs/swagger-ui-bundle.js');
      }
      const init = await fetch(`${t.url}/api/docs/swagger-initializer.js`);
      expect(await init.text()).toContain('"/api/schema/"');
      const bundle = await fetch(`${t.url}/api/docs/swagger-ui-bundle.js`);
      expect(bundle.status).toBe(200);
      expect(bundle.headers.get('content-type')).toContain('javascript');
      expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
      for (const path of ['/api/docs/package.json', '/api/docs/..%2Fpackage.json', '/api/docs/x/y', '/api/schemas/']) {
        const res = await fetch(t.url + path);
        expect([path, res.status]).toEqual([path, 404]);
        await res.arrayBuffer();
      }
    });

    it('documents as required exactly the fields the server reports missing for an empty body', () =>
      checkRequiredFields(t, doc, { username: 'schema-user', password: 'Horse-Battery-9' }, { username: 'schema-user', password: 'Horse-Battery-9' }));

    it('leaves the DRF routes alone', async () => {
      const res = await fetch(`${t.url}/auth/users/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ username: ['This field is required.'], password: ['This field is required.'] });
    });
  });

  describe('e-mail login and the optional mounts', () => {
    let t: TestApp;
    let doc: Doc;
    beforeAll(async () => {
      t = await startTestApp({
        DJOSER_LOGIN_FIELD: 'email',
        MOUNT_SIMPLEJWT_URLS: 'true',
        MOUNT_AUTHTOKEN_URL: 'true',
        SIMPLE_JWT_AUTH_HEADER_TYPES: 'Bearer,JWT',
        DJOSER_USER_CREATE_PASSWORD_RETYPE: 'true',
      });
      doc = await schemaOf(t);
    });
    afterAll(() => t.close());

    it('lists exactly the routes the server serves', async () => {
      const served = await servedRoutes(t);
      expect(served.has('post /auth/users/set_email/')).toBe(true);
      expect(served.has('post /api/token/')).toBe(true);
      expect(served.has('post /api-token-auth/')).toBe(true);
      expect([...documentedRoutes(doc)].sort()).toEqual([...served].sort());
    });

    it('is structurally valid and follows the settings', () => {
      checkStructure(doc);
      const body = doc.paths['/auth/users/'].post.requestBody as { content: Record<string, { schema: { required: string[] } }> };
      expect(body.content['application/json'].schema.required).toEqual(['email', 'password', 're_password']);
      expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['jwt', 'jwtJWT', 'token']);
    });

    it('documents as required exactly the fields the server reports missing for an empty body', () =>
      checkRequiredFields(
        t,
        doc,
        { email: 'schema@example.com', password: 'Horse-Battery-9', re_password: 'Horse-Battery-9' },
        { email: 'schema@example.com', password: 'Horse-Battery-9' },
      ));
  });

  it('API_DOCS_ENABLED=false: both paths are 404', async () => {
    const t = await startTestApp({ API_DOCS_ENABLED: 'false' });
    try {
      for (const path of ['/api/schema/', '/api/docs/', '/api/docs/swagger-ui.css']) {
        const res = await fetch(t.url + path);
        expect([path, res.status]).toEqual([path, 404]);
        await res.arrayBuffer();
      }
    } finally {
      await t.close();
    }
  });
});
