import { randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** A `webauthn_credentialoptions` row (djoser.webauthn.models.CredentialOptions). */
export interface CredentialOptionsRow {
  id: number;
  challenge: string;
  username: string;
  display_name: string;
  ukey: string;
  credential_id: string;
  sign_count: number | null;
  public_key: string;
  user_id: number | null;
}

/** What a ceremony is for; a challenge issued for one never completes another. */
export type Ceremony = 'signup' | 'login' | 'discoverable' | 'add';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** djoser.webauthn.utils.create_challenge / create_ukey: `length` characters of [A-Za-z0-9] from a CSPRNG. */
export function randomToken(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** Djoser's CHALLENGE_LENGTH and UKEY_LENGTH defaults. */
export const CHALLENGE_LENGTH = 32;
export const UKEY_LENGTH = 20;

export const findOptionsByUkey = async (m: EntityManager, ukey: string): Promise<CredentialOptionsRow | null> =>
  ((await m.query('SELECT * FROM webauthn_credentialoptions WHERE ukey = $1', [ukey])) as CredentialOptionsRow[])[0] ?? null;

export const findOptionsByUser = async (m: EntityManager, userId: number): Promise<CredentialOptionsRow | null> =>
  ((await m.query('SELECT * FROM webauthn_credentialoptions WHERE user_id = $1', [userId])) as CredentialOptionsRow[])[0] ?? null;

export const findOptionsByCredential = async (m: EntityManager, credentialId: string): Promise<CredentialOptionsRow | null> =>
  ((await m.query("SELECT * FROM webauthn_credentialoptions WHERE credential_id = $1 AND credential_id <> ''", [credentialId])) as CredentialOptionsRow[])[0] ??
  null;

export async function usernameHasOptions(m: EntityManager, username: string): Promise<boolean> {
  return ((await m.query('SELECT 1 FROM webauthn_credentialoptions WHERE username = $1', [username])) as unknown[]).length > 0;
}

/**
 * Ours: a signup that never finished (no user, no live challenge) stops holding its username.
 * Djoser keeps such a row forever and answers "already exists" to every later attempt.
 */
export async function dropAbandonedSignup(m: EntityManager, username: string): Promise<void> {
  await m.query(
    `DELETE FROM webauthn_credentialoptions co WHERE co.username = $1 AND co.user_id IS NULL
       AND NOT EXISTS (SELECT 1 FROM nest_webauthn_challenge c WHERE c.options_id = co.id AND c.expires_at > now())`,
    [username],
  );
}

/** A new challenge row; expired rows of every ceremony go at the same time. */
export async function issueChallenge(
  m: EntityManager,
  ceremony: Ceremony,
  ttlSeconds: number,
  subject: { optionsId?: number; userId?: number; ukey?: string; displayName?: string },
): Promise<string> {
  await m.query('DELETE FROM nest_webauthn_challenge WHERE expires_at <= now()');
  const challenge = randomToken(CHALLENGE_LENGTH);
  await m.query(
    `INSERT INTO nest_webauthn_challenge (challenge, ceremony, options_id, user_id, ukey, display_name, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7))`,
    [challenge, ceremony, subject.optionsId ?? null, subject.userId ?? null, subject.ukey ?? null, subject.displayName ?? null, ttlSeconds],
  );
  return challenge;
}

export interface ConsumedChallenge {
  ukey: string | null;
  display_name: string | null;
}

/**
 * Single use: the row is deleted by the statement that reads it, so of two requests
 * carrying the same challenge only one gets it back. Null when unknown, expired, used,
 * or issued for another ceremony or subject.
 */
export async function consumeChallenge(
  m: EntityManager,
  challenge: string,
  ceremony: Ceremony,
  subject: { optionsId?: number; userId?: number },
): Promise<ConsumedChallenge | null> {
  const rows = (await m.query(
    `DELETE FROM nest_webauthn_challenge WHERE challenge = $1 AND ceremony = $2
       AND options_id IS NOT DISTINCT FROM $3::integer AND user_id IS NOT DISTINCT FROM $4::integer AND expires_at > now()
     RETURNING ukey, display_name`,
    [challenge, ceremony, subject.optionsId ?? null, subject.userId ?? null],
  )) as [ConsumedChallenge[], number] | ConsumedChallenge[];
  const list = Array.isArray(rows[0]) ? (rows[0] as ConsumedChallenge[]) : (rows as ConsumedChallenge[]);
  return list[0] ?? null;
}
