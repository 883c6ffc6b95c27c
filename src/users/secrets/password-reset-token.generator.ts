import { createHash, createHmac } from 'crypto';
import { constantTimeEquals } from '../../crypto/constant-time';

// Django 3.2's PasswordResetTokenGenerator (django/contrib/auth/tokens.py) with
// DEFAULT_HASHING_ALGORITHM 'sha256', byte for byte: activation, password-reset and
// username-reset links made by either implementation are accepted by the other.
// Not reproduced: Django 3.2's acceptance of legacy pre-3.1 tokens (SHA-1 HMAC, day-based
// timestamps), which Django 4.0 removed; no such tokens can exist for this service.

export interface TokenUser {
  id: number;
  password: string;
  lastLogin: Date | null;
  email: string | null;
}

const KEY_SALT = 'django.contrib.auth.tokens.PasswordResetTokenGenerator';
/** Django counts seconds from this naive datetime; the server's TIME_ZONE is UTC. */
const EPOCH_2001_MS = Date.UTC(2001, 0, 1);
/** Django's base36_to_int refuses longer input (enough for any 64-bit integer). */
const MAX_BASE36_DIGITS = 13;

export class PasswordResetTokenGenerator {
  private readonly hmacKey: Buffer;

  constructor(
    secretKey: string,
    private readonly timeoutSeconds: number,
    private readonly now: () => Date = () => new Date(),
  ) {
    // salted_hmac: the HMAC key is the digest of key_salt + secret.
    this.hmacKey = createHash('sha256').update(KEY_SALT + secretKey, 'utf8').digest();
  }

  makeToken(user: TokenUser): string {
    return this.tokenWithTimestamp(user, BigInt(this.secondsSince2001(this.now())));
  }

  checkToken(user: TokenUser, token: string | null | undefined): boolean {
    if (!user || !token) return false;
    const parts = token.split('-');
    if (parts.length !== 2) return false;
    const timestamp = parseBase36(parts[0]);
    if (timestamp === null) return false;
    // Re-encoding makes any non-canonical timestamp spelling fail the comparison, as in Django.
    if (!constantTimeEquals(this.tokenWithTimestamp(user, timestamp), token)) return false;
    return BigInt(this.secondsSince2001(this.now())) - timestamp <= BigInt(this.timeoutSeconds);
  }

  private tokenWithTimestamp(user: TokenUser, timestamp: bigint): string {
    const hex = createHmac('sha256', this.hmacKey).update(hashValue(user, timestamp), 'utf8').digest('hex');
    let everyOther = '';
    for (let i = 0; i < hex.length; i += 2) everyOther += hex[i]; // Django's hexdigest()[::2]
    return `${timestamp.toString(36)}-${everyOther}`;
  }

  private secondsSince2001(date: Date): number {
    return Math.trunc((date.getTime() - EPOCH_2001_MS) / 1000);
  }
}

/** `f'{user.pk}{user.password}{login_timestamp}{timestamp}{email}'`: the state that one use changes. */
function hashValue(user: TokenUser, timestamp: bigint): string {
  const login = user.lastLogin === null ? '' : pythonNaiveUtcString(user.lastLogin);
  return `${user.id}${user.password}${login}${timestamp}${user.email ?? ''}`;
}

/** `str(last_login.replace(microsecond=0, tzinfo=None))` for a UTC datetime: "2024-05-06 07:08:09". */
function pythonNaiveUtcString(date: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
  );
}

function parseBase36(text: string): bigint | null {
  if (text.length === 0 || text.length > MAX_BASE36_DIGITS || !/^[0-9a-z]+$/.test(text)) return null;
  let value = 0n;
  for (const ch of text) value = value * 36n + BigInt(parseInt(ch, 36));
  return value;
}

