import type { ConformanceConfig } from '../configs';
import { forgeJwt, ForgeOptions, nowSeconds, randomJti, tamperPayload } from '../jwt-forge';
import type { BodySpec, Step, StepContext } from '../types';

/** Building blocks shared by the scenario files. */

export interface UserSpec {
  username: string;
  email: string;
  password: string;
}

/** The staff user seeded by the reference's start.sh (id 1). */
export const ADMIN: UserSpec = { username: 'admin', email: 'admin@example.com', password: 'Adm1n-Ref-Pass!' };

/** A user with a password no validator objects to. */
export function user(name: string, email = `${name}@example.com`): UserSpec {
  return { username: name, email, password: `${name[0].toUpperCase()}${name.slice(1)}-Secret-42!` };
}

export const STRONG = 'Str0ng-Passw0rd!';
export const USERS = '/auth/users/';
export const ME = '/auth/users/me/';

export const json = (data: unknown): BodySpec => ({ json: data });
export const rawJson = (text: string | Buffer): BodySpec => ({ raw: text, contentType: 'application/json' });

export const post = (name: string, path: string, body?: BodySpec, extra: Partial<Step> = {}): Step => ({
  name,
  method: 'POST',
  path,
  ...(body ? { body } : {}),
  ...extra,
});
export const get = (name: string, path: string, extra: Partial<Step> = {}): Step => ({ name, method: 'GET', path, ...extra });

/** `Authorization` values for a user whose token / JWTs were captured under its name. */
export const tokenOf = (name: string): string => `Token {{${name}.token}}`;
export const bearerOf = (name: string): string => `Bearer {{${name}.access}}`;
export const idOf = (name: string): string => `{{${name}.id}}`;

/** Registration body in the form the configuration expects (retype adds re_password). */
export function registrationBody(config: ConformanceConfig, u: UserSpec): Record<string, string> {
  const body: Record<string, string> = { email: u.email, username: u.username, password: u.password };
  if (config.settings.userCreatePasswordRetype) body.re_password = u.password;
  return body;
}

/** POST users/ capturing `<name>.id` and the activation link as `<name>.act`. */
export function register(config: ConformanceConfig, u: UserSpec, step = `register-${u.username}`, as = u.username): Step {
  return post(step, USERS, json(registrationBody(config, u)), { capture: { [`${as}.id`]: 'id' }, links: `${as}.act` });
}

export function activate(u: UserSpec, step = `activate-${u.username}`, as = u.username): Step {
  return post(step, `${USERS}activation/`, json({ uid: `{{${as}.act.uid}}`, token: `{{${as}.act.token}}` }));
}

/** Register and, where the configuration requires it, activate through the mailed link. */
export function createActiveUser(config: ConformanceConfig, u: UserSpec, as = u.username): Step[] {
  const steps = [register(config, u, `register-${as}`, as)];
  if (config.settings.sendActivationEmail) steps.push(activate(u, `activate-${as}`, as));
  return steps;
}

/** token/login capturing `<as>.token`. */
export function tokenLogin(u: UserSpec, step = `token-login-${u.username}`, as = u.username, password = u.password): Step {
  return post(step, '/auth/token/login/', json({ username: u.username, password }), { capture: { [`${as}.token`]: 'auth_token' } });
}

/** jwt/create capturing `<as>.access` and `<as>.refresh`. */
export function jwtLogin(u: UserSpec, step = `jwt-create-${u.username}`, as = u.username): Step {
  return post(step, '/auth/jwt/create/', json({ username: u.username, password: u.password }), {
    capture: { [`${as}.access`]: 'access', [`${as}.refresh`]: 'refresh' },
  });
}

export const adminLogin = (): Step => tokenLogin(ADMIN, 'token-login-admin', 'admin');

/**
 * The forged JWTs scenarios send, each defined at run time for the user
 * captured as `<owner>.id` (names: `forged.<kind>`; fixtures show
 * `{{forged:<kind>}}`). Times are relative to the moment of sending.
 */
