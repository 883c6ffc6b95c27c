import { createUser } from './auth-fixtures';
import { startTestApp, TEST_ENV, TestApp } from '../support/test-app';
import { CASES, ForgeContext, RecordedAnswer, requestFor, RSA, Target, TARGETS, TokenAttackFixture } from './token-attack-cases';
import * as recorded from './fixtures/token-attacks.json';

/** The real SimpleJWT's answers (djoser-ref), recorded by fixtures/record-token-attacks.ts. */
const REF = (recorded as unknown as { default?: TokenAttackFixture }).default ?? (recorded as unknown as TokenAttackFixture);

async function send(t: TestApp, target: Target, token: string): Promise<RecordedAnswer> {
  const r = requestFor(target, token);
  const res = await fetch(t.url + r.path, { method: r.method, headers: { ...r.headers, Accept: 'application/json' }, body: r.body });
  return { status: res.status, body: await res.text(), wwwAuthenticate: res.headers.get('www-authenticate') };
}

/** SimpleJWT's generic refusal, the answer where the reference crashes. */
const INVALID: Record<Target, RecordedAnswer> = {
  verify: REF.wrong_key.verify,
  refresh: REF.wrong_key.refresh,
  me: REF.wrong_key.me,
};

const ROWS = Object.keys(CASES).flatMap((name) => TARGETS.map((target) => [name, target] as const));

describe('forged tokens get SimpleJWT’s answers (HS256 server)', () => {
  let t: TestApp;
  let ctx: () => ForgeContext;
  beforeAll(async () => {
    t = await startTestApp();
    const user = await createUser(t, { username: 'victim', password: 'correct-horse-1' });
    ctx = () => ({ key: TEST_ENV.SECRET_KEY, userId: user.id, now: Math.floor(Date.now() / 1000) });
  });
  afterAll(() => t.close());

  it('covers every case the reference answered', () => {
    expect(Object.keys(REF).sort()).toEqual(Object.keys(CASES).sort());
  });

  it.each(ROWS)('%s on %s', async (name, target) => {
    const ref = REF[name][target];
    const ours = await send(t, target, CASES[name](target, ctx()));
    if (ref.status >= 500) {
      // The reference crashes: a refresh without jti gets the text jwt/verify gives it, a string exp the generic refusal (COMPAT.md).
      expect(ours).toEqual(name === 'missing_jti' ? REF.missing_jti.verify : INVALID[target]);
    } else if (ref.status === 200 && target === 'refresh') {
      // SimpleJWT accepts a refresh token without user_id: a fresh access token each time.
      expect(ours.status).toBe(200);
      expect(Object.keys(JSON.parse(ours.body))).toEqual(Object.keys(JSON.parse(ref.body)));
    } else {
      expect(ours).toEqual(ref);
    }
  });
});

describe('HS/RS algorithm confusion (RS256 server)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SIMPLE_JWT_ALGORITHM: 'RS256', SIMPLE_JWT_SIGNING_KEY: RSA.privateKey, SIMPLE_JWT_VERIFYING_KEY: RSA.publicKey });
    await createUser(t, { username: 'victim', password: 'correct-horse-1' });
  });
  afterAll(() => t.close());

  it.each(TARGETS)('an HS256 token keyed with the public key is refused on %s', async (target) => {
    // PyJWT refuses an algorithm outside ALGORITHM (and a PEM as HMAC key): SimpleJWT's answer for a disallowed alg.
    const token = CASES.hs512_header_hs256_signature(target, { key: RSA.publicKey, userId: 1, now: Math.floor(Date.now() / 1000) });
    const hsWithPublicKey = token.replace(/^[^.]+/, Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url'));
    const [h, p] = hsWithPublicKey.split('.');
    const { createHmac } = await import('node:crypto');
    const forged = `${h}.${p}.${createHmac('sha256', RSA.publicKey).update(`${h}.${p}`).digest('base64url')}`;
    expect(await send(t, target, forged)).toEqual(REF.alg_rs256_to_hs256_server[target]);
  });

  it.each(TARGETS)('alg none is refused on %s', async (target) => {
    const token = CASES.alg_none(target, { key: '', userId: 1, now: Math.floor(Date.now() / 1000) });
    expect(await send(t, target, token)).toEqual(REF.alg_none[target]);
  });

  it('a genuine RS256 token still works (the refusals are not a broken setup)', async () => {
    const res = await fetch(`${t.url}/auth/jwt/create/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'victim', password: 'correct-horse-1' }),
    });
    const { access } = (await res.json()) as { access: string };
    expect((await send(t, 'me', access)).status).toBe(200);
  });
});
