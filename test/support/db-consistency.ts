import type { DataSource } from 'typeorm';

/**
 * Finds half-written or impossible rows after a test has hammered the server (fuzzing,
 * races): each query returns the offending rows; the result lists one line per
 * problem, so `expect(await checkConsistency(ds)).toEqual([])` shows what is wrong.
 * The foreign keys are DEFERRABLE (Django's schema), so they are checked here too.
 */
const CHECKS: Array<[string, string]> = [
  [
    'auth_user row without a usable password hash or an unusable marker',
    `SELECT id, left(password, 20) AS password FROM auth_user
      WHERE NOT (password ~ '^[a-z0-9_]+\\$.+\\$' OR password ~ '^!.{0,40}$')`,
  ],
  ['auth_user row with an empty or overlong username', `SELECT id FROM auth_user WHERE username = '' OR length(username) > 150`],
  [
    'auth_user row with a NULL flag or date',
    `SELECT id FROM auth_user WHERE is_active IS NULL OR is_staff IS NULL OR is_superuser IS NULL OR date_joined IS NULL`,
  ],
  ['duplicate username', `SELECT username, count(*) FROM auth_user GROUP BY username HAVING count(*) > 1`],
  ['DRF token for a missing user', `SELECT t.key FROM authtoken_token t LEFT JOIN auth_user u ON u.id = t.user_id WHERE u.id IS NULL`],
  ['malformed DRF token key', `SELECT key FROM authtoken_token WHERE key !~ '^[0-9a-f]{40}$'`],
  ['more than one DRF token per user', `SELECT user_id FROM authtoken_token GROUP BY user_id HAVING count(*) > 1`],
  [
    'outstanding refresh token for a missing user',
    `SELECT o.id FROM token_blacklist_outstandingtoken o LEFT JOIN auth_user u ON u.id = o.user_id
      WHERE o.user_id IS NOT NULL AND u.id IS NULL`,
  ],
  ['outstanding token without jti or token text', `SELECT id FROM token_blacklist_outstandingtoken WHERE jti = '' OR token = ''`],
  ['duplicate jti', `SELECT jti FROM token_blacklist_outstandingtoken GROUP BY jti HAVING count(*) > 1`],
  [
    'blacklist entry for a missing outstanding token',
    `SELECT b.id FROM token_blacklist_blacklistedtoken b LEFT JOIN token_blacklist_outstandingtoken o ON o.id = b.token_id WHERE o.id IS NULL`,
  ],
  [
    'outbox row that is not a sendable message',
    `SELECT id FROM nest_mail_outbox
      WHERE jsonb_typeof(recipients) <> 'array' OR jsonb_array_length(recipients) = 0 OR subject = '' OR attempts < 0`,
  ],
  [
    'outbox mail to an address no user has',
    `SELECT m.id, r.addr FROM nest_mail_outbox m CROSS JOIN LATERAL jsonb_array_elements_text(m.recipients) AS r(addr)
      WHERE NOT EXISTS (SELECT 1 FROM auth_user u WHERE lower(u.email) = lower(r.addr))`,
  ],
];

export async function checkConsistency(ds: DataSource): Promise<string[]> {
  const problems: string[] = [];
  for (const [what, sql] of CHECKS) {
    const rows: unknown[] = await ds.query(sql);
    for (const row of rows) problems.push(`${what}: ${JSON.stringify(row)}`);
  }
  return problems;
}
