import { readFileSync } from 'fs';
import { join } from 'path';
import { gunzipSync } from 'zlib';
import { pythonIsDigit, pythonStrip } from '../secrets/python-unicode';

// Django 3.2's default AUTH_PASSWORD_VALIDATORS (django/contrib/auth/password_validation.py),
// in settings order, every validator run, every message kept. Lengths count code points as
// Python does. Known gap: `\W` and `lower()` use V8's Unicode tables, so characters assigned
// after Unicode 14 (Python 3.11's version) are word characters / lower-cased here but not in
// Django; for all older characters both were compared exhaustively and agree.

export interface PasswordUserAttributes {
  username?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  email?: string | null;
}

const MIN_LENGTH = 8;
const MAX_SIMILARITY = 0.7;
/** UserAttributeSimilarityValidator.DEFAULT_USER_ATTRIBUTES with the auth.User verbose names. */
const SIMILARITY_ATTRIBUTES: readonly [keyof PasswordUserAttributes, string][] = [
  ['username', 'username'],
  ['first_name', 'first name'],
  ['last_name', 'last name'],
  ['email', 'email address'],
];
/** Python's `\W+` for str patterns: anything but letters, numbers and "_". */
const NON_WORD_RUN = /[^\p{L}\p{N}_]+/u;

let commonPasswords: ReadonlySet<string> | undefined;

/** All messages Django's validate_password would raise, in order; empty when the password is fine. */
export function validatePassword(password: string, user: PasswordUserAttributes | null): string[] {
  const messages: string[] = [];
  const similarTo = user ? similarAttribute(password, user) : null;
  if (similarTo !== null) messages.push(`The password is too similar to the ${similarTo}.`);
  if (codePoints(password).length < MIN_LENGTH) {
    messages.push(`This password is too short. It must contain at least ${MIN_LENGTH} characters.`);
  }
  if (loadCommonPasswords().has(pythonStrip(password.toLowerCase()))) messages.push('This password is too common.');
  if (pythonIsDigit(password)) messages.push('This password is entirely numeric.');
  return messages;
}

/** Verbose name of the first attribute the password resembles (the validator stops there). */
function similarAttribute(password: string, user: PasswordUserAttributes): string | null {
  const lowered = codePoints(password.toLowerCase());
  for (const [attribute, verboseName] of SIMILARITY_ATTRIBUTES) {
    const value = user[attribute];
    if (!value || typeof value !== 'string') continue;
    const valueLower = value.toLowerCase();
    for (const part of [...valueLower.split(NON_WORD_RUN), valueLower]) {
      const partChars = codePoints(part);
      if (exceedsMaximumLengthRatio(lowered.length, partChars.length)) continue;
      if (quickRatio(lowered, partChars) >= MAX_SIMILARITY) return verboseName;
    }
  }
  return null;
}

/** Django skips parts so much shorter than the password that they cannot reach the ratio. */
function exceedsMaximumLengthRatio(passwordLength: number, valueLength: number): boolean {
  return passwordLength >= 10 * valueLength && valueLength < (MAX_SIMILARITY / 2) * passwordLength;
}

/** difflib.SequenceMatcher(a, b).quick_ratio(): 2·|multiset intersection| / (len a + len b). */
function quickRatio(a: string[], b: string[]): number {
  const available = new Map<string, number>();
  for (const ch of b) available.set(ch, (available.get(ch) ?? 0) + 1);
  let matches = 0;
  for (const ch of a) {
    const left = available.get(ch) ?? 0;
    if (left > 0) matches++;
    available.set(ch, left - 1);
  }
  const length = a.length + b.length;
  return length ? (2.0 * matches) / length : 1.0;
}

/** Django's bundled list (shipped beside this file), read once: `{line.strip() for line in file}`. */
function loadCommonPasswords(): ReadonlySet<string> {
  if (!commonPasswords) {
    const text = gunzipSync(readFileSync(join(__dirname, 'common-passwords.txt.gz'))).toString('utf8');
    const lines = text.split(/\r\n|\r|\n/);
    if (lines[lines.length - 1] === '') lines.pop(); // the newline ending the last line
    commonPasswords = new Set(lines.map(pythonStrip));
  }
  return commonPasswords;
}

function codePoints(text: string): string[] {
  return Array.from(text);
}