export type ForgedKind =
  | 'expired-access'
  | 'expired-refresh'
  | 'no-exp-access'
  | 'no-jti-access'
  | 'no-type-access'
  | 'sliding-type'
  | 'alg-none-access'
  | 'wrong-key-access'
  | 'hs512-access'
  | 'tampered-access'
  | 'unknown-user-access'
  | 'unknown-user-refresh'
  | 'no-user-id-access'
  | 'string-user-id-access'
  | 'future-iat-access'
  | 'future-nbf-access'
  | 'string-exp-access'
  | 'no-typ-header-access'
  | 'no-exp-refresh'
  | 'no-jti-refresh'
  | 'access-as-refresh-type'
  | 'alg-none-refresh'
  | 'wrong-key-refresh';

function forged(kind: ForgedKind, userId: string | number, config: ConformanceConfig): string {
  const now = nowSeconds();
  const access = config.settings.accessTokenLifetimeS;
  const refresh = config.settings.refreshTokenLifetimeS;
  const claims = (type: string | undefined, lifetime: number, extra: Record<string, unknown> = {}): Record<string, unknown> => {
    const c: Record<string, unknown> = {};
    if (type !== undefined) c.token_type = type;
    c.exp = now + lifetime;
    c.iat = now;
    c.jti = randomJti();
    c.user_id = userId;
    return { ...c, ...extra };
  };
  const without = (c: Record<string, unknown>, key: string) => {
    const copy = { ...c };
    delete copy[key];
    return copy;
  };
  const sign = (payload: Record<string, unknown>, options?: ForgeOptions) => forgeJwt(payload, options);
  switch (kind) {
    case 'expired-access':
      return sign(claims('access', -600, { iat: now - 900 }));
    case 'expired-refresh':
      return sign(claims('refresh', -600, { iat: now - 900 }));
    case 'no-exp-access':
      return sign(without(claims('access', access), 'exp'));
    case 'no-exp-refresh':
      return sign(without(claims('refresh', refresh), 'exp'));
    case 'no-jti-access':
      return sign(without(claims('access', access), 'jti'));
    case 'no-jti-refresh':
      return sign(without(claims('refresh', refresh), 'jti'));
    case 'no-type-access':
      return sign(claims(undefined, access));
    case 'sliding-type':
      return sign(claims('sliding', access, { refresh_exp: now + refresh }));
    case 'access-as-refresh-type':
      return sign(claims('access', access));
    case 'alg-none-access':
      return sign(claims('access', access), { header: { alg: 'none', typ: 'JWT' }, sign: 'none' });
    case 'alg-none-refresh':
      return sign(claims('refresh', refresh), { header: { alg: 'none', typ: 'JWT' }, sign: 'none' });
    case 'wrong-key-access':
      return sign(claims('access', access), { key: 'not-the-secret-key' });
    case 'wrong-key-refresh':
      return sign(claims('refresh', refresh), { key: 'not-the-secret-key' });
    case 'hs512-access':
      return sign(claims('access', access), { header: { alg: 'HS512', typ: 'JWT' }, sign: 'HS512' });
    case 'tampered-access':
      return tamperPayload(sign(claims('access', access)));
    case 'unknown-user-access':
      return sign(claims('access', access, { user_id: 999 }));
    case 'unknown-user-refresh':
      return sign(claims('refresh', refresh, { user_id: 999 }));
    case 'no-user-id-access':
      return sign(without(claims('access', access), 'user_id'));
    case 'string-user-id-access':
      return sign(claims('access', access, { user_id: String(userId) }));
    case 'future-iat-access':
      return sign(claims('access', access + 3600, { iat: now + 3600 }));
    case 'future-nbf-access':
      return sign(claims('access', access, { nbf: now + 3600 }));
    case 'string-exp-access':
      return sign(claims('access', access, { exp: String(now + access) }));
    case 'no-typ-header-access':
      return sign(claims('access', access), { header: { alg: 'HS256' } });
  }
}

/** A `define` hook creating `forged.<kind>` for the user captured as `<owner>.id`. */
export function defineForged(kinds: ForgedKind[], owner: string): (ctx: StepContext) => void {
  return (ctx) => {
    for (const kind of kinds) {
      ctx.define(`forged.${kind}`, forged(kind, ctx.value(`${owner}.id`), ctx.config), `{{forged:${kind}}}`);
    }
  };
}
