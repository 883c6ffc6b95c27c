import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { findUserById, insertUser, lockEmail, usernameForEmail, usernameTaken } from '../users/db/user-queries';
import { normalizeEmail } from '../users/user-normalization';
import type { User } from '../users/user.entity';
import { ProviderError, type ProviderIdentity } from './oauth-client';

/** Advisory-lock namespace of one (provider, uid) ("djso"): the first logins of one identity run one at a time. */
const SOCIAL_LOCK_NAMESPACE = 0x646a736f;
const USERNAME_MAX_LENGTH = 150;
const UUID_LENGTH = 16;

export interface PipelineOptions {
  emailLogin: boolean;
  usernameIsFullEmail: boolean;
  unusablePassword: () => string;
}

/** social_django's `clean_username`: characters outside [\w.@+-] are dropped. */
const cleanUsername = (name: string) => name.replace(/[^\p{L}\p{N}_.@+-]+/gu, '');

/** python-social-auth's get_username: the provider's name, else a random one; a taken name gets a random suffix. */
async function freeUsername(m: EntityManager, wanted: string): Promise<string> {
  const base = wanted || randomUUID().replace(/-/g, '');
  const short = base.slice(0, USERNAME_MAX_LENGTH - UUID_LENGTH);
  let candidate = cleanUsername(base.slice(0, USERNAME_MAX_LENGTH));
  while (!candidate || (await usernameTaken(m, candidate)))
    candidate = cleanUsername((short + randomUUID().replace(/-/g, '').slice(0, UUID_LENGTH)).slice(0, USERNAME_MAX_LENGTH));
  return candidate;
}

/**
 * python-social-auth's default pipeline inside one transaction: social_user (an existing
 * association wins), then the user with the same e-mail when the provider verified it
 * (its associate_by_email, limited to verified addresses), else create_user (active, an
 * unusable password), then associate_user (the social_auth_usersocialauth row) and
 * load_extra_data. Hand-written: no library runs this pipeline against Django's tables.
 */
export async function userForIdentity(m: EntityManager, provider: string, id: ProviderIdentity, o: PipelineOptions): Promise<User> {
  // PostgreSQL text cannot hold NUL: such a claim is refused instead of failing the INSERT.
  if ([id.uid, id.email, id.username, id.firstName, id.lastName].some((v) => v.includes('\u0000')))
    throw new ProviderError('Authentication failed: the provider gave a value with a NUL character');
  if (id.uid.length > 255) throw new ProviderError('Authentication failed: the provider gave a user id longer than 255 characters');
  await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SOCIAL_LOCK_NAMESPACE, `${provider} ${id.uid}`]);
  const now = new Date();
  const extra = JSON.stringify(id.extraData);
  const linked: Array<{ id: number; user_id: number }> = await m.query(
    'SELECT id, user_id FROM social_auth_usersocialauth WHERE provider = $1 AND uid = $2',
    [provider, id.uid],
  );
  if (linked.length > 0) {
    await m.query('UPDATE social_auth_usersocialauth SET extra_data = $1, modified = $2 WHERE id = $3', [extra, now, linked[0].id]);
    return (await findUserById(m, linked[0].user_id))!;
  }

  const email = id.email ? normalizeEmail(id.email) : '';
  if (email) await lockEmail(m, email);
  const sameEmail: Array<{ id: number }> = email ? await m.query('SELECT id FROM auth_user WHERE UPPER(email) = UPPER($1) ORDER BY id', [email]) : [];
  let user: User;
  if (sameEmail.length > 1) throw new ProviderError('The given email address is associated with another account');
  if (sameEmail.length === 1) {
    // An unverified address proves nothing: it must not take over the account that has it.
    if (!id.emailVerified) throw new ProviderError('This account is already in use.');
    user = (await findUserById(m, sameEmail[0].id))!;
  } else {
    if (o.emailLogin && !email) throw new ProviderError("Email couldn't be validated");
    const username = o.emailLogin ? usernameForEmail(email) : await freeUsername(m, o.usernameIsFullEmail && email ? email : id.username);
    user = await insertUser(m, {
      username,
      email,
      password: o.unusablePassword(),
      firstName: id.firstName.slice(0, 150),
      lastName: id.lastName.slice(0, 150),
      isActive: true,
    });
  }
  await m.query(
    'INSERT INTO social_auth_usersocialauth (provider, uid, extra_data, user_id, created, modified) VALUES ($1, $2, $3, $4, $5, $5)',
    [provider, id.uid, extra, user.id, now],
  );
  return user;
}
