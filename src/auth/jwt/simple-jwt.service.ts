import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SETTINGS } from '../../config/config.module';
import type { Settings } from '../../config/settings';
import { AuthenticationFailed, ValidationError } from '../../drf/exceptions';
import type { User } from '../../users/user.entity';
import { djangoIntegerLookup, UserLookup } from '../credentials/user-lookup';
import { TokenCodec, TokenError, TokenPayload, TokenType } from '../tokens/token-codec';
import { expiresAtOf, invalidToken, jtiOf, revokeTokenClaims, TOKEN_BLACKLISTED } from './claims';
import { OutstandingTokenStore } from './outstanding-token.store';
import { RefreshRotation } from './refresh-rotation.service';

/** SimpleJWT ≥ 5.4 (and HEAD for deleted users): refresh refused for a user who may not log in. */
export const NO_ACTIVE_ACCOUNT_FOR_TOKEN = 'No active account found for the given token.';

/**
 * The serializers of SimpleJWT's views (`TokenObtainPairSerializer`, `TokenRefreshSerializer`,
 * `TokenVerifySerializer`, `TokenBlacklistSerializer`) with the blacklist app installed:
 * every refresh token issued here is recorded in `token_blacklist_outstandingtoken`.
 */
@Injectable()
export class SimpleJwtService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly codec: TokenCodec,
    private readonly store: OutstandingTokenStore,
    private readonly rotation: RefreshRotation,
    private readonly users: UserLookup,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  /** `RefreshToken.for_user(user)` (recorded as outstanding) and its access token. */
  async obtainPair(user: User): Promise<{ refresh: string; access: string }> {
    const pair = await this.codec.issuePair(user.id, revokeTokenClaims(user, this.settings));
    await this.store.record(this.dataSource.manager, {
      token: pair.refresh,
      jti: jtiOf(pair.refreshPayload, this.settings)!,
      expiresAt: expiresAtOf(pair.refreshPayload),
      userId: user.id,
    });
    return { refresh: pair.refresh, access: pair.access };
  }

  /** TokenRefreshSerializer.validate: `{"access"}`, or `{"access","refresh"}` with rotation. */
  async refresh(token: string): Promise<{ access: string; refresh?: string }> {
    const payload = await this.decode(token, 'refresh');
    const jti = jtiOf(payload, this.settings);
    const rotate = this.settings.simpleJwt.rotateRefreshTokens;
    // Both reads go out together (one round trip of latency); the blacklist's answer still wins, as in SimpleJWT's order.
    const user = this.checkUser(payload);
    user.catch(() => undefined);
    if (jti !== null) {
      const state = await this.store.state(this.dataSource.manager, jti);
      // a rotated token under reuse detection is judged by the rotation (grace period / family revocation)
      const judgedByRotation = rotate && this.settings.simpleJwt.rotationReuseDetection && state?.rotated;
      if (state?.blacklisted && !judgedByRotation) throw invalidToken(TOKEN_BLACKLISTED);
    }
    const userId = await user;
    // the access token comes from the presented refresh token, before any rotation (as SimpleJWT does)
    const access = (await this.codec.accessFromRefresh(payload)).token;
    if (!rotate) return { access };
    if (jti === null) throw invalidToken('Token has no id');
    return { access, refresh: await this.rotation.rotate({ token, payload, jti, userId }) };
  }

  /** TokenVerifySerializer: any token type; the blacklist is consulted only with BLACKLIST_AFTER_ROTATION (5.2.2). */
  async verify(token: string): Promise<Record<string, never>> {
    const payload = await this.decode(token, null);
    if (this.settings.simpleJwt.blacklistAfterRotation) {
      const jti = jtiOf(payload, this.settings);
      const state = jti === null ? null : await this.store.state(this.dataSource.manager, jti);
      if (state?.blacklisted) throw new ValidationError({ non_field_errors: [TOKEN_BLACKLISTED] });
    }
    return {};
  }

  /** TokenBlacklistSerializer: `RefreshToken(token).blacklist()`; ours also ends the token's rotation family. */
  async blacklist(token: string): Promise<Record<string, never>> {
    const payload = await this.decode(token, 'refresh');
    const jti = jtiOf(payload, this.settings);
    if (jti === null) throw invalidToken('Token has no id');
    const state = await this.store.state(this.dataSource.manager, jti);
    if (state?.blacklisted) throw invalidToken(TOKEN_BLACKLISTED);
    const userId = djangoIntegerLookup(payload[this.settings.simpleJwt.userIdClaim], this.settings.userModel.pk.type);
    await this.dataSource.transaction(async (m) => {
      const id = await this.store.ensureRecorded(m, { token, jti, expiresAt: expiresAtOf(payload), userId });
      await this.store.blacklist(m, id);
      const family = await this.store.familyOf(m, id);
      if (family !== null) await this.store.blacklistFamily(m, family);
    });
    return {};
  }

  /** `RefreshToken(token)` / `UntypedToken(token)`: TokenError → 401 token_not_valid. */
  private async decode(token: string, type: TokenType | null): Promise<TokenPayload> {
    try {
      return this.codec.decode(token, type);
    } catch (e) {
      if (e instanceof TokenError) throw invalidToken(e.message);
      throw e;
    }
  }

  /**
   * SimpleJWT ≥ 5.4: a refresh whose user is inactive is refused; so is one whose user is
   * gone (5.4 crashes, HEAD refuses). A token without a user claim is not checked (as 5.4).
   * Returns the user id to record with a rotated token.
   */
  private async checkUser(payload: TokenPayload): Promise<number | null> {
    const claim = this.settings.simpleJwt.userIdClaim;
    const userId = djangoIntegerLookup(payload[claim], this.settings.userModel.pk.type);
    if (!this.settings.simpleJwt.refreshRequiresActiveUser || !Object.prototype.hasOwnProperty.call(payload, claim)) return userId;
    const user = await this.users.byIdClaim(payload[claim]);
    // USER_AUTHENTICATION_RULE: CHECK_USER_IS_ACTIVE (5.3+) off lets inactive users refresh
    if (!user || (!user.isActive && this.settings.simpleJwt.checkUserIsActive)) throw AuthenticationFailed(NO_ACTIVE_ACCOUNT_FOR_TOKEN);
    return user.id;
  }
}
