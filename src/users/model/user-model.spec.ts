import { operations } from '../../openapi/operations';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSettings, SettingsError } from '../../config/settings';
import { DJANGO_USER, parseUserModel, UserModelError } from './user-model';
import { modelCreatedNames, modelUserCreateFields, modelUserFields, uniqueMessage } from './model-serializers';

// The reference's custom user as scripts/django_user_model.py prints it (Django 3.2 and 5.2 print the same).
const MODEL_FILE = join(__dirname, '../../../test/conformance/fixtures/custom-user-model.json');
interface RawModel {
  table?: string;
  USERNAME_FIELD?: string;
  REQUIRED_FIELDS?: string[];
  pk: { type?: string };
  fields: Record<string, Record<string, unknown>>;
}
const raw = (): RawModel => JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as RawModel;

describe('user model description (AUTH_USER_MODEL_FILE)', () => {
  it('reads the reference model: table, 64-bit key, e-mail login, REQUIRED_FIELDS', () => {
    const m = parseUserModel(raw());
    expect(m).toMatchObject({ custom: true, table: 'accounts_user', pk: { type: 'bigint' }, usernameField: 'email', requiredFields: ['first_name'] });
    expect(m.has).toEqual({ is_active: true, is_staff: true, is_superuser: true, last_login: true, date_joined: true });
    expect(m.fields.map((f) => f.name)).not.toContain('username');
  });

  it("builds Djoser's field order and DRF's unique message from it", () => {
    const m = parseUserModel(raw());
    expect(modelUserFields(m, null).map(([n]) => n)).toEqual(['first_name', 'id', 'email']);
    expect(modelUserCreateFields(m, () => () => [], false).map(([n]) => n)).toEqual(['first_name', 'email', 'id', 'password']);
    expect(modelCreatedNames(m)).toEqual(['first_name', 'email', 'id']);
    expect(uniqueMessage(m, m.fields.find((f) => f.name === 'email')!)).toBe('user with this email address already exists.');
  });

  it.each([
    [(r: RawModel) => delete r.table, /^table: expected a SQL identifier/],
    [(r: RawModel) => (r.USERNAME_FIELD = 'username'), /^USERNAME_FIELD: expected the name of a described field/],
    [(r: RawModel) => (r.fields.email.unique = false), /^fields\.email\.unique: expected true/],
    [(r: RawModel) => (r.fields.phone.type = 'json'), /^fields\.phone\.type: expected one of char, email/],
    [(r: RawModel) => (r.fields.first_name.max_length = 0), /^fields\.first_name\.max_length/],
    [(r: RawModel) => (r.REQUIRED_FIELDS = ['email']), /^REQUIRED_FIELDS\[0\]: expected a field other than USERNAME_FIELD/],
    [(r: RawModel) => (r.pk.type = 'smallint'), /^pk\.type: expected one of integer, bigint, uuid/],
    [(r: RawModel) => delete r.fields.is_active, /^fields\.is_active: expected a boolean field/],
  ])('names the bad key in one line (%#)', (mutate, message) => {
    const r = raw();
    mutate(r);
    expect(() => parseUserModel(r)).toThrow(UserModelError);
    expect(() => parseUserModel(r)).toThrow(message);
  });

  it('settings: unset is Django\'s User; a bad file stops the start naming the variable', () => {
    expect(parseSettings({}).userModel).toBe(DJANGO_USER);
    expect(parseSettings({ AUTH_USER_MODEL_FILE: MODEL_FILE }).djoser.loginField).toBe('email');
    expect(() => parseSettings({ AUTH_USER_MODEL_FILE: '/nonexistent.json' })).toThrow(SettingsError);
    expect(() => parseSettings({ AUTH_USER_MODEL_FILE: '/nonexistent.json' })).toThrow(/^Invalid environment variable AUTH_USER_MODEL_FILE="\/nonexistent.json": cannot read the file/);
  });

  it('passkeys and social login are listed on a described model too, and the jwt_auth mount starts', () => {
    const paths = (env: Record<string, string>) => operations(parseSettings(env)).map((o) => o.path);
    const envs: Array<Record<string, string>> = [{}, { AUTH_USER_MODEL_FILE: MODEL_FILE }];
    for (const env of envs) expect(paths(env)).toEqual(expect.arrayContaining(['/auth/webauthn/login/', '/auth/o/{provider}/']));
    const mount = { MOUNT_JWT_AUTH_URLS: 'api/jwtauth', JWT_SECRET: 'x', PATH_TO_RESTORE: 'https://spa.example/restore', EMAIL_ENCRYPT_KEY: Buffer.alloc(32, 7).toString('base64url') };
    expect(parseSettings({ AUTH_USER_MODEL_FILE: MODEL_FILE, ...mount }).jwtAuthMount.prefix).toBe('api/jwtauth');
  });
});
