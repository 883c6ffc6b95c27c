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
