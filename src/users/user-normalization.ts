/**
 * `BaseUserManager.normalize_email`: the domain part (after the last "@") is lower-cased,
 * the local part kept (`Kate@EXAMPLE.COM` → `Kate@example.com`, spec §3.1).
 */
export function normalizeEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 0) return email;
  return email.slice(0, at) + '@' + pythonLower(email.slice(at + 1));
}

/** Python `str.lower()`: like JS, except that Σ is always σ (JS applies the final-sigma rule). */
function pythonLower(text: string): string {
  return text.replace(/\u03a3/g, '\u03c3').toLowerCase();
}

/** `AbstractBaseUser.normalize_username`: Unicode NFKC, so `ｊｏｈｎ` is stored as `john`. */
export function normalizeUsername(username: string): string {
  return username.normalize('NFKC');
}
