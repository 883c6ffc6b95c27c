import type { EntityManager } from 'typeorm';
import { ApiException } from '../drf/exceptions';
import { PasswordResetTokenGenerator } from './secrets/password-reset-token.generator';
import { userFromUidAndToken } from './uid-token';
import type { User } from './user.entity';

const user = { id: 7, password: 'pbkdf2_sha256$1$x$y', lastLogin: null, email: 'u@example.com' } as User;
/** A manager that knows one user and records the lock mode asked for. */
function manager(locks: unknown[]): EntityManager {
  return {
    connection: { getMetadata: () => ({ primaryColumns: [{ type: 'integer' }] }) },
    getRepository: () => ({
      findOne: async (options: { where: { id: number }; lock?: unknown }) => {
        locks.push(options.lock);
        return options.where.id === user.id ? user : null;
      },
    }),
  } as unknown as EntityManager;
}
const tokens = new PasswordResetTokenGenerator('secret', 3600);
const token = tokens.makeToken(user);

async function answer(data: unknown): Promise<unknown> {
  try {
    return (await userFromUidAndToken(manager([]), data as never, tokens)).id;
  } catch (e) {
    return (e as ApiException).data;
  }
}

const INVALID_UID = { uid: ["Invalid user id or user doesn't exist."] };
const INVALID_TOKEN = { token: ['Invalid token for given user.'] };

describe('userFromUidAndToken (UidAndTokenSerializer.validate)', () => {
  it('finds the user of a valid uid and token', async () => {
    expect(await answer({ uid: 'Nw', token })).toBe(7);
    expect(await answer({ uid: 'N w', token })).toBe(7); // Django's lenient base64
  });

  it('checks the uid before the token', async () => {
    expect(await answer({ uid: 'OA', token: 'x' })).toEqual(INVALID_UID); // pk 8 absent
    expect(await answer({ token })).toEqual(INVALID_UID); // missing: ""
    expect(await answer({ uid: 7, token })).toEqual(INVALID_UID); // non-string (Djoser: 500)
    expect(await answer({ uid: null, token })).toEqual(INVALID_UID);
  });

  it('reads the raw token (no trimming), missing or non-string is invalid', async () => {
    expect(await answer({ uid: 'Nw', token: ` ${token}` })).toEqual(INVALID_TOKEN);
    expect(await answer({ uid: 'Nw' })).toEqual(INVALID_TOKEN);
    expect(await answer({ uid: 'Nw', token: ['x'] })).toEqual(INVALID_TOKEN);
  });

  it('locks the row when asked (one use per link under concurrency)', async () => {
    const locks: unknown[] = [];
    await userFromUidAndToken(manager(locks), { uid: 'Nw', token } as never, tokens, true);
    expect(locks).toEqual([{ mode: 'pessimistic_write' }]);
  });
});
