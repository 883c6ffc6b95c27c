import { createHmac } from 'crypto';
import { TokenPayload } from './claim-value';
import { JwtKeyError } from './jwt-options';
import { defaultJwtSettings, JwtSettings } from './jwt-settings';
import { MAX_TOKEN_BYTES, TokenCodec, TokenError } from './token-codec';
import oursAccepted from './ours-accepted.vectors.json';
import keys from './tools/test-keys.json';
import vectors from './token-codec.vectors.json';

// Vectors recorded from the real SimpleJWT 5.2.2 / PyJWT 2.6 by tools/gen-token-vectors.py;
// the codec now runs on @nestjs/jwt (jsonwebtoken), plus the PyJWT/SimpleJWT rules on top.

type ConfigName = keyof typeof vectors.configs;
const settingsOf = (config: string) => vectors.configs[config as ConfigName] as JwtSettings;

function codec(config: string, nowSeconds: number, jtis: string[] = []): TokenCodec {
  const queue = [...jtis];
  return new TokenCodec(settingsOf(config), () => Math.round(nowSeconds * 1000), () => {
    const jti = queue.shift();
    if (jti === undefined) throw new Error('test ran out of scripted jtis');
    return jti;
  });
}

const isEcdsa = (config: string) => settingsOf(config).algorithm.startsWith('ES');
/** header.payload: ECDSA signatures are randomized, everything before them is deterministic. */
const signedPart = (token: string) => token.slice(0, token.lastIndexOf('.'));
const claimsOf = (token: string): unknown => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
/** Python's json.dumps writes non-ASCII as \u escapes, JSON.stringify (jsonwebtoken) as UTF-8: same claims (COMPAT.md). */
const asciiOnly = (v: { userId: unknown; extra: string }) => typeof v.userId !== 'string' || /^[\x20-\x7e]*$/.test(v.userId);
const plainExtra = (v: { extra: string }) => v.extra === '{}' || v.extra === '{"username":"x"}';

type Outcome = { ok: unknown } | { error: string };

function outcome(run: () => TokenPayload): Outcome {
  try {
    return { ok: run() };
  } catch (e) {
    if (e instanceof TokenError) return { error: e.message };
    throw e;
  }
}

/** The reference's answer in the codec's terms: a Python crash (HTTP 500) is answered "invalid" here (COMPAT.md). */
function expected(result: { ok?: string; error?: string; crash?: string }): Outcome {
  if (result.ok !== undefined) return { ok: JSON.parse(result.ok) };
  return { error: result.error ?? 'Token is invalid or expired' };
}

describe('TokenCodec.issuePair: RefreshToken.for_user + access_token, signed by JwtService', () => {
  it.each(vectors.issue.map((v) => [`${v.config}: ${v.label}`, v] as const))('%s', async (_label, v) => {
    const pair = await codec(v.config, v.now, v.jtis).issuePair(v.userId, JSON.parse(v.extra) as TokenPayload);
    // the claims SimpleJWT wrote, always
    expect(claimsOf(pair.refresh)).toEqual(claimsOf(v.result.refresh));
    expect(claimsOf(pair.access)).toEqual(claimsOf(v.result.access));
    if (isEcdsa(v.config)) {
      expect(signedPart(pair.refresh)).toBe(signedPart(v.result.refresh));
      // and SimpleJWT's own (randomized) signatures verify here
      expect(codec(v.config, v.now).decode(v.result.refresh, 'refresh')).toBeDefined();
      expect(codec(v.config, v.now).decode(v.result.access, 'access')).toBeDefined();
    } else if (asciiOnly(v) && plainExtra(v)) {
      // and the same bytes where the claims are ASCII
      expect(pair.refresh).toBe(v.result.refresh);
      expect(pair.access).toBe(v.result.access);
    }
  });

  it('writes the spec §7.2 shape: PyJWT header, claim order, uuid4-hex jti, shared iat, int user_id', async () => {
    const now = 1700000000.25;
    const pair = await new TokenCodec(defaultJwtSettings('k'), () => now * 1000).issuePair(5);
    expect(pair.refresh.split('.')[0]).toBe('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9');
    expect(pair.access.split('.')[0]).toBe('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9');
    expect(Object.keys(claimsOf(pair.refresh) as object)).toEqual(['token_type', 'exp', 'iat', 'jti', 'user_id']);
    expect(pair.refreshPayload).toMatchObject({ token_type: 'refresh', exp: 1700086400, iat: 1700000000, user_id: 5 });
    expect(pair.accessPayload).toMatchObject({ token_type: 'access', exp: 1700000300, iat: 1700000000, user_id: 5 });
    expect(pair.refreshPayload.jti).toMatch(/^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$/);
    expect(pair.accessPayload.jti).not.toBe(pair.refreshPayload.jti);
  });
});

