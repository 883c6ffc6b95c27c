import { PasswordResetTokenGenerator, TokenUser } from './password-reset-token.generator';

// Vectors below were produced by Django 3.2.25 (/usr/bin/python3) with SECRET_KEY
// 's3cr3t-vectors-ünïcode', PASSWORD_RESET_TIMEOUT=3600, USE_TZ=True, TIME_ZONE='UTC',
// unsaved `User(**fields)` instances, `_make_token_with_timestamp(user, ts)` and a
// subclass overriding `_now()` for check_token.
const SECRET = 's3cr3t-vectors-ünïcode';
const TIMEOUT = 3600;

const USERS: TokenUser[] = [
  { id: 1, password: "pbkdf2_sha256$260000$abc$def=", lastLogin: null, email: "a@example.com" },
  { id: 2, password: "argon2$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", lastLogin: new Date('2024-05-06T07:08:09.999999+00:00'), email: "Bob@Example.com" },
  { id: 3, password: "!unusable", lastLogin: new Date('2030-12-31T23:59:59+00:00'), email: "" },
  { id: 2147483647, password: "", lastLogin: new Date('2001-01-01T00:00:00+00:00'), email: null },
  { id: 5, password: "pbkdf2_sha256$1$x$y", lastLogin: new Date('0999-01-02T03:04:05+00:00'), email: "\u00fc\u00f1\u00ef@ex\u00e4mple.com" },
  { id: 6, password: "p\u20acss", lastLogin: new Date('2020-02-29T12:00:00.500000+00:00'), email: "x@y.z" },
];

// [user index, timestamp, Django token]
const MADE: [number, number, string][] = [
  [0, 0, "0-e1a0c89884a520732fc4018d983f2c5b"],
  [0, 35, "z-296129931d2bc01ffa1f1ef88bbe13da"],
  [0, 736000000, "c6718g-8c27ce7c256292ad0a1c241cddb85c7f"],
  [1, 1, "1-804dab651de45e6159a7899ae1534709"],
  [1, 36, "10-36212d9dbab70d04f21bfa9e42c2f1aa"],
  [1, 775000000, "ctexts-6ae15e868fbdaeeb34c3850f6a2dfa92"],
  [2, 35, "z-a30af099a60c9ce71f5441c57e5b768f"],
  [2, 736000000, "c6718g-134ce47ee1fcac0cbfb61791a1344574"],
  [2, 2176782335, "zzzzzz-ed23911fdcb42cc18e64a5cd61651731"],
  [3, 0, "0-5922a9e003bc57617058283b37533653"],
  [3, 35, "z-3fc12ec9c53775d5d8a586ded7496e8b"],
  [3, 736000000, "c6718g-36b9c883a0c25568e3348ffaa4812b48"],
  [4, 1, "1-e2090e8c81ee227e5ccc0f6c3c4c61b5"],
  [4, 36, "10-b1af107812cdde3e2fba4d2fa873ccfa"],
  [4, 775000000, "ctexts-244eb13003d6f536425096efb5e07bee"],
  [5, 35, "z-ba2c05f4332f3e3b3d9b1741d68731aa"],
  [5, 736000000, "c6718g-d1b53e3aff729825a271657aab7e2616"],
  [5, 2176782335, "zzzzzz-c8391cda96fd6fa8836be6f87eddaf30"],
];

