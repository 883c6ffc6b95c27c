import { parseSettings } from '../config/settings';
import { defaultJwtSettings } from './tokens/jwt-settings';
import { jwtSettingsFrom } from './tokens-provider';

describe('jwtSettingsFrom', () => {
  it("maps the defaults of our settings to SimpleJWT 5.2.2's (SIGNING_KEY = SECRET_KEY)", () => {
    expect(jwtSettingsFrom(parseSettings({ SECRET_KEY: 'k' }))).toEqual(defaultJwtSettings('k'));
  });

  it("an empty claim name is Python's None (the check is disabled)", () => {
    const s = jwtSettingsFrom(parseSettings({ SIMPLE_JWT_TOKEN_TYPE_CLAIM: '', SIMPLE_JWT_JTI_CLAIM: '' }));
    expect([s.tokenTypeClaim, s.jtiClaim]).toEqual([null, null]);
  });
});
