import { OWASP_ARGON2_PARAMS, PasswordHasher } from './password-hasher';

// [password, encoded] made by Django 3.2.25's make_password(password, salt, hasher) with
// PBKDF2PasswordHasher (260000 and a subclass with 1000 iterations), Argon2PasswordHasher
// (Django's defaults, an OWASP-parameter subclass, a small subclass), BCryptSHA256PasswordHasher
// (rounds 12, 4 and a $2a$ salt), plus argon2i hashes made by argon2-cffi in Django's layout
// (the variety Django 1.10 stored; "v=16" is argon2 version 1.0). Django's check_password
// accepted every one of them.
const DJANGO_HASHES: [string, string][] = [
  ["correct horse battery staple", "pbkdf2_sha256$260000$seasalt1234567890ABCDE$FaU9237/25AL7mxg7W+eE11zEsxQVdHusDGZp5e8Bio="],
  ["correct horse battery staple", "pbkdf2_sha256$1000$pepper$jP6qCDAd4ehFIUIu1Lv2h30F4ZCnbrumk02S6HI6UkM="],
  ["correct horse battery staple", "argon2$argon2id$v=19$m=102400,t=2,p=8$QXJnb25TYWx0QXJnb25TYWx0MDEyMw$KZppsOpQftmsj/+NeKhMsg"],
  ["correct horse battery staple", "argon2$argon2id$v=19$m=19456,t=2,p=1$T3dhc3BTYWx0T3dhc3BTYWx0MDEyMw$FhnCT5b8+0cvpbpAexcrAQ"],
  ["correct horse battery staple", "argon2$argon2id$v=19$m=1024,t=1,p=2$c21hbGxzYWx0$N2obKi9oDucXp4LDkHJWnw"],
  ["correct horse battery staple", "bcrypt_sha256$$2b$12$BQz.7Stw6OmQzCs9Z83hWuNVMa7ubpTLjZ6aIN2x.Dd8Fvct9G/j6"],
  ["correct horse battery staple", "bcrypt_sha256$$2b$04$rFYXGPmYMEtcjcgYqmJ9o.24OGg92yS6D851B2NBpCB9LGTMUZFva"],
  ["p\u00e4ssw\u00f6rd\u20ac \ud83d\ude00", "pbkdf2_sha256$260000$seasalt1234567890ABCDE$fLQAMzoameNBRCSvl00IZUtwKkf7kZ/89YC+b+eoixM="],
  ["p\u00e4ssw\u00f6rd\u20ac \ud83d\ude00", "pbkdf2_sha256$1000$pepper$UzcKVuhB1Vm0MHDxMPYo2Dmzd9WkAXuy6T4TLhmaVhk="],
  ["p\u00e4ssw\u00f6rd\u20ac \ud83d\ude00", "argon2$argon2id$v=19$m=102400,t=2,p=8$QXJnb25TYWx0QXJnb25TYWx0MDEyMw$yiAxITOJv4TijztU4YcIzA"],
  ["p\u00e4ssw\u00f6rd\u20ac \ud83d\ude00", "argon2$argon2id$v=19$m=19456,t=2,p=1$T3dhc3BTYWx0T3dhc3BTYWx0MDEyMw$Tx2L0v6x7e7RePmZ28JY0g"],
  ["p\u00e4ssw\u00f6rd\u20ac \ud83d\ude00", "argon2$argon2id$v=19$m=1024,t=1,p=2$c21hbGxzYWx0$GCWjCNrkaOfkoGujSoEHLw"],
  ["p\u00e4ssw\u00f6rd\u20ac \ud83d\ude00", "bcrypt_sha256$$2b$12$/YRxnVCH9tOpZDpCUXnW1OhFNPEd9cbgkd59AA6/HOPRfu8JQKGLG"],
  ["p\u00e4ssw\u00f6rd\u20ac \ud83d\ude00", "bcrypt_sha256$$2b$04$OtYY28eQmiyjA/wtqqgPV.nSiVlrW2zajTtCovt/taV09OMuNfq/e"],
  ['x'.repeat(100), "pbkdf2_sha256$260000$seasalt1234567890ABCDE$m/B6MNFK16vVPXxagRTlSt3u442NP/GyB1rABAOXLMc="],
  ['x'.repeat(100), "pbkdf2_sha256$1000$pepper$bxGVygpTKINFZMiC9RDOJ2Lrhw2XorkMVUq0OwuTxAs="],
  ['x'.repeat(100), "argon2$argon2id$v=19$m=102400,t=2,p=8$QXJnb25TYWx0QXJnb25TYWx0MDEyMw$k0Daap/kZG/zO0kJbC1+kg"],
  ['x'.repeat(100), "argon2$argon2id$v=19$m=19456,t=2,p=1$T3dhc3BTYWx0T3dhc3BTYWx0MDEyMw$1vQphoLdhTR3LHpy7t0+QA"],
  ['x'.repeat(100), "argon2$argon2id$v=19$m=1024,t=1,p=2$c21hbGxzYWx0$85hZxmAvRENGHO/M9ve3qQ"],
  ['x'.repeat(100), "bcrypt_sha256$$2b$12$bARDqc3EAQjY0/GqOMBnHeQ0dcVq78dcjWb3qWLIgjN6lrm3wa/62"],
  ['x'.repeat(100), "bcrypt_sha256$$2b$04$vJ7XrhIPFV5MaP2uGwhQTu5vjOr5cUqzVk0/f5Towllf185Y.9owS"],
  ["legacy argon2i", "argon2$argon2i$v=19$m=512,t=2,p=2$bGVnYWN5c2FsdGxlZ2FjeXNhbHQ$0AVlQGVJd9Xm4cPT/tnnfA"],
  ["argon2 v1.0", "argon2$argon2i$v=16$m=512,t=2,p=1$dmVyc2lvbnNhbHQxMjM0$A6lR/Jq30hVUkdhCCpvt6g"],
  ["", "pbkdf2_sha256$1000$emptysalt$Th/GgYSDV3N4Zpkx3TpFlR/PPyCUSrZ7QQFwKxyd/oo="],
  ["old bcrypt 2a", "bcrypt_sha256$$2a$05$97PvDs4EFhtTqvjBoSxg0OB3e053dZLInYo4g.iWFODw2qaP5ihtG"],
];

