import { parseSettings, SettingsError } from '../config/settings';

describe('COMPAT_STACK', () => {
  it('defaults to the current stack', () => {
    expect(parseSettings({}).compat.stack).toBe('current');
    expect(parseSettings({}).compat.versions.djoser).toBe('2.3.3');
  });

  it('selects the 2.1 profile', () => {
    expect(parseSettings({ COMPAT_STACK: '2.1' }).compat.tokenInvalidMessage).toBe('Token is invalid or expired');
  });

  it('refuses an unknown stack, naming the variable', () => {
    expect(() => parseSettings({ COMPAT_STACK: '2.2' })).toThrow(SettingsError);
    expect(() => parseSettings({ COMPAT_STACK: '2.2' })).toThrow('Invalid environment variable COMPAT_STACK="2.2": expected one of current, 2.1');
  });
});

describe('settings only SimpleJWT >= 5.3 has', () => {
  it('are refused under COMPAT_STACK=2.1 unless left at their default', () => {
    expect(() => parseSettings({ COMPAT_STACK: '2.1', SIMPLE_JWT_CHECK_REVOKE_TOKEN: 'true' })).toThrow(
      'Invalid environment variable SIMPLE_JWT_CHECK_REVOKE_TOKEN="true": SimpleJWT 5.2.2 (COMPAT_STACK=2.1) has no such setting',
    );
    expect(() => parseSettings({ COMPAT_STACK: '2.1', SIMPLE_JWT_CHECK_USER_IS_ACTIVE: 'false' })).toThrow(SettingsError);
    expect(parseSettings({ COMPAT_STACK: '2.1', SIMPLE_JWT_CHECK_USER_IS_ACTIVE: 'true' }).simpleJwt.checkUserIsActive).toBe(true);
  });

  it('are read under COMPAT_STACK=current', () => {
    const s = parseSettings({ SIMPLE_JWT_CHECK_REVOKE_TOKEN: 'true', SIMPLE_JWT_REVOKE_TOKEN_CLAIM: 'pwd' }).simpleJwt;
    expect([s.checkRevokeToken, s.revokeTokenClaim, s.checkUserIsActive]).toEqual([true, 'pwd', true]);
    expect(() => parseSettings({ SIMPLE_JWT_CHECK_REVOKE_TOKEN: 'true', SIMPLE_JWT_REVOKE_TOKEN_CLAIM: '' })).toThrow('SIMPLE_JWT_REVOKE_TOKEN_CLAIM');
  });
});
