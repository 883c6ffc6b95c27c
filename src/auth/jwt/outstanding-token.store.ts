import { User } from '../../users/user.entity';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BatchedLookup, KeyedLookup, PgPool, pgPool } from '../../perf/batched-lookup';

export interface RecordedToken {
  token: string;
  jti: string;
  expiresAt: Date;
  /** The user-id claim as a number, or null; recorded only if that user exists (the FK). */
  userId: number | null;
}

/** What the database knows about one refresh token, read in one query. */
export interface TokenState {
  outstandingId: string;
  blacklisted: boolean;
  /** Rotated at least once (our refresh_token_family). */
  rotated: boolean;
}

const stateQuery = (where: string) => `SELECT o."id", o."jti",
              EXISTS (SELECT 1 FROM "token_blacklist_blacklistedtoken" b WHERE b."token_id" = o."id") AS "blacklisted",
              EXISTS (SELECT 1 FROM "refresh_token_family" f WHERE f."token_id" = o."id" AND f."rotated_at" IS NOT NULL) AS "rotated"
       FROM "token_blacklist_outstandingtoken" o WHERE ${where}`;
const STATE = { name: 'nest_djoser_refresh_token_state', text: stateQuery(`o."jti" = $1`) };
const STATES = { name: 'nest_djoser_refresh_token_states', text: stateQuery(`o."jti" = ANY($1::varchar[])`) };

type StateRow = { id: string; jti: string; blacklisted: boolean; rotated: boolean };
const stateOf = (row: StateRow): TokenState => ({ outstandingId: String(row.id), blacklisted: row.blacklisted, rotated: row.rotated });
const STATE_LOOKUP: KeyedLookup<string, TokenState> = {
  one: STATE,
  many: STATES,
  keyOf: (r) => r.jti as string,
  valueOf: (r) => stateOf(r as StateRow),
};

/** The user table (auth_user, or AUTH_USER_MODEL_FILE's). */
function userTable(m: EntityManager): string {
  return m.connection.getMetadata(User).tableName;
}

/**
 * SimpleJWT's token_blacklist tables (`OutstandingToken`, `BlacklistedToken`), written
 * with plain SQL so that each operation is a single statement safe under concurrency.
 */
@Injectable()
export class OutstandingTokenStore {
  /** `OutstandingToken.objects.create(...)` for a token just issued here. */
  async record(m: EntityManager, t: RecordedToken): Promise<string> {
    const rows: Array<{ id: string }> = await m.query(
      `INSERT INTO "token_blacklist_outstandingtoken" ("token", "created_at", "expires_at", "user_id", "jti")
       VALUES ($1, now(), $2, (SELECT "id" FROM "${userTable(m)}" WHERE "id" = $3), $4) RETURNING "id"`,
      [t.token, t.expiresAt, t.userId, t.jti],
    );
    return String(rows[0].id);
  }

  /**
   * `OutstandingToken.objects.get_or_create(jti=...)` for a token presented to us (it may
   * come from another issuer sharing the key, or predate the blacklist tables).
   */
  async ensureRecorded(m: EntityManager, t: RecordedToken): Promise<string> {
    for (;;) {
      const rows: Array<{ id: string }> = await m.query(
        `WITH inserted AS (
           INSERT INTO "token_blacklist_outstandingtoken" ("token", "created_at", "expires_at", "user_id", "jti")
           VALUES ($1, NULL, $2, (SELECT "id" FROM "${userTable(m)}" WHERE "id" = $3), $4)
           ON CONFLICT ("jti") DO NOTHING RETURNING "id")
         SELECT "id" FROM inserted
         UNION ALL SELECT "id" FROM "token_blacklist_outstandingtoken" WHERE "jti" = $4
         LIMIT 1`,
        [t.token, t.expiresAt, t.userId, t.jti],
      );
      if (rows[0]) return String(rows[0].id);
      // a concurrent insert committed after this statement's snapshot: read again
    }
  }

  private readonly batches = new WeakMap<PgPool, BatchedLookup<string, TokenState>>();

  /**
   * The token's row, whether it is blacklisted and whether it was rotated. Outside a transaction
   * it is a named prepared statement on the pg pool, batched with the other refreshes of the same
   * turn (batched-lookup.ts): every refresh asks it, and PostgreSQL plans it once per connection.
   */
  async state(m: EntityManager, jti: string): Promise<TokenState | null> {
    const pool = m.queryRunner ? null : pgPool(m.connection);
    if (!pool) {
      const rows = (await m.query(STATE.text, [jti])) as StateRow[];
      return rows[0] ? stateOf(rows[0]) : null;
    }
    let batch = this.batches.get(pool);
    if (!batch) this.batches.set(pool, (batch = new BatchedLookup(pool, STATE_LOOKUP)));
    return batch.load(jti);
  }

  /** `BlacklistedToken.objects.get_or_create(token=...)`. */
  async blacklist(m: EntityManager, outstandingId: string): Promise<void> {
    await m.query(
      `INSERT INTO "token_blacklist_blacklistedtoken" ("blacklisted_at", "token_id") VALUES (now(), $1)
       ON CONFLICT ("token_id") DO NOTHING`,
      [outstandingId],
    );
  }

  /** Blacklists every token of a rotation family (reuse detected, or the session logged out). */
  async blacklistFamily(m: EntityManager, family: string): Promise<void> {
    await m.query(
      `INSERT INTO "token_blacklist_blacklistedtoken" ("blacklisted_at", "token_id")
       SELECT now(), f."token_id" FROM "refresh_token_family" f WHERE f."family" = $1
       ON CONFLICT ("token_id") DO NOTHING`,
      [family],
    );
  }

  /** The family a token belongs to, if it ever took part in a rotation. */
  async familyOf(m: EntityManager, outstandingId: string): Promise<string | null> {
    const rows: Array<{ family: string }> = await m.query(`SELECT "family" FROM "refresh_token_family" WHERE "token_id" = $1`, [
      outstandingId,
    ]);
    return rows[0]?.family ?? null;
  }
}
