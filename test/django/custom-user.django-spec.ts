import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { createApp } from '../../src/app.factory';
import { parseSettings } from '../../src/config/settings';
import { MailService } from '../../src/mail/mail.service';
import { TEST_ENV } from '../support/test-app';

const run = promisify(execFile);
const REF_DIR = process.env.DJOSER_REF_DIR ?? resolve(__dirname, '../../../shared/djoser-ref');
const SCRIPT = resolve(__dirname, '../../scripts/django_user_model.py');
/** The Django 5.2 stack's packages (install-current.sh), for running the script on that Django. */
const CURRENT_SITE = '/opt/djoser-ref-current/usr/lib/python3/dist-packages';
const LINK = /(?:activate|password\/reset\/confirm)\/([A-Za-z0-9_-]+)\/([0-9a-z]+-[0-9a-f]+)/g;

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Issue 19: a Django project with a custom user model (the reference's accounts.User: e-mail
 * login, first_name required, table accounts_user, 64-bit ids), migrated by Django on
 * PostgreSQL and described by scripts/django_user_model.py, served by us with
 * DJANGO_EXISTING_SCHEMA=true. Users created on either side log in on the other.
 */
describe.each([
  ['2.1', '19012'],
  ['current', '19013'],
] as const)('a custom user model (stack %s): Django and nest-djoser on one PostgreSQL database', (stack, REF_PORT) => {
  const REF = `http://127.0.0.1:${REF_PORT}`;
  /** Its own database per stack (start.sh drops and creates it), so it can run beside side-by-side.django-spec.ts. */
  const DB_NAME = `djoser_ref_custom_${stack.replace('.', '')}`;
  const DATABASE_URL = `postgres://djoser_ref:djoser_ref@127.0.0.1:5432/${DB_NAME}`;
  const varDir = mkdtempSync(join(tmpdir(), 'nest-djoser-custom-user-'));
  const mailDir = join(varDir, `mail-${REF_PORT}`);
  const modelFile = join(varDir, 'user-model.json');
  const refEnv = {
    ...process.env,
    REF_DB: 'postgres',
    REF_PG_NAME: DB_NAME,
    REF_USER_MODEL: 'custom',
    REF_STACK: stack,
    REF_SECRET_KEY: TEST_ENV.SECRET_KEY,
    REF_VAR_DIR: varDir,
    REF_WORKERS: '1',
    REF_JSON_ONLY: '1',
  };
  let app: NestFastifyApplication;
  let ours: string;
  let seenRefMails = new Set<string>();

  beforeAll(async () => {
    await run(join(REF_DIR, 'start.sh'), [REF_PORT], { env: refEnv, timeout: 110_000 });
    // As MIGRATING.md tells a team: the script, run in the project's folder with its settings.
    const { stdout } = await run('/usr/bin/python3', [SCRIPT], {
      cwd: REF_DIR,
      env: { ...refEnv, DJANGO_SETTINGS_MODULE: 'refproject.settings', ...(stack === 'current' ? { PYTHONPATH: CURRENT_SITE } : {}) },
    });
    writeFileSync(modelFile, stdout);
    const settings = parseSettings({
      ...TEST_ENV,
      DATABASE_URL,
      DJANGO_EXISTING_SCHEMA: 'true',
      AUTH_USER_MODEL_FILE: modelFile,
      COMPAT_STACK: stack,
      DJOSER_SEND_ACTIVATION_EMAIL: 'true',
      DJOSER_ACTIVATION_URL: 'activate/{uid}/{token}',
      DJOSER_PASSWORD_RESET_CONFIRM_URL: 'password/reset/confirm/{uid}/{token}',
    });
    app = await createApp(settings, { logger: false });
    await app.listen(0, '127.0.0.1');
    ours = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await run(join(REF_DIR, 'stop.sh'), [REF_PORT], { env: refEnv, timeout: 30_000 });
    if (!process.env.KEEP_VAR) rmSync(varDir, { recursive: true, force: true });
  }, 60_000);

  async function call(base: string, method: string, path: string, body?: unknown, auth?: string): Promise<Answer> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (auth) headers.Authorization = auth;
    const res = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }
  const post = (base: string, path: string, body: unknown, auth?: string) => call(base, 'POST', path, body, auth);
  const me = (base: string, auth: string) => call(base, 'GET', '/auth/users/me/', undefined, auth);
  const login = (base: string, email: string, password: string) => post(base, '/auth/jwt/create/', { email, password });

  function djangoLink(): { uid: string; token: string } {
    const files = existsSync(mailDir) ? readdirSync(mailDir).filter((f) => !seenRefMails.has(f)) : [];
    seenRefMails = new Set([...seenRefMails, ...files]);
    const text = files.map((f) => readFileSync(join(mailDir, f), 'utf8')).join('\n');
    const [, uid, token] = [...text.matchAll(LINK)].at(-1) ?? [];
    expect(uid).toBeDefined();
    return { uid, token };
  }

  async function ourLink(): Promise<{ uid: string; token: string }> {
    const mail = app.get(MailService);
    await mail.flush();
    const [, uid, token] = [...(mail.delivered().at(-1)?.text ?? '').matchAll(LINK)].at(-1) ?? [];
    expect(uid).toBeDefined();
    return { uid, token };
  }

  async function row(email: string): Promise<Record<string, unknown>> {
    const c = new Client({ connectionString: DATABASE_URL });
    await c.connect();
    try {
      return (await c.query('SELECT id, password, first_name, last_name, phone, is_active FROM accounts_user WHERE email = $1', [email])).rows[0];
    } finally {
      await c.end();
    }
  }

  it('the script describes the model Django migrated (accounts_user, bigint id, e-mail login)', () => {
    const model = JSON.parse(readFileSync(modelFile, 'utf8'));
    expect(model).toMatchObject({ table: 'accounts_user', pk: { type: 'bigint' }, USERNAME_FIELD: 'email', REQUIRED_FIELDS: ['first_name'] });
    expect(model.fields.email).toMatchObject({ type: 'email', unique: true, verbose_name: 'email address' });
  });

  it('a user Django registered, activated here, logs in here and at Django', async () => {
    const password = 'Registered-at-Django-42';
    expect((await post(REF, '/auth/users/', { email: 'dj@example.com', first_name: 'Dj', password })).status).toBe(201);
    expect((await post(ours, '/auth/users/activation/', djangoLink())).status).toBe(204);
    const here = await login(ours, 'dj@example.com', password);
    expect(here.status).toBe(200);
    expect((await me(ours, `Bearer ${here.body.access}`)).body).toEqual({ first_name: 'Dj', id: 2, email: 'dj@example.com' });
    const atDjango = await login(REF, 'dj@example.com', password);
    expect(atDjango.status).toBe(200);
    expect((await me(ours, `Bearer ${atDjango.body.access}`)).body).toEqual({ first_name: 'Dj', id: 2, email: 'dj@example.com' });
  });

  it("a user we registered lands in Django's table with its defaults, is activated at Django and logs in on both", async () => {
    const password = 'Registered-here-4242';
    const created = await post(ours, '/auth/users/', { email: 'nest@EXAMPLE.com', first_name: 'Nest', password, phone: 'ignored' });
    expect(created).toEqual({ status: 201, body: { first_name: 'Nest', email: 'nest@example.com', id: 3 } });
    expect(await row('nest@example.com')).toMatchObject({ id: '3', first_name: 'Nest', last_name: '', phone: '', is_active: false });
    expect((await post(REF, '/auth/users/activation/', await ourLink())).status).toBe(204);
    expect((await login(REF, 'nest@example.com', password)).status).toBe(200);
    const here = await login(ours, 'nest@example.com', password);
    expect(here.status).toBe(200);
    expect((await me(REF, `Bearer ${here.body.access}`)).body).toEqual({ first_name: 'Nest', id: 3, email: 'nest@example.com' });
  });

  it('both refuse the same duplicates with the same answers', async () => {
    const dup = { email: 'dj@example.com', first_name: 'X', password: 'Another-Secret-77' };
    expect(await post(ours, '/auth/users/', dup)).toEqual(await post(REF, '/auth/users/', dup));
    const domainCase = { ...dup, email: 'dj@EXAMPLE.COM' };
    expect(await post(ours, '/auth/users/', domainCase)).toEqual({ status: 400, body: ['Unable to create account.'] });
    expect(await post(REF, '/auth/users/', domainCase)).toEqual({ status: 400, body: ['Unable to create account.'] });
  });

  it('set_email here is seen at Django; DRF tokens cross', async () => {
    const access = (await login(ours, 'dj@example.com', 'Registered-at-Django-42')).body.access;
    expect((await post(ours, '/auth/users/set_email/', { current_password: 'Registered-at-Django-42', new_email: 'dj2@example.com' }, `Bearer ${access}`)).status).toBe(204);
    expect((await login(REF, 'dj2@example.com', 'Registered-at-Django-42')).status).toBe(200);
    const token = (await post(REF, '/auth/token/login/', { email: 'dj2@example.com', password: 'Registered-at-Django-42' })).body.auth_token;
    expect((await me(ours, `Token ${token}`)).body).toEqual({ first_name: 'Dj', id: 2, email: 'dj2@example.com' });
  });
});
