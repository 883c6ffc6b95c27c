import {
  generateDrfTokenKey,
  headerBytes,
  invalidTokenBody,
  jwtAuthenticateHeader,
  parseDrfTokenAuthorization,
  parseJwtAuthorization,
  TokenClassMessage,
} from './auth-header';
import { JwtSettings } from './jwt-settings';
import { TokenCodec, TokenError } from './token-codec';
import vectors from './auth-header.vectors.json';
import codecVectors from './token-codec.vectors.json';

// Outcomes recorded from DRF 3.14 TokenAuthentication and SimpleJWT 5.2.2 JWTAuthentication
// (AUTH_HEADER_TYPES = ("Bearer", "JWT")) by tools/gen-token-vectors.py. Header strings are
// what Node hands over: one char per byte (latin-1), as Django's META holds them too.

const printable = (h: string | null) => (h === null ? '(absent)' : JSON.stringify(h).slice(0, 60));

describe('parseJwtAuthorization = JWTAuthentication.get_header + get_raw_token', () => {
  it.each(vectors.headers.map((row) => [printable(row.header), row] as const))('%s', (_label, row) => {
    const result = parseJwtAuthorization(row.header ?? undefined, vectors.authHeaderTypes);
    const expected = row.jwt as { skip?: true; token?: string; status?: number; body?: string };
    if (expected.skip) {
      expect(result).toEqual({ kind: 'skip' });
    } else if (expected.token !== undefined) {
      expect(result).toEqual({ kind: 'token', raw: expected.token, rawBytes: Buffer.from(expected.token, 'latin1') });
    } else {
      expect(expected.status).toBe(401);
      expect(result.kind).toBe('error');
      expect(JSON.stringify((result as { body: object }).body)).toBe(expected.body);
    }
  });

  it('uses the first header type in WWW-Authenticate (spec §7.3)', () => {
    expect(jwtAuthenticateHeader(['Bearer', 'JWT'])).toBe('Bearer realm="api"');
    expect(jwtAuthenticateHeader(['JWT'])).toBe('JWT realm="api"');
  });
});

describe('parseDrfTokenAuthorization = TokenAuthentication.authenticate up to the key lookup', () => {
  it.each(vectors.headers.map((row) => [printable(row.header), row] as const))('%s', (_label, row) => {
    const result = parseDrfTokenAuthorization(row.header ?? undefined);
    const expected = row.drf as { skip?: true; key?: string; status?: number; body?: string };
    if (expected.skip) {
      expect(result).toEqual({ kind: 'skip' });
    } else if (expected.key !== undefined) {
      expect(result).toEqual({ kind: 'key', key: expected.key });
    } else {
      expect(expected.status).toBe(401);
      expect(result).toEqual({ kind: 'error', detail: JSON.parse(expected.body as string) });
    }
  });

  it('reads a header string with chars beyond U+00FF (only possible from JS) as UTF-8', () => {
    expect(headerBytes('Token \u20ac')).toEqual(Buffer.from([...Buffer.from('Token '), 0xe2, 0x82, 0xac]));
    expect(parseDrfTokenAuthorization('Token \u20ac')).toEqual({ kind: 'key', key: '\u20ac' });
    // the same text as wire bytes (latin-1 chars) decodes identically
    expect(parseDrfTokenAuthorization('Token \u00e2\u0082\u00ac')).toEqual({ kind: 'key', key: '\u20ac' });
  });
});

describe('invalidTokenBody = the InvalidToken body of JWTAuthentication.get_validated_token', () => {
  // AUTH_TOKEN_CLASSES: "headers" = (AccessToken, UntypedToken), "hs256" = SimpleJWT's default (AccessToken,)
  const tokenClasses: Record<string, { tokenClass: string; tokenType: string; type: 'access' | null }[]> = {
    headers: [
      { tokenClass: 'AccessToken', tokenType: 'access', type: 'access' },
      { tokenClass: 'UntypedToken', tokenType: 'untyped', type: null },
    ],
    hs256: [{ tokenClass: 'AccessToken', tokenType: 'access', type: 'access' }],
  };

  it.each(vectors.invalidTokenBodies.map((row) => [`${row.config}: ${row.label}`, row] as const))(
    '%s',
    async (_label, row) => {
      const settings = codecVectors.configs[row.config as keyof typeof codecVectors.configs] as JwtSettings;
      const codec = new TokenCodec(settings, () => row.now * 1000);
      const raw = Buffer.from(row.tokenB64, 'base64');
      const messages: TokenClassMessage[] = [];
      let valid = false;
      for (const cls of tokenClasses[row.config]) {
        try {
          codec.decode(raw.toString('latin1'), cls.type);
          valid = true;
          break;
        } catch (e) {
          if (!(e instanceof TokenError)) throw e;
          messages.push({ tokenClass: cls.tokenClass, tokenType: cls.tokenType, message: e.message });
        }
      }
      const expected = row.result as { valid?: true; status?: number; body?: string };
      if (expected.valid) {
        expect(valid).toBe(true);
      } else {
        expect(valid).toBe(false);
        expect(expected.status).toBe(401);
        expect(JSON.stringify(invalidTokenBody(messages))).toBe(expected.body);
      }
    },
  );

  it('matches the captured refresh-token-as-access body of spec Appendix A', () => {
    expect(
      JSON.stringify(
        invalidTokenBody([{ tokenClass: 'AccessToken', tokenType: 'access', message: 'Token has wrong type' }]),
      ),
    ).toBe(
      '{"detail":"Given token not valid for any token type","code":"token_not_valid","messages":[{"token_class":"AccessToken","token_type":"access","message":"Token has wrong type"}]}',
    );
  });
});

describe('generateDrfTokenKey', () => {
  it('is 40 lowercase hex digits (hexlify(os.urandom(20))), different every time', () => {
    const keys = new Set(Array.from({ length: 50 }, generateDrfTokenKey));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{40}$/);
  });
});
