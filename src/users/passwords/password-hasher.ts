import * as argon2 from 'argon2';
import * as bcrypt from 'bcryptjs';
import { createHash, pbkdf2, randomInt } from 'crypto';
import { promisify } from 'util';
import { constantTimeEquals } from '../../crypto/constant-time';

// Passwords stored the way Django stores them (`<algorithm>$...` in auth_user.password), so
// a database can move between Django and this service in either direction. New hashes are
// argon2id in the exact layout of Django's Argon2PasswordHasher; Django's pbkdf2_sha256,
// argon2 and bcrypt_sha256 hashes verify and are reported for rehashing. All hashing runs
// off the event loop (argon2 and pbkdf2 in the libuv pool, bcryptjs in async chunks).

export interface Argon2Params {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** OWASP's argon2id recommendation: 19 MiB, 2 passes, 1 lane. */
export const OWASP_ARGON2_PARAMS: Argon2Params = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export interface PasswordCheck {
  valid: boolean;
  /** Valid, but not stored as argon2id with the current parameters: store `hash(password)`. */
  needsRehash: boolean;
}

/** django.utils.crypto.RANDOM_STRING_CHARS */
const RANDOM_STRING_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** Django's salt(): ceil(128 bits / log2(62)) characters, so Django sees enough salt entropy. */
const SALT_LENGTH = 22;
/** argon2-cffi's DEFAULT_HASH_LENGTH, which Django uses (and compares in must_update). */
const ARGON2_HASH_LENGTH = 16;
const ARGON2_VERSION = 19;
const UNUSABLE_PREFIX = '!';
const UNUSABLE_SUFFIX_LENGTH = 40;
const INVALID: PasswordCheck = { valid: false, needsRehash: false };

const pbkdf2Async = promisify(pbkdf2);

export class PasswordHasher {
  private dummyHash?: Promise<string>;

  constructor(private readonly params: Argon2Params = OWASP_ARGON2_PARAMS) {}

  /** `argon2$argon2id$v=19$m=..,t=..,p=..$<salt b64>$<hash b64>`, as Django's Argon2PasswordHasher. */
  async hash(password: string): Promise<string> {
    const { memoryCost: m, timeCost: t, parallelism: p } = this.params;
    const salt = Buffer.from(randomString(SALT_LENGTH), 'ascii');
    const digest = await argon2.hash(password, {
      type: argon2.argon2id,
      memoryCost: m,
      timeCost: t,
      parallelism: p,
      hashLength: ARGON2_HASH_LENGTH,
      salt,
      raw: true,
    });
    // Formatted by hand: node-argon2 writes "m=,p=,t=" while argon2-cffi (hence Django) writes "m=,t=,p=".
    return `argon2$argon2id$v=${ARGON2_VERSION}$m=${m},t=${t},p=${p}$${unpadded(salt)}$${unpadded(digest)}`;
  }

  async verify(password: string, encoded: string): Promise<PasswordCheck> {
    if (!encoded || !this.isUsable(encoded)) return INVALID;
    const algorithm = encoded.split('$', 1)[0];
    let valid: boolean;
    switch (algorithm) {
      case 'argon2':
        valid = await verifyArgon2(password, encoded);
        break;
      case 'pbkdf2_sha256':
        valid = await verifyPbkdf2Sha256(password, encoded);
        break;
      case 'bcrypt_sha256':
        valid = await verifyBcryptSha256(password, encoded);
        break;
      default:
        valid = false;
    }
    return valid ? { valid, needsRehash: !this.isCurrentArgon2id(encoded) } : INVALID;
  }

  /** Same work as a real check, for logins of unknown users (no user enumeration by timing). */
  async verifyDummy(password: string): Promise<void> {
    this.dummyHash ??= this.hash(randomString(SALT_LENGTH));
    await verifyArgon2(password, await this.dummyHash);
  }

  /** Django's make_password(None): "!" + 40 random characters, never matching any password. */
  makeUnusable(): string {
    return UNUSABLE_PREFIX + randomString(UNUSABLE_SUFFIX_LENGTH);
  }

  /** Django's is_password_usable. */
  isUsable(encoded: string): boolean {
    return !encoded.startsWith(UNUSABLE_PREFIX);
  }

  private isCurrentArgon2id(encoded: string): boolean {
    const { memoryCost: m, timeCost: t, parallelism: p } = this.params;
    return encoded.startsWith(`argon2$argon2id$v=${ARGON2_VERSION}$m=${m},t=${t},p=${p}$`);
  }
}

/** Django strips argon2-cffi's leading "$" and prefixes "argon2"; any variant and parameters verify. */
async function verifyArgon2(password: string, encoded: string): Promise<boolean> {
  try {
    return await argon2.verify(encoded.slice('argon2'.length), password);
  } catch {
    return false; // malformed hash
  }
}

/** `pbkdf2_sha256$<iterations>$<salt>$<base64 sha256 pbkdf2>`, compared as Django re-encodes it. */
async function verifyPbkdf2Sha256(password: string, encoded: string): Promise<boolean> {
  const [, iterationsText, salt] = encoded.split('$');
  if (salt === undefined || !/^[1-9][0-9]{0,9}$/.test(iterationsText)) return false;
  const iterations = Number(iterationsText);
  if (iterations > 2 ** 31 - 1) return false;
  const digest = await pbkdf2Async(Buffer.from(password, 'utf8'), Buffer.from(salt, 'utf8'), iterations, 32, 'sha256');
  return constantTimeEquals(`pbkdf2_sha256$${iterations}$${salt}$${digest.toString('base64')}`, encoded);
}

/** Django's BCryptSHA256PasswordHasher: bcrypt of the hex SHA-256 of the password (no 72-byte cut). */
async function verifyBcryptSha256(password: string, encoded: string): Promise<boolean> {
  const bcryptHash = encoded.slice('bcrypt_sha256$'.length);
  const prehashed = createHash('sha256').update(password, 'utf8').digest('hex');
  try {
    return constantTimeEquals(`bcrypt_sha256$${await bcrypt.hash(prehashed, bcryptHash)}`, encoded);
  } catch {
    return false; // malformed bcrypt salt
  }
}

/** Standard base64 without "=" padding, as in PHC strings. */
function unpadded(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}

/** django.utils.crypto.get_random_string with its default alphabet. */
function randomString(length: number): string {
  let result = '';
  for (let i = 0; i < length; i++) result += RANDOM_STRING_CHARS[randomInt(RANDOM_STRING_CHARS.length)];
  return result;
}