describe('TokenCodec.accessFromRefresh / rotate: TokenRefreshSerializer on a SimpleJWT refresh token', () => {
  // With TOKEN_TYPE_CLAIM / JTI_CLAIM = None, SimpleJWT's in-memory key None and the decoded
  // key "null" are different dict keys, so it writes "null" twice (not reproduced).
  const rows = vectors.refresh.filter((v) => v.config !== 'null_claims');
  it.each(rows.map((v) => [`${v.config}: ${v.label}${v.rotate ? ' (rotate)' : ''}`, v] as const))('%s', async (_label, v) => {
    const c = codec(v.config, v.now, v.jtis);
    const refresh = c.decode(v.token, 'refresh');
    const before = JSON.stringify(refresh);
    const access = await c.accessFromRefresh(refresh);
    expect(claimsOf(access.token)).toEqual(claimsOf(v.result.access));
    if (v.label !== 'string user id' && v.label !== 'extra claims') expect(access.token).toBe(v.result.access);
    if (v.rotate) {
      const rotated = await c.rotate(refresh);
      expect(claimsOf(rotated.token)).toEqual(claimsOf((v.result as { refresh: string }).refresh));
    }
    expect(JSON.stringify(refresh)).toBe(before); // inputs are not mutated
  });
});

/**
 * Vectors whose answer differs from PyJWT's, each listed in COMPAT.md ("JWTs on jsonwebtoken").
 * jsonwebtoken is stricter on non-canonical encodings, Python-only JSON and non-numeric nbf
 * (refused here, accepted by PyJWT: only the key holder can sign such tokens, SimpleJWT never
 * issues them), and reads payload bytes as UTF-8 with replacement and numbers as doubles.
 */
const KNOWN_DIFFERENCES: Record<string, 'refused' | 'accepted'> = {
  'hs256: nbf string digits past': 'refused',
  'hs256: nbf string padded': 'refused',
  'hs256: nbf string fullwidth digits': 'refused',
  'hs256: nbf string with nbsp': 'refused',
  'hs256: nbf float within the second': 'refused',
  'hs256: nbf true': 'refused',
  'hs256: header with utf-8 BOM': 'refused',
  'hs256: signature last char low bits changed': 'refused',
  "hs256: signature + '='": 'refused',
  "hs256: signature + '=='": 'refused',
  "hs256: signature + '!!'": 'refused',
  'hs256: signature + 0xe9 as str': 'refused',
  'hs256: signature + 0xe9 0xe9 as bytes': 'refused',
  'hs256: payload segment (160 chars) split by a dot at 4': 'refused',
  'hs256: payload segment (160 chars) split by a dot at 5': 'refused',
  'hs256: header segment with junk': 'refused',
  'hs256: payload segment with padding': 'refused',
  'hs256: payload floats': 'refused',
  'hs256: payload utf-8 BOM': 'refused',
  'hs256: payload utf-16-le': 'refused',
  'hs256: payload utf-16-be': 'refused',
  'hs256: payload utf-16 with BOM': 'refused',
  'hs256: payload utf-32-le': 'refused',
  'hs256: payload utf-32 with BOM': 'refused',
  'hs256: oversized token (9000 bytes)': 'refused',
  // accepted by both; the lone surrogate's bytes read as U+FFFD here
  'hs256: payload encoded lone surrogate': 'accepted',
  // PyJWT refuses; jsonwebtoken reads the bytes (U+FFFD) / the number (Infinity)
  'hs256: payload overlong utf-8': 'accepted',
  'hs256: payload int 4301 digits': 'accepted',
};

describe('TokenCodec.decode: the verdicts of AccessToken / RefreshToken / UntypedToken', () => {
  const label = (v: { config: string; label: string }) => `${v.config}: ${v.label}`;
  const decode = (v: (typeof vectors.decode)[number]) => {
    const raw = Buffer.from(v.tokenB64, 'base64');
    // a header's bytes arrive latin-1 decoded, a JSON body's token as UTF-8 text
    const token = v.as === 'bytes' ? raw.toString('latin1') : raw.toString('utf8');
    return outcome(() => codec(v.config, v.now).decode(token, v.type as 'access' | 'refresh' | null));
  };

  const same = vectors.decode.filter((v) => !(label(v) in KNOWN_DIFFERENCES));
  it.each(same.map((v) => [label(v), v] as const))('%s', (_label, v) => {
    expect(decode(v)).toEqual(expected(v.result));
  });

  const differing = vectors.decode.filter((v) => label(v) in KNOWN_DIFFERENCES);
  it('lists every known difference once, each still differing as listed', () => {
    expect(differing.map(label).sort()).toEqual(Object.keys(KNOWN_DIFFERENCES).sort());
    for (const v of differing) {
      const ours = decode(v);
      if (KNOWN_DIFFERENCES[label(v)] === 'refused') {
        expect([label(v), ours]).toEqual([label(v), { error: 'Token is invalid or expired' }]);
        expect(v.result).toHaveProperty('ok');
      } else {
        expect([label(v), ours]).toEqual([label(v), { ok: expect.any(Object) }]);
      }
    }
  });
});

