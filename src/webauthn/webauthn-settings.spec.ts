import { parseSettings, SettingsError } from '../config/settings';

const env = { SECRET_KEY: 'x'.repeat(50) };
const parse = (extra: Record<string, string>) => parseSettings({ ...env, ...extra }).webauthn;

describe('WEBAUTHN_* settings', () => {
  it("defaults are Djoser's WEBAUTHN dict", () => {
    expect(parse({})).toEqual({ rpId: 'localhost', rpName: 'localhost', origins: ['http://localhost:8000'], challengeTimeout: 300 });
  });

  it('a parent domain as RP ID and several origins', () => {
    expect(parse({ WEBAUTHN_RP_ID: 'example.com', WEBAUTHN_ORIGIN: 'https://app.example.com,https://example.com' }).origins).toEqual([
      'https://app.example.com',
      'https://example.com',
    ]);
  });

  it('refuses an RP ID the origin does not belong to, naming the variable', () => {
    expect(() => parse({ WEBAUTHN_RP_ID: 'example.com', WEBAUTHN_ORIGIN: 'https://example.org' })).toThrow(
      new SettingsError('Invalid environment variable WEBAUTHN_RP_ID="example.com": it must be the host of WEBAUTHN_ORIGIN "https://example.org" or a parent domain of it'),
    );
    expect(() => parse({ WEBAUTHN_RP_ID: 'ample.com', WEBAUTHN_ORIGIN: 'https://example.com' })).toThrow(/WEBAUTHN_RP_ID/);
  });

  it('refuses an origin with a path, an RP ID with a scheme, an empty origin list', () => {
    expect(() => parse({ WEBAUTHN_ORIGIN: 'http://localhost:8000/app' })).toThrow(/^Invalid environment variable WEBAUTHN_ORIGIN="http:\/\/localhost:8000\/app"/);
    expect(() => parse({ WEBAUTHN_RP_ID: 'https://example.com' })).toThrow(/^Invalid environment variable WEBAUTHN_RP_ID=/);
    expect(() => parse({ WEBAUTHN_ORIGIN: '' })).toThrow(/^Invalid environment variable WEBAUTHN_ORIGIN=""/);
  });
});
