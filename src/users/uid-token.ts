import type { EntityManager } from 'typeorm';
import { ValidationError } from '../drf/exceptions';
import type { PyValue } from '../drf/parsing/python-value';
import { findUserById } from './db/user-queries';
import { MESSAGES } from './djoser-messages';
import type { PasswordResetTokenGenerator } from './secrets/password-reset-token.generator';
import { decodeUidToPk } from './secrets/uid';
import { User } from './user.entity';

/** The raw input Djoser reads uid and token from (`self.initial_data.get("uid", "")`): not trimmed. */
export type RawInput = PyValue;

function rawString(data: RawInput, key: string): string | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return '';
  const value = (data as Record<string, PyValue>)[key];
  if (value === undefined) return '';
  // Djoser crashes (500) on a non-string here (e.g. a JSON number); it can only be invalid.
  return typeof value === 'string' ? value : null;
}

/**
 * `UidAndTokenSerializer.validate`: the user the uid names (any user, active or not), then the
 * token checked against that user's current state. Errors: `{"uid":[…]}`, then `{"token":[…]}`.
 * With `lockForUpdate`, the row stays locked until the transaction ends, so two uses of one
 * link cannot both pass.
 */
export async function userFromUidAndToken(
  m: EntityManager,
  data: RawInput,
  tokens: PasswordResetTokenGenerator,
  lockForUpdate = false,
): Promise<User> {
  const uid = rawString(data, 'uid');
  // the described model's key type is the mapped entity's (bigint ids beyond 2^31 are found)
  const pkType = m.connection.getMetadata(User).primaryColumns[0].type === 'bigint' ? 'bigint' : 'integer';
  const pk = uid === null ? null : decodeUidToPk(uid, pkType);
  const user = pk === null ? null : await findUserById(m, pk, lockForUpdate);
  if (!user) throw new ValidationError({ uid: [MESSAGES.invalidUid] });
  const token = rawString(data, 'token');
  if (token === null || !tokens.checkToken(user, token)) throw new ValidationError({ token: [MESSAGES.invalidToken] });
  return user;
}
