import { createHmac, randomBytes } from 'crypto';
import { DataSource } from 'typeorm';
import { PasswordHasher } from '../../src/users/passwords/password-hasher';
import { User } from '../../src/users/user.entity';
import type { TestApp } from '../support/test-app';

export interface NewUser {
  username: string;
  password: string;
  email?: string;
  isActive?: boolean;
  isStaff?: boolean;
}

/** Inserts an auth_user row directly (the register endpoint belongs to the users module). */
export async function createUser(t: TestApp, u: NewUser): Promise<User> {
  const hasher = t.app.get(PasswordHasher);
  const repo = t.app.get(DataSource).getRepository(User);
  return repo.save(
    repo.create({
      username: u.username,
      password: await hasher.hash(u.password),
      email: u.email ?? `${u.username}@example.com`,
      isActive: u.isActive ?? true,
      isStaff: u.isStaff ?? false,
      isSuperuser: false,
      firstName: '',
      lastName: '',
      lastLogin: null,
      dateJoined: new Date(),
    }),
  );
}

export function db(t: TestApp): DataSource {
  return t.app.get(DataSource);
}

/** POST a JSON body; returns status, raw text and headers. */
export async function postJson(
  t: TestApp,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

export async function get(t: TestApp, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${t.url}${path}`, { headers });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** The payload of a JWT (no verification), for assertions on claims and their order. */
export function jwtPayloadText(token: string): string {
  return Buffer.from(token.split('.')[1], 'base64url').toString('utf8');
}

/** An HS256 JWT signed by hand (node crypto), for tokens SimpleJWT would never issue. */
export function signHs256(payload: Record<string, unknown>, key: string): string {
  const input = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
export const randomJti = (): string => randomBytes(16).toString('hex');