describe('TokenCodec: size limit', () => {
  const secret = 'k';
  const now = 1700000000;
  const b64 = (s: string) => Buffer.from(s).toString('base64url');
  const hs256 = (payload: string) => {
    const input = `${b64('{"alg":"HS256","typ":"JWT"}')}.${b64(payload)}`;
    return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
  };
  const claims = (extra: string) => `{"token_type":"access","exp":${now + 300},"iat":${now},"jti":"x","user_id":1${extra}}`;
  const c = new TokenCodec(defaultJwtSettings(secret), () => now * 1000);

  it('accepts exactly MAX_TOKEN_BYTES and refuses one byte more', () => {
    let atLimit = '';
    for (let n = 0; n < 7000 && atLimit.length !== MAX_TOKEN_BYTES; n++) atLimit = hs256(claims(`,"pad":"${'x'.repeat(n)}"`));
    expect(atLimit).toHaveLength(MAX_TOKEN_BYTES);
    expect(c.decode(atLimit, 'access')).toMatchObject({ user_id: 1 });
    expect(() => c.decode(`${atLimit}=`, 'access')).toThrow(new TokenError('Token is invalid or expired'));
  });

  it('decodes a payload nested 2000 deep without a crash (CPython: RecursionError beyond 939, a 500; COMPAT.md)', () => {
    const deep = claims(`,"x":${'['.repeat(2000)}${']'.repeat(2000)}`);
    expect(c.decode(hs256(deep), 'access')).toHaveProperty('x');
  });
});

describe('tokens minted before the change (old PyJWT-emulating codec, accepted by SimpleJWT) still verify', () => {
  it.each(oursAccepted.map((v) => [`${v.config}: user ${v.userId}`, v] as const))('%s', async (_label, v) => {
    const c = codec(v.config, v.now);
    expect(c.decode(v.refresh, 'refresh')).toEqual(JSON.parse((v.simplejwt.refresh as { ok: string }).ok));
    expect(c.decode(v.access, 'access')).toEqual(JSON.parse((v.simplejwt.access as { ok: string }).ok));
    // SimpleJWT's refresh of that token = ours (except the None-claim-name quirk above)
    if (!isEcdsa(v.config) && v.config !== 'null_claims') {
      const later = codec(v.config, v.now + 60, ['000000000000000000000000000000e0', '000000000000000000000000000000e1']);
      const refresh = later.decode(v.refresh, 'refresh');
      const refreshed = v.simplejwt.refreshed as { access: string; refresh: string };
      expect(claimsOf((await later.accessFromRefresh(refresh)).token)).toEqual(claimsOf(refreshed.access));
      expect(claimsOf((await later.rotate(refresh)).token)).toEqual(claimsOf(refreshed.refresh));
    }
  });
});

describe('TokenCodec: key configuration', () => {
  const rs256 = settingsOf('rs256');

  it('refuses a PEM or ssh key as an HMAC secret (PyJWT InvalidKeyError)', () => {
    expect(() => new TokenCodec({ ...defaultJwtSettings(keys.rsa.public) })).toThrow(JwtKeyError);
    expect(() => new TokenCodec({ ...defaultJwtSettings('ssh-rsa AAAAB3NzaC1yc2E user@host') })).toThrow(JwtKeyError);
  });

  it('needs a public key of the algorithm family for RS/ES', () => {
    expect(() => new TokenCodec({ ...rs256, verifyingKey: '' })).toThrow(JwtKeyError);
    expect(() => new TokenCodec({ ...rs256, verifyingKey: keys.ec256.public })).toThrow(JwtKeyError);
  });

  it('verifies without a private key and fails only when asked to sign', async () => {
    const verifyOnly = new TokenCodec({ ...rs256, signingKey: '' }, () => vectors.now * 1000);
    const valid = vectors.decode.find((v) => v.label === 'rs256: valid')!;
    expect(verifyOnly.decode(Buffer.from(valid.tokenB64, 'base64').toString(), 'access')).toHaveProperty('jti');
    await expect(verifyOnly.issuePair(1)).rejects.toThrow(JwtKeyError);
  });
});
