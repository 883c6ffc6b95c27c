import { Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TokenRevocation } from '../auth/revocation/token-revocation.service';
import { deleteDrfTokens, deleteUserRow, detachUserTokens } from './db/user-queries';

/**
 * Djoser's `logout_user` and `user.delete()` for the credentials a user holds, inside the
 * caller's transaction. The auth module's TokenRevocation (when it exports one) also
 * blacklists the user's refresh tokens; without it, Djoser's own effect: the DRF token rows go.
 */
@Injectable()
export class UserSessions {
  constructor(@Optional() private readonly revocation?: TokenRevocation) {}

  /** `logout_user` (self-delete, LOGOUT_ON_PASSWORD_CHANGE). */
  async logout(userId: number, m: EntityManager): Promise<void> {
    if (this.revocation) await this.revocation.revokeAllForUser(userId, m);
    else await deleteDrfTokens(m, userId);
  }

  /**
   * A profile update deactivated the user (new e-mail to confirm): its credentials are revoked
   * by the auth module, so the account comes back only through a new login (Djoser keeps the
   * DRF token, which works again after re-activation). Nothing without that module.
   */
  async deactivated(userId: number, m: EntityManager): Promise<void> {
    if (this.revocation) await this.revocation.revokeAllForUser(userId, m);
  }

  /** `user.delete()` with Django's cascades. */
  async deleteUser(userId: number, m: EntityManager): Promise<void> {
    if (this.revocation) await this.revocation.prepareUserDeletion(userId, m);
    else await detachUserTokens(m, userId);
    await deleteUserRow(m, userId);
  }
}
