import { createHmac, generateKeyPairSync, sign as rsaSign } from 'node:crypto';

/**
 * Forged JWTs for the attack tests. The recorder sends them to the real SimpleJWT (djoser-ref)
 * and stores its answers; the e2e test rebuilds the same tokens for our server (its key, its
 * user id, the current time) and expects those answers byte for byte.
 */
export type Target = 'verify' | 'refresh' | 'me';
export const TARGETS: Target[] = ['verify', 'refresh', 'me'];

export interface ForgeContext {
  key: string;
  userId: number;
  now: number;
}

const b64 = (v: unknown): string => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const hs = (input: string, key: string | Buffer, algo = 'sha256'): string => createHmac(algo, key).update(input).digest('base64url');

/** An RSA key pair made once per process (only to sign tokens the HS256 server must refuse). */
export const RSA = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

/** The token type the target expects (jwt/verify takes any; an access token is the common case). */
const typeFor = (t: Target): string => (t === 'refresh' ? 'refresh' : 'access');

/** SimpleJWT's claim order: token_type, exp, iat, jti, user_id. */
function claims(t: Target, c: ForgeContext, override: Record<string, unknown> = {}, drop: string[] = []): Record<string, unknown> {
  const base: Record<string, unknown> = {
    token_type: typeFor(t),
    exp: c.now + 300,
    iat: c.now,
    jti: 'f0e1d2c3b4a5968778695a4b3c2d1e0f',
    user_id: c.userId,
    ...override,
  };
  for (const k of drop) delete base[k];
  return base;
}

function hs256(payload: Record<string, unknown>, key: string | Buffer, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${hs(input, key)}`;
}

export const CASES: Record<string, (t: Target, c: ForgeContext) => string> = {
  alg_none: (t, c) => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims(t, c))}.`,
  alg_none_with_signature: (t, c) => {
    const input = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims(t, c))}`;
    return `${input}.${hs(input, c.key)}`;
  },
  /** An RS256 token (signed with a real RSA key) sent to an HS256 server. */
  alg_rs256_to_hs256_server: (t, c) => {
    const input = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims(t, c))}`;
    return `${input}.${rsaSign('sha256', Buffer.from(input), RSA.privateKey).toString('base64url')}`;
  },
  hs512_header_hs256_signature: (t, c) => hs256(claims(t, c), c.key, { alg: 'HS512', typ: 'JWT' }),
  tampered_payload: (t, c) => {
    const [h, , s] = hs256(claims(t, c), c.key).split('.');
    return `${h}.${b64(claims(t, c, { user_id: c.userId + 1000 }))}.${s}`;
  },
  wrong_key: (t, c) => hs256(claims(t, c), 'not-the-server-key-0123456789-0123456789'),
  expired: (t, c) => hs256(claims(t, c, { exp: c.now - 60, iat: c.now - 400 }), c.key),
  not_yet_valid: (t, c) => hs256(claims(t, c, { nbf: c.now + 3600 }), c.key),
  wrong_token_type: (t, c) => hs256(claims(t, c, { token_type: t === 'refresh' ? 'access' : 'refresh' }), c.key),
  unknown_token_type: (t, c) => hs256(claims(t, c, { token_type: 'root' }), c.key),
  missing_exp: (t, c) => hs256(claims(t, c, {}, ['exp']), c.key),
  missing_jti: (t, c) => hs256(claims(t, c, {}, ['jti']), c.key),
  missing_user_id: (t, c) => hs256(claims(t, c, {}, ['user_id']), c.key),
  missing_token_type: (t, c) => hs256(claims(t, c, {}, ['token_type']), c.key),
  exp_as_string: (t, c) => hs256(claims(t, c, { exp: String(c.now + 300) }), c.key),
  malformed_three_dots: () => 'a.b.c.d',
  not_base64: () => '!!!.@@@.###',
  /** 4 KB of claims under a wrong signature (the Bearer header stays under gunicorn's 8 KB field limit). */
  oversized_forged: (t, c) => hs256(claims(t, c, { pad: 'A'.repeat(4000) }), 'not-the-server-key-0123456789-0123456789'),
  /** 200 KB in the JSON body of verify/refresh. */
  oversized_body_forged: (t, c) => hs256(claims(t, c, { pad: 'A'.repeat(t === 'me' ? 10 : 200_000) }), 'not-the-server-key-0123456789-0123456789'),
};

/** The request for a token and a target. */
export function requestFor(t: Target, token: string): { path: string; method: string; headers: Record<string, string>; body?: string } {
  if (t === 'me') return { path: '/auth/users/me/', method: 'GET', headers: { Authorization: `Bearer ${token}` } };
  const field = t === 'verify' ? 'token' : 'refresh';
  return { path: `/auth/jwt/${t}/`, method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ [field]: token }) };
}

export interface RecordedAnswer {
  status: number;
  body: string;
  wwwAuthenticate: string | null;
}

export type TokenAttackFixture = Record<string, Record<Target, RecordedAnswer>>;
