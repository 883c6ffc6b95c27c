import { parseSettings } from '../config/settings';
import { defaultJwtSettings } from './tokens/jwt-settings';
import { jwtSettingsFrom } from './tokens-provider';

describe('jwtSettingsFrom', () => {
  it("maps the defaults of our settings to SimpleJWT 5.2.2's (SIGNING_KEY = SECRET_KEY)", () => {
    const { release, ...rest } = jwtSettingsFrom(parseSettings({ SECRET_KEY: 'k' }));
    expect(rest).toEqual(defaultJwtSettings('k'));
    // what the SimpleJWT release changes comes from COMPAT_STACK (src/compat)
    expect(release?.tokenInvalidMessage).toBe('Token is invalid');
    expect(jwtSettingsFrom(parseSettings({ SECRET_KEY: 'k', COMPAT_STACK: '2.1' })).release?.userIdClaimAsString).toBe(false);
  });

  it("an empty claim name is Python's None (the check is disabled)", () => {
    const s = jwtSettingsFrom(parseSettings({ SIMPLE_JWT_TOKEN_TYPE_CLAIM: '', SIMPLE_JWT_JTI_CLAIM: '' }));
    expect([s.tokenTypeClaim, s.jtiClaim]).toEqual([null, null]);
  });
});
