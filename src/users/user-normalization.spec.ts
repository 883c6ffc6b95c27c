import { normalizeEmail, normalizeUsername } from './user-normalization';

// Vectors from Django 3.2 (/usr/bin/python3): BaseUserManager.normalize_email and
// AbstractBaseUser.normalize_username.
describe('normalizeEmail', () => {
  it.each([
    ['Kate@EXAMPLE.COM', 'Kate@example.com'],
    ['no-at-sign', 'no-at-sign'],
    ['A@B@EXAMPLE.Com', 'A@B@example.com'],
    ['UPPER@ΑΣ.GR', 'UPPER@ασ.gr'],
    ['x@İSTANBUL.TR', 'x@i̇stanbul.tr'],
    ['Ünï@ÉXAMPLE.COM', 'Ünï@éxample.com'],
    ['@EXAMPLE.COM', '@example.com'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });
});

describe('normalizeUsername', () => {
  it.each([
    ['ｊｏｈｎ', 'john'],
    ['ﬁle', 'file'],
    ['Ⅻ', 'XII'],
    ['john', 'john'],
    ['Å', 'Å'],
    ['ŉ', 'ʼn'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeUsername(input)).toBe(expected);
  });
});