// [case, user index, token, now, Django check_token result]
const CHECKED: [string, number, string, string, boolean][] = [
  ["fresh", 1, "c6lftl-66328d08516ada6f1e8028bd7ed41234", "2024-05-06T07:08:09Z", true],
  ["same second +0.9s", 1, "c6lftl-66328d08516ada6f1e8028bd7ed41234", "2024-05-06T07:08:09.900000Z", true],
  ["exactly timeout", 1, "c6lftl-66328d08516ada6f1e8028bd7ed41234", "2024-05-06T08:08:09Z", true],
  ["timeout + 1s", 1, "c6lftl-66328d08516ada6f1e8028bd7ed41234", "2024-05-06T08:08:10Z", false],
  ["timeout + 0.5s", 1, "c6lftl-66328d08516ada6f1e8028bd7ed41234", "2024-05-06T08:08:09.500000Z", true],
  ["made in the future", 1, "c6lftl-66328d08516ada6f1e8028bd7ed41234", "2024-04-06T07:08:09Z", true],
  ["other user", 2, "c6lftl-66328d08516ada6f1e8028bd7ed41234", "2024-05-06T07:08:09Z", false],
  ["tampered hash", 1, "c6lftl-66328d08516ada6f1e8028bd7ed41230", "2024-05-06T07:08:09Z", false],
  ["uppercase timestamp", 1, "C6LFTL-66328d08516ada6f1e8028bd7ed41234", "2024-05-06T07:08:09Z", false],
  ["leading zero timestamp", 1, "0c6lftl-66328d08516ada6f1e8028bd7ed41234", "2024-05-06T07:08:09Z", false],
  ["extra part", 1, "c6lftl-66328d08516ada6f1e8028bd7ed41234-x", "2024-05-06T07:08:09Z", false],
  ["no dash", 1, "c6lftl66328d08516ada6f1e8028bd7ed41234", "2024-05-06T07:08:09Z", false],
  ["empty", 1, "", "2024-05-06T07:08:09Z", false],
  ["truncated hash", 1, "c6lftl-66328d08516ada6f1e8028bd7ed412", "2024-05-06T07:08:09Z", false],
  ["space before", 1, " c6lftl-66328d08516ada6f1e8028bd7ed41234", "2024-05-06T07:08:09Z", false],
];

const EPOCH_2001_MS = Date.UTC(2001, 0, 1);
const at = (seconds: number) => () => new Date(EPOCH_2001_MS + seconds * 1000);

describe('PasswordResetTokenGenerator', () => {
  describe('spec §5.2 test vector', () => {
    const user: TokenUser = {
      id: 42,
      password: 'pbkdf2_sha256$260000$abcdefghijklmnopqrstuv$0123456789abcdefghijklmnopqrstuvwxyzABCDEFG=',
      lastLogin: new Date('2024-05-06T07:08:09.123456Z'),
      email: 'vec@example.com',
    };
    const generator = new PasswordResetTokenGenerator('test-secret-key-for-research', TIMEOUT, at(736000000));

    it('makes the token Django makes', () => {
      expect(generator.makeToken(user)).toBe('c6718g-08ce98f71b05fb73658ba60ed86b715a');
      expect(generator.makeToken({ ...user, lastLogin: null })).toBe('c6718g-7209ea85db02f2d5d29f1f868c8c7de6');
    });

    it('accepts it', () => {
      expect(generator.checkToken(user, 'c6718g-08ce98f71b05fb73658ba60ed86b715a')).toBe(true);
    });
  });

  it.each(MADE)('user %i at ts %i makes %s', (userIndex, ts, token) => {
    const generator = new PasswordResetTokenGenerator(SECRET, TIMEOUT, at(ts));
    expect(generator.makeToken(USERS[userIndex])).toBe(token);
    expect(generator.checkToken(USERS[userIndex], token)).toBe(true);
  });

  it.each(CHECKED)('check_token: %s', (_label, userIndex, token, now, expected) => {
    const generator = new PasswordResetTokenGenerator(SECRET, TIMEOUT, () => new Date(now));
    expect(generator.checkToken(USERS[userIndex], token)).toBe(expected);
  });

  it('rejects missing tokens', () => {
    const generator = new PasswordResetTokenGenerator(SECRET, TIMEOUT);
    expect(generator.checkToken(USERS[0], null)).toBe(false);
    expect(generator.checkToken(USERS[0], undefined)).toBe(false);
  });

  it('is one-time: a new password or last_login invalidates the token', () => {
    const generator = new PasswordResetTokenGenerator(SECRET, TIMEOUT, at(736000000));
    const token = generator.makeToken(USERS[1]);
    expect(generator.checkToken({ ...USERS[1], password: 'changed' }, token)).toBe(false);
    expect(generator.checkToken({ ...USERS[1], lastLogin: new Date('2024-05-06T07:08:10Z') }, token)).toBe(false);
    // sub-second last_login changes are truncated away, as in Django
    expect(generator.checkToken({ ...USERS[1], lastLogin: new Date('2024-05-06T07:08:09.001Z') }, token)).toBe(true);
  });

  it('uses the current time by default', () => {
    const generator = new PasswordResetTokenGenerator(SECRET, TIMEOUT);
    const expectedPrefix = Math.trunc((Date.now() - EPOCH_2001_MS) / 1000);
    const [ts] = generator.makeToken(USERS[0]).split('-');
    expect(Math.abs(parseInt(ts, 36) - expectedPrefix)).toBeLessThanOrEqual(1);
  });
});
