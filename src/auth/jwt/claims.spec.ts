import { parseSettings } from '../../config/settings';
import { expiresAtOf, invalidToken, jtiOf } from './claims';

describe('claim helpers', () => {
  const settings = parseSettings({});

  it("jtiOf: the jti as Django's str() stores it in the blacklist tables", () => {
    expect(jtiOf({ jti: 'abc' }, settings)).toBe('abc');
    expect(jtiOf({ jti: 5 }, settings)).toBe('5');
    expect(jtiOf({ jti: true }, settings)).toBe('True');
    expect(jtiOf({ other: 'x' }, settings)).toBeNull();
    expect(jtiOf({ tid: 'x' }, parseSettings({ SIMPLE_JWT_JTI_CLAIM: 'tid' }))).toBe('x');
  });

  it('expiresAtOf: datetime_from_epoch(exp)', () => {
    expect(expiresAtOf({ exp: 1700000000 }).toISOString()).toBe('2023-11-14T22:13:20.000Z');
    expect(expiresAtOf({ exp: 1700000000.5 }).toISOString()).toBe('2023-11-14T22:13:20.500Z');
  });

  it("invalidToken: SimpleJWT's InvalidToken body", () => {
    const e = invalidToken('Token is blacklisted');
    expect([e.status, e.data]).toEqual([401, { detail: 'Token is blacklisted', code: 'token_not_valid' }]);
  });
});