// Made by our hash() and checked by hand with Django 3.2.25 (PASSWORD_HASHERS with
// Argon2PasswordHasher): check_password('Our argon2id → Django', <below>) returned True,
// check_password('wrong', <below>) returned False, and an Argon2PasswordHasher subclass with
// the OWASP parameters answered must_update() == False (Django would not rehash it).
const OURS_CHECKED_BY_DJANGO =
  'argon2$argon2id$v=19$m=19456,t=2,p=1$dHNvSjFiWU5Nam1WWlp4NVVGaGFmQw$nKMrVuARFiM/Fqe3r9XSDw';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher(OWASP_ARGON2_PARAMS);
  jest.setTimeout(60_000);

  it.each(DJANGO_HASHES)('verifies Django hash of %j: %s', async (password, encoded) => {
    const current = encoded.startsWith('argon2$argon2id$v=19$m=19456,t=2,p=1$');
    await expect(hasher.verify(password, encoded)).resolves.toEqual({ valid: true, needsRehash: !current });
    await expect(hasher.verify(password + '!', encoded)).resolves.toEqual({ valid: false, needsRehash: false });
  });

  it('hashes in Django argon2 layout with the configured parameters', async () => {
    const encoded = await hasher.hash('s3cret pässword');
    expect(encoded).toMatch(/^argon2\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{30}\$[A-Za-z0-9+/]{22}$/);
    // the salt is 22 Django-style alphanumeric characters
    const salt = Buffer.from(encoded.split('$')[4], 'base64').toString('latin1');
    expect(salt).toMatch(/^[A-Za-z0-9]{22}$/);
    await expect(hasher.verify('s3cret pässword', encoded)).resolves.toEqual({ valid: true, needsRehash: false });
    await expect(hasher.verify('s3cret password', encoded)).resolves.toEqual({ valid: false, needsRehash: false });
    expect(await hasher.hash('s3cret pässword')).not.toBe(encoded);
  });

  it('produces hashes Django verifies', async () => {
    await expect(hasher.verify('Our argon2id → Django', OURS_CHECKED_BY_DJANGO)).resolves.toEqual({
      valid: true,
      needsRehash: false,
    });
  });

  it('asks for a rehash when the argon2 parameters change', async () => {
    const stronger = new PasswordHasher({ memoryCost: 19456, timeCost: 3, parallelism: 1 });
    const encoded = await hasher.hash('pw');
    await expect(stronger.verify('pw', encoded)).resolves.toEqual({ valid: true, needsRehash: true });
    expect(await stronger.hash('pw')).toMatch(/^argon2\$argon2id\$v=19\$m=19456,t=3,p=1\$/);
  });

  // Django's check_password answers False for these, or raises (a 500) for the malformed
  // argon2, pbkdf2-without-hash and bcrypt ones; we answer invalid.
  it.each([
    ['unusable', '!KtMqPq9Yy2wpIw6nXpKvS0dLNQzWQK6kZ0sJQ9tdA'],
    ['empty', ''],
    ['unknown algorithm', 'md5$salt$0123456789abcdef0123456789abcdef'],
    ['malformed argon2', 'argon2$argon2id$v=19$garbage'],
    ['pbkdf2 without hash', 'pbkdf2_sha256$1000$pepper'],
    ['pbkdf2 zero iterations', 'pbkdf2_sha256$0$pepper$bxGVygpTKINFZMiC9RDOJ2Lrhw2XorkMVUq0OwuTxAs='],
    ['pbkdf2 non-canonical iterations', 'pbkdf2_sha256$01000$pepper$jP6qCDAd4ehFIUIu1Lv2h30F4ZCnbrumk02S6HI6UkM='],
    ['malformed bcrypt', 'bcrypt_sha256$$2b$04$short'],
  ])('rejects %s hashes', async (_label, encoded) => {
    await expect(hasher.verify('correct horse battery staple', encoded)).resolves.toEqual({
      valid: false,
      needsRehash: false,
    });
  });

  it('makes unusable passwords like Django', async () => {
    const unusable = hasher.makeUnusable();
    expect(unusable).toMatch(/^![A-Za-z0-9]{40}$/);
    expect(hasher.makeUnusable()).not.toBe(unusable);
    expect(hasher.isUsable(unusable)).toBe(false);
    expect(hasher.isUsable('pbkdf2_sha256$1000$pepper$x')).toBe(true);
    expect(hasher.isUsable('')).toBe(true); // Django: usable, yet it never verifies
    await expect(hasher.verify(unusable, unusable)).resolves.toEqual({ valid: false, needsRehash: false });
  });

  it('spends one argon2 verification on unknown users', async () => {
    const argon2 = jest.requireActual<typeof import('argon2')>('argon2');
    const spy = jest.spyOn(argon2, 'verify');
    await hasher.verifyDummy('whatever');
    await hasher.verifyDummy('whatever else');
    expect(spy).toHaveBeenCalledTimes(2);
    expect(spy.mock.calls[1][0]).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    spy.mockRestore();
  });
});
