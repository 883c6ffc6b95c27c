import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
/** This suite's reference ports, one per stack (test:django uses 19000–19049). */
const STACKS = [
  { stack: '2.1', port: '19010', pbkdf2: 260000 },
  { stack: 'current', port: '19011', pbkdf2: 1000000 },
] as const;
/** The reference's PostgreSQL database and role (start.sh creates both; each start drops the database). */
const DB_NAME = process.env.DJOSER_REF_PG_NAME ?? 'djoser_ref';
const DATABASE_URL = `postgres://djoser_ref:djoser_ref@127.0.0.1:5432/${DB_NAME}`;
/** A uid/token pair in an activation or reset link, as both servers write them. */
const LINK = /(?:activate|password\/reset\/confirm)\/([A-Za-z0-9_-]+)\/([0-9a-z]+-[0-9a-f]+)/g;

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** Claim names and the JSON type of each, in order: what a client decoding the token sees. */
function claimShape(token: unknown): Array<[string, string]> {
  const payload = JSON.parse(Buffer.from(String(token).split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
  return Object.entries(payload).map(([k, v]) => [k, typeof v]);
}

/**
 * The migration path, proven for each stack: Django (../shared/djoser-ref, REF_DB=postgres,
 * REF_STACK) and our server (COMPAT_STACK of the same name) on ONE database with the same
 * SECRET_KEY; ours adopts Django's tables (DJANGO_EXISTING_SCHEMA). Users, passwords, e-mailed
 * links, JWTs and DRF tokens cross from either side to the other.
 */
describe.each(STACKS)('Django ($stack stack) and nest-djoser side by side on one PostgreSQL database', ({ stack, port: REF_PORT, pbkdf2 }) => {
  const REF = `http://127.0.0.1:${REF_PORT}`;
  const varDir = mkdtempSync(join(tmpdir(), 'nest-djoser-side-by-side-'));
  const mailDir = join(varDir, `mail-${REF_PORT}`);
  const refEnv = {
    ...process.env,
    REF_DB: 'postgres',
    REF_PG_NAME: DB_NAME,
    REF_SECRET_KEY: TEST_ENV.SECRET_KEY,
    REF_VAR_DIR: varDir,
    REF_WORKERS: '1',
    REF_JSON_ONLY: '1',
    REF_STACK: stack,
  };
  let app: NestFastifyApplication;
  let ours: string;
  let seenRefMails = new Set<string>();

  beforeAll(async () => {
    await run(join(REF_DIR, 'start.sh'), [REF_PORT], { env: refEnv, timeout: 110_000 });
    const settings = parseSettings({
      ...TEST_ENV,
      DATABASE_URL,
      DJANGO_EXISTING_SCHEMA: 'true',
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
    rmSync(varDir, { recursive: true, force: true });
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

  /** uid and token of the newest link Django's file backend wrote since the last call. */
  function djangoLink(): { uid: string; token: string } {
    const files = existsSync(mailDir) ? readdirSync(mailDir).filter((f) => !seenRefMails.has(f)) : [];
    seenRefMails = new Set([...seenRefMails, ...files]);
    const text = files.map((f) => readFileSync(join(mailDir, f), 'utf8')).join('\n');
    const [, uid, token] = [...text.matchAll(LINK)].at(-1) ?? [];
    expect(uid).toBeDefined();
    return { uid, token };
  }

  /** uid and token of the newest link our server mailed. */
  async function ourLink(): Promise<{ uid: string; token: string }> {
    const mail = app.get(MailService);
    await mail.flush();
    const [, uid, token] = [...(mail.delivered().at(-1)?.text ?? '').matchAll(LINK)].at(-1) ?? [];
    expect(uid).toBeDefined();
    return { uid, token };
  }

  async function storedHash(username: string): Promise<string> {
    const c = new Client({ connectionString: DATABASE_URL });
    await c.connect();
    try {
      return (await c.query('SELECT password FROM auth_user WHERE username = $1', [username])).rows[0].password;
    } finally {
      await c.end();
    }
  }

  const login = (base: string, username: string, password: string) => post(base, '/auth/jwt/create/', { username, password });

  it("a user Django registered, activated here, logs in here; Django still accepts the upgraded hash", async () => {
    const password = 'Registered-at-Django-42';
    expect((await post(REF, '/auth/users/', { username: 'django_user', email: 'django_user@example.com', password })).status).toBe(201);
    expect(await storedHash('django_user')).toMatch(new RegExp(`^pbkdf2_sha256\\$${pbkdf2}\\$`));
    // (no login attempt before activating: a correct password would upgrade the hash even for an
    // inactive user, as Django's check_password does, and so void the link; see MIGRATING.md)
    expect((await post(ours, '/auth/users/activation/', djangoLink())).status).toBe(204);

    expect((await login(ours, 'django_user', password)).status).toBe(200);
    // upgraded to our argon2id parameters, in Django's argon2 format
    expect(await storedHash('django_user')).toMatch(/^argon2\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    const atDjango = await login(REF, 'django_user', password);
    expect(atDjango.status).toBe(200);
    expect((await me(ours, `Bearer ${atDjango.body.access}`)).body).toEqual({ email: 'django_user@example.com', id: 2, username: 'django_user' });
  });

  it('a user we registered, activated at Django, logs in on both', async () => {
    const password = 'Registered-here-4242';
    expect((await post(ours, '/auth/users/', { username: 'nest_user', email: 'nest_user@example.com', password })).status).toBe(201);
    expect(await storedHash('nest_user')).toMatch(/^argon2\$argon2id\$/);
    expect((await post(REF, '/auth/users/activation/', await ourLink())).status).toBe(204);
    expect((await login(REF, 'nest_user', password)).status).toBe(200);
    expect((await login(ours, 'nest_user', password)).status).toBe(200);
  });

  it('a reset link mailed by Django is redeemed here, and ours at Django', async () => {
    expect((await post(REF, '/auth/users/reset_password/', { email: 'django_user@example.com' })).status).toBe(204);
    expect((await post(ours, '/auth/users/reset_password_confirm/', { ...djangoLink(), new_password: 'Reset-here-from-Django-1' })).status).toBe(204);
    expect((await login(REF, 'django_user', 'Reset-here-from-Django-1')).status).toBe(200);

    expect((await post(ours, '/auth/users/reset_password/', { email: 'nest_user@example.com' })).status).toBe(204);
    expect((await post(REF, '/auth/users/reset_password_confirm/', { ...(await ourLink()), new_password: 'Reset-at-Django-from-us-1' })).status).toBe(204);
    // Django stored its own default hash (pbkdf2); we verify it and upgrade it again
    expect(await storedHash('nest_user')).toMatch(/^pbkdf2_sha256\$/);
    expect((await login(ours, 'nest_user', 'Reset-at-Django-from-us-1')).status).toBe(200);
    expect(await storedHash('nest_user')).toMatch(/^argon2\$argon2id\$/);
  });

  it('JWTs from either side authenticate, verify and refresh on the other', async () => {
    const fromDjango = (await login(REF, 'django_user', 'Reset-here-from-Django-1')).body;
    const fromUs = (await login(ours, 'nest_user', 'Reset-at-Django-from-us-1')).body;
    // same claim names, order and JSON types (user_id a string with the current stack)
    expect(claimShape(fromUs.access)).toEqual(claimShape(fromDjango.access));
    expect(claimShape(fromUs.refresh)).toEqual(claimShape(fromDjango.refresh));
    expect(claimShape(fromUs.access).find(([k]) => k === 'user_id')?.[1]).toBe(stack === 'current' ? 'string' : 'number');
    expect((await me(ours, `Bearer ${fromDjango.access}`)).body).toMatchObject({ username: 'django_user' });
    expect((await me(REF, `Bearer ${fromUs.access}`)).body).toMatchObject({ username: 'nest_user' });
    expect((await post(ours, '/auth/jwt/refresh/', { refresh: fromDjango.refresh })).status).toBe(200);
    expect((await post(REF, '/auth/jwt/refresh/', { refresh: fromUs.refresh })).status).toBe(200);
    expect((await post(ours, '/auth/jwt/verify/', { token: fromDjango.access })).status).toBe(200);
    expect((await post(REF, '/auth/jwt/verify/', { token: fromUs.access })).status).toBe(200);
  });

  it('DRF tokens from either side authenticate on the other; a logout on one ends it on both', async () => {
    const djangoToken = (await post(REF, '/auth/token/login/', { username: 'django_user', password: 'Reset-here-from-Django-1' })).body.auth_token;
    expect((await me(ours, `Token ${djangoToken}`)).body).toMatchObject({ username: 'django_user' });
    const ourToken = (await post(ours, '/auth/token/login/', { username: 'nest_user', password: 'Reset-at-Django-from-us-1' })).body.auth_token;
    expect((await me(REF, `Token ${ourToken}`)).body).toMatchObject({ username: 'nest_user' });

    expect((await post(ours, '/auth/token/logout/', {}, `Token ${djangoToken}`)).status).toBe(204);
    expect((await me(REF, `Token ${djangoToken}`)).status).toBe(401);
    expect((await post(REF, '/auth/token/logout/', {}, `Token ${ourToken}`)).status).toBe(204);
    expect((await me(ours, `Token ${ourToken}`)).status).toBe(401);
  });
});
