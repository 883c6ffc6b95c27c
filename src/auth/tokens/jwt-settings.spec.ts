import { defaultJwtSettings, JWT_ALGORITHMS } from './jwt-settings';

describe('defaultJwtSettings', () => {
  it('has the SimpleJWT 5.2.2 DEFAULTS (spec §7.4), SIGNING_KEY = SECRET_KEY', () => {
    expect(defaultJwtSettings('the-secret')).toEqual({
      accessTokenLifetime: 300, // timedelta(minutes=5)
      refreshTokenLifetime: 86400, // timedelta(days=1)
      algorithm: 'HS256',
      signingKey: 'the-secret',
      verifyingKey: '',
      audience: null,
      issuer: null,
      leeway: 0,
      authHeaderTypes: ['Bearer'],
      userIdField: 'id',
      userIdClaim: 'user_id',
      tokenTypeClaim: 'token_type',
      jtiClaim: 'jti',
    });
  });

  it('returns a fresh object each time', () => {
    const a = defaultJwtSettings('k');
    a.authHeaderTypes.push('JWT');
    expect(defaultJwtSettings('k').authHeaderTypes).toEqual(['Bearer']);
  });

  it('lists exactly SimpleJWT 5.2.2 ALLOWED_ALGORITHMS', () => {
    expect([...JWT_ALGORITHMS].sort()).toEqual(
      ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'].sort(),
    );
  });
});
