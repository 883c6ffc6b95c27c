import type { DjoserSettings } from '../config/settings';
import { DJANGO_USER } from './model/user-model';
import {
  describeUserSerializer,
  passwordResetConfirmFields,
  setPasswordFields,
  setUsernameFields,
  userCreateFields,
  userFields,
  usernameCharacters,
  usernameResetConfirmFields,
} from './user-serializers';

const base = {
  userModel: DJANGO_USER,
  loginField: 'username',
  userExtraFields: [],
  userCreatePasswordRetype: false,
  setPasswordRetype: false,
  passwordResetConfirmRetype: false,
  setUsernameRetype: false,
  usernameResetConfirmRetype: false,
} as unknown as DjoserSettings;
const retype = {
  ...base,
  userCreatePasswordRetype: true,
  setPasswordRetype: true,
  passwordResetConfirmRetype: true,
  setUsernameRetype: true,
  usernameResetConfirmRetype: true,
} as DjoserSettings;
const email = { ...base, loginField: 'email' } as DjoserSettings;
const none = () => [];
const names = (fields: ReadonlyArray<readonly [string, unknown]>) => fields.map(([n]) => n);

// Field order = Djoser's declaration order (spec §3 and the MRO of each serializer).
describe('Djoser serializer fields', () => {
  it('UserSerializer', () => {
    expect(names(userFields(base))).toEqual(['email', 'id', 'username']);
    expect(names(userFields(email))).toEqual(['email', 'id']);
    expect(names(userFields({ ...base, userExtraFields: ['first_name', 'last_name'] }))).toEqual(['email', 'id', 'username', 'first_name', 'last_name']);
  });

  it('UserCreateSerializer (+ retype)', () => {
    expect(names(userCreateFields(base, none))).toEqual(['email', 'username', 'id', 'password']);
    expect(names(userCreateFields(retype, none))).toEqual(['email', 'username', 'id', 'password', 're_password']);
    expect(names(userCreateFields(email, none))).toEqual(['email', 'id', 'password']);
  });

  it('password serializers', () => {
    expect(names(setPasswordFields(base, none))).toEqual(['new_password', 'current_password']);
    expect(names(setPasswordFields(retype, none))).toEqual(['new_password', 're_new_password', 'current_password']);
    expect(names(passwordResetConfirmFields(base))).toEqual(['uid', 'token', 'new_password']);
    expect(names(passwordResetConfirmFields(retype))).toEqual(['uid', 'token', 'new_password', 're_new_password']);
  });

  it('username serializers (uid/token are not fields of the reset confirm one)', () => {
    expect(names(setUsernameFields(base, none, none))).toEqual(['current_password', 'new_username']);
    expect(names(setUsernameFields(retype, none, none))).toEqual(['current_password', 'new_username', 're_new_username']);
    expect(names(setUsernameFields(email, none, none))).toEqual(['current_password', 'new_email']);
    expect(names(usernameResetConfirmFields(base, none))).toEqual(['new_username']);
    expect(names(usernameResetConfirmFields({ ...email, usernameResetConfirmRetype: true } as DjoserSettings, none))).toEqual([
      'new_email',
      're_new_email',
    ]);
  });

  it('describes UserSerializer as SimpleMetadata does (spec Appendix A)', () => {
    expect(JSON.stringify(describeUserSerializer(base))).toBe(
      '{"email":{"type":"email","required":false,"read_only":false,"label":"Email address","max_length":254},"id":{"type":"integer","required":false,"read_only":true,"label":"ID"},"username":{"type":"string","required":false,"read_only":true,"label":"Username","help_text":"Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only."}}',
    );
  });
});

// Django's UnicodeUsernameValidator, checked with /usr/bin/python3 (re.match(r'^[\w.@+-]+\Z', v)).
describe('usernameCharacters', () => {
  it.each([
    ['john', true],
    ['ünïcødé', true],
    ['a.b@c+d-e_f', true],
    ['١٢٣', true],
    ['名前', true],
    ['bad name', false],
    ['bang!', false],
    ['tab\t', false],
    ['e\u0301', false], // a combining mark is not \w
    ['', false],
  ])('%j → %s', (value, ok) => {
    expect(usernameCharacters(value)).toEqual(ok ? [] : ['Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.']);
  });
});
