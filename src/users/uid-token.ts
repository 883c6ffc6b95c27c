import type { EntityManager } from 'typeorm';
import { ValidationError } from '../drf/exceptions';
import type { PyValue } from '../drf/parsing/python-value';
import { findUserById } from './db/user-queries';
import { MESSAGES } from './djoser-messages';
import type { PasswordResetTokenGenerator } from './secrets/password-reset-token.generator';
import { decodeUidText, decodeUidToPk } from './secrets/uid';
import { parseUuid } from './model/user-model';
import { nonFieldError } from '../drf/serializer';
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
 * A uuid pk from a uid. Text that is no uuid fails Django's UUIDField lookup with a ValidationError,
 * which Djoser does not catch and DRF's `run_validation` turns into `non_field_errors`.
 */
function uuidOfUid(uid: string): string | null {
  const text = decodeUidText(uid);
  if (text === null) return null;
  const pk = parseUuid(text);
  if (pk === null) throw nonFieldError(`“${text}” is not a valid UUID.`);
  return pk;
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
  const column = m.connection.getMetadata(User).primaryColumns[0].type;
  const pk = uid === null ? null : column === 'uuid' ? uuidOfUid(uid) : decodeUidToPk(uid, column === 'bigint' ? 'bigint' : 'integer');
  const user = pk === null ? null : await findUserById(m, pk as number, lockForUpdate);
  if (!user) throw new ValidationError({ uid: [MESSAGES.invalidUid] });
  const token = rawString(data, 'token');
  if (token === null || !tokens.checkToken(user, token)) throw new ValidationError({ token: [MESSAGES.invalidToken] });
  return user;
}
