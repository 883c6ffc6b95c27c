import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthToken } from '../entities/auth-token.entity';

/**
 * Revokes every credential a user holds: the DRF token is deleted and every recorded
 * refresh token is blacklisted (SimpleJWT's `blacklist()` for each outstanding row).
 * Access tokens stay stateless, as in SimpleJWT: they die with their short lifetime,
 * or at once when the user is deactivated or deleted (the authenticator checks both).
 */
@Injectable()
export class TokenRevocation {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Inside the caller's transaction when `manager` is given (user deactivation,
   * deletion, LOGOUT_ON_PASSWORD_CHANGE), else in a transaction of its own.
   */
  async revokeAllForUser(userId: number, manager?: EntityManager): Promise<void> {
    if (!manager) return this.dataSource.transaction((m) => this.revokeAllForUser(userId, m));
    await manager.delete(AuthToken, { userId });
    await this.blacklistOutstanding(manager, 'o.user_id = $1', [userId]);
  }

  /**
   * Before `auth_user` loses a row: revoke everything, then what Django's ORM does for the
   * foreign keys (authtoken CASCADE — already deleted — and outstanding tokens SET_NULL).
   */
  async prepareUserDeletion(userId: number, manager: EntityManager): Promise<void> {
    await this.revokeAllForUser(userId, manager);
    await manager.query('UPDATE "token_blacklist_outstandingtoken" SET "user_id" = NULL WHERE "user_id" = $1', [userId]);
  }

  /** Blacklists the outstanding tokens a WHERE clause on `o` selects (already blacklisted ones are kept as they are). */
  private async blacklistOutstanding(manager: EntityManager, where: string, params: unknown[]): Promise<void> {
    await manager.query(
      `INSERT INTO "token_blacklist_blacklistedtoken" ("blacklisted_at", "token_id")
       SELECT now(), o."id" FROM "token_blacklist_outstandingtoken" o WHERE ${where}
       ON CONFLICT ("token_id") DO NOTHING`,
      params,
    );
  }
}
