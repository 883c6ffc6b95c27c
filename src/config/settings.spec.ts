import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderEnvExample } from './env-example';
import { parseSettings, SettingsError } from './settings';
import { DEV_SECRET_KEY, SETTING_DEFINITIONS } from './settings.schema';

describe('settings', () => {
  it('has Django/Djoser/SimpleJWT defaults with an empty environment', () => {
    const s = parseSettings({});
    expect(s.port).toBe(8000);
    expect(s.passwordResetTimeout).toBe(259200);
    expect(s.email.defaultFrom).toBe('webmaster@localhost');
    expect(s.djoser.hideUsers).toBe(true);
    expect(s.djoser.sendActivationEmail).toBe(false);
    expect(s.djoser.loginField).toBe('username');
    expect(s.simpleJwt).toMatchObject({
      accessTokenLifetime: 300,
      refreshTokenLifetime: 86400,
      algorithm: 'HS256',
      authHeaderTypes: ['Bearer'],
      userIdClaim: 'user_id',
      leeway: 0,
    });
    expect(s.simpleJwt.signingKey).toBe(s.secretKey);
    expect(s.argon2).toEqual({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
  });

  it('reads booleans, numbers and lists the way django-environ does', () => {
    const s = parseSettings({ DJOSER_HIDE_USERS: 'off', DJOSER_SEND_ACTIVATION_EMAIL: 'True', PORT: '9000', SIMPLE_JWT_AUTH_HEADER_TYPES: 'Bearer, JWT' });
    expect(s.djoser.hideUsers).toBe(false);
    expect(s.djoser.sendActivationEmail).toBe(true);
    expect(s.port).toBe(9000);
    expect(s.simpleJwt.authHeaderTypes).toEqual(['Bearer', 'JWT']);
    expect(s.simpleJwt.authHeaderName).toBe('authorization');
    expect(parseSettings({ SIMPLE_JWT_AUTH_HEADER_NAME: 'HTTP_X_ACCESS_TOKEN' }).simpleJwt.authHeaderName).toBe('x-access-token');
  });

  it.each([
    [{ DJOSER_HIDE_USERS: 'maybe' }, 'Invalid environment variable DJOSER_HIDE_USERS="maybe": expected a boolean (true/false, 1/0, yes/no, on/off)'],
    [{ PORT: 'eighty' }, 'Invalid environment variable PORT="eighty": expected a whole number'],
    [{ SIMPLE_JWT_AUTH_HEADER_NAME: 'Authorization' }, 'Invalid environment variable SIMPLE_JWT_AUTH_HEADER_NAME="Authorization": expected a request.META key such as HTTP_AUTHORIZATION'],
    [{ PORT: '70000' }, 'Invalid environment variable PORT="70000": expected a whole number <= 65535'],
    [{ DJOSER_LOGIN_FIELD: 'phone' }, 'Invalid environment variable DJOSER_LOGIN_FIELD="phone": expected one of username, email'],
    [{ DATABASE_URL: 'not a url' }, 'Invalid environment variable DATABASE_URL="not a url": expected a URL such as postgres://user:pass@host:5432/db or smtp://user:pass@host:587'],
    [{ SECRET_KEY: '' }, 'Invalid environment variable SECRET_KEY="": expected a non-empty secret'],
    [{ SIMPLE_JWT_ALGORITHM: 'RS256' }, 'Invalid environment variable SIMPLE_JWT_ALGORITHM="RS256": expected SIMPLE_JWT_SIGNING_KEY and SIMPLE_JWT_VERIFYING_KEY (PEM) to be set for an asymmetric algorithm'],
  ])('refuses %j with one line naming the variable', (env, message) => {
    expect(() => parseSettings(env)).toThrow(new SettingsError(message));
  });

  it('refuses the example SECRET_KEY in production', () => {
    expect(() => parseSettings({ NODE_ENV: 'production', SECRET_KEY: DEV_SECRET_KEY })).toThrow(/SECRET_KEY: the development key/);
    expect(() => parseSettings({ NODE_ENV: 'production', SECRET_KEY: '' })).toThrow(/SECRET_KEY=""/);
    expect(parseSettings({ NODE_ENV: 'production', SECRET_KEY: 'a-real-secret' }).secretKey).toBe('a-real-secret');
  });

  it('.env.example lists every variable with its default (regenerate with npm run env:example)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', '.env.example'), 'utf8');
    expect(committed).toBe(renderEnvExample());
    for (const d of SETTING_DEFINITIONS) expect(committed).toContain(`\n${d.name}=${d.default}\n`);
  });
});
