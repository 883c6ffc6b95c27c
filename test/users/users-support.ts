import { DataSource } from 'typeorm';
import { MailService } from '../../src/mail/mail.service';
import type { DjoserEmailRequest } from '../../src/mail/mail.types';
import { PasswordHasher } from '../../src/users/passwords/password-hasher';
import { User } from '../../src/users/user.entity';
import { startTestApp, type TestApp } from '../support/test-app';

/** The password the reference's transcripts use; it passes Django's four validators. */
export const STRONG = 'Str0ng-Passw0rd!';

/** A test app with the users module's defaults made explicit (the reference's are on). */
export function startUsersApp(env: Record<string, string> = {}): Promise<TestApp> {
  return startTestApp({ DJOSER_SEND_ACTIVATION_EMAIL: 'false', DJOSER_SEND_CONFIRMATION_EMAIL: 'false', ...env });
}

export interface Answer {
  status: number;
  text: string;
  headers: Headers;
}

export interface CallOptions {
  /** JSON body (a string is sent as is, with Content-Type application/json). */
  json?: unknown;
  /** A form body (application/x-www-form-urlencoded). */
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** An Authorization header value. */
  auth?: string;
}

export async function call(t: TestApp, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    body = typeof options.json === 'string' ? options.json : JSON.stringify(options.json);
  } else if (options.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  }
  if (options.auth) headers.Authorization = options.auth;
  const res = await fetch(`${t.url}${path}`, { method, headers, body, redirect: 'manual' });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

export const post = (t: TestApp, path: string, json: unknown, auth?: string) => call(t, 'POST', path, { json, auth });

export interface NewUser {
  username: string;
  password?: string;
  email?: string;
  isActive?: boolean;
  isStaff?: boolean;
  firstName?: string;
  lastName?: string;
}

/** Inserts an auth_user row directly, as `manage.py createsuperuser` or a fixture would. */
export async function createUser(t: TestApp, u: NewUser): Promise<User> {
  const repo = t.app.get(DataSource).getRepository(User);
  const password = u.password === undefined ? STRONG : u.password;
  return repo.save(
    repo.create({
      username: u.username,
      password: password === '!' ? t.app.get(PasswordHasher).makeUnusable() : await t.app.get(PasswordHasher).hash(password),
      email: u.email ?? `${u.username}@example.com`,
      isActive: u.isActive ?? true,
      isStaff: u.isStaff ?? false,
      isSuperuser: false,
      firstName: u.firstName ?? '',
      lastName: u.lastName ?? '',
      lastLogin: null,
      dateJoined: new Date(),
    }),
  );
}

export function findUser(t: TestApp, id: number): Promise<User | null> {
  return t.app.get(DataSource).getRepository(User).findOne({ where: { id } });
}

/** Logs in through Djoser's token/login and returns the Authorization header value. */
export async function login(t: TestApp, username: string, password = STRONG, field = 'username'): Promise<string> {
  const res = await post(t, '/auth/token/login/', { [field]: username, password });
  if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status} ${res.text}`);
  return `Token ${(JSON.parse(res.text) as { auth_token: string }).auth_token}`;
}

/** Every mail delivered so far (each is handed to the backend before its request answers), oldest first. */
export async function mails(t: TestApp): Promise<DjoserEmailRequest[]> {
  return t.app.get(MailService).deliveredRequests();
}

/** Mails requested since the given count, e.g. `const before = (await mails(t)).length`. */
export async function mailsSince(t: TestApp, count: number): Promise<DjoserEmailRequest[]> {
  return (await mails(t)).slice(count);
}

export const UNAUTHENTICATED = '{"detail":"Authentication credentials were not provided."}';
export const NOT_FOUND = '{"detail":"Not found."}';
export const FORBIDDEN = '{"detail":"You do not have permission to perform this action."}';
