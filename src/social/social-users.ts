import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { findUserById, insertModelUser, insertUser, lockEmail, modelValueTaken, usernameForEmail, usernameTaken } from '../users/db/user-queries';
import { modelField, type UserModel } from '../users/model/user-model';
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
  /** The user model: a described one (AUTH_USER_MODEL_FILE) gets its own login and name fields. */
  model?: UserModel;
}

/** social_django's `clean_username`: characters outside [\w.@+-] are dropped. */
const cleanUsername = (name: string) => name.replace(/[^\p{L}\p{N}_.@+-]+/gu, '');

/**
 * python-social-auth's get_username: the provider's name, else a random one; a taken name gets a
 * random suffix. `taken` / `maxLength` are the USERNAME_FIELD's (`user_exists`, `username_max_length`).
 */
async function freeUsername(wanted: string, taken: (v: string) => Promise<boolean>, maxLength = USERNAME_MAX_LENGTH): Promise<string> {
  const base = wanted || randomUUID().replace(/-/g, '');
  const short = base.slice(0, maxLength - UUID_LENGTH);
  let candidate = cleanUsername(base.slice(0, maxLength));
  while (!candidate || (await taken(candidate)))
    candidate = cleanUsername((short + randomUUID().replace(/-/g, '').slice(0, UUID_LENGTH)).slice(0, maxLength));
  return candidate;
}

/**
 * create_user + user_details on a described model: social_django's `create_user` hands the
 * generated username to USERNAME_FIELD (dropped when that is the e-mail field), the e-mail to
 * EMAIL_FIELD, other REQUIRED_FIELDS get the model defaults; user_details then sets `first_name` /
 * `last_name` from the provider when the model has them.
 */
async function insertSocialModelUser(m: EntityManager, model: UserModel, id: ProviderIdentity, email: string, o: PipelineOptions): Promise<User> {
  const given: Record<string, string> = {};
  if (model.usernameField === model.emailField) {
    // the model's create_user refuses an empty login ("The given email must be set"): refused here instead of a 500
    if (!email) throw new ProviderError("Email couldn't be validated");
  } else {
    const login = modelField(model, model.usernameField)!;
    given[login.name] = await freeUsername(o.usernameIsFullEmail && email ? email : id.username, (v) => modelValueTaken(m, model, login, v), login.maxLength ?? USERNAME_MAX_LENGTH);
  }
  given[model.emailField] = email;
  for (const [name, value] of [['first_name', id.firstName], ['last_name', id.lastName]] as const) {
    const f = modelField(model, name);
    if (f && (f.type === 'char' || f.type === 'text')) given[name] = f.maxLength ? value.slice(0, f.maxLength) : value;
  }
  return insertModelUser(m, model, given, o.unusablePassword(), true);
}

/** The accounts with an e-mail (case-insensitive), in auth_user or a described model's table. */
function sameEmailQuery(model: UserModel | undefined): string {
  if (!model?.custom) return 'SELECT id FROM auth_user WHERE UPPER(email) = UPPER($1) ORDER BY id';
  const column = modelField(model, model.emailField)!.column;
  return `SELECT "${model.pk.column}" AS id FROM "${model.table}" WHERE UPPER("${column}") = UPPER($1) ORDER BY "${model.pk.column}"`;
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
  const sameEmail: Array<{ id: number }> = email ? await m.query(sameEmailQuery(o.model), [email]) : [];
  let user: User;
  if (sameEmail.length > 1) throw new ProviderError('The given email address is associated with another account');
  if (sameEmail.length === 1) {
    // An unverified address proves nothing: it must not take over the account that has it.
    if (!id.emailVerified) throw new ProviderError('This account is already in use.');
    user = (await findUserById(m, sameEmail[0].id))!;
  } else if (o.model?.custom) {
    user = await insertSocialModelUser(m, o.model, id, email, o);
  } else {
    if (o.emailLogin && !email) throw new ProviderError("Email couldn't be validated");
    const username = o.emailLogin ? usernameForEmail(email) : await freeUsername(o.usernameIsFullEmail && email ? email : id.username, (v) => usernameTaken(m, v));
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
