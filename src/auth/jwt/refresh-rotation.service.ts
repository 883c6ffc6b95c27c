import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SETTINGS } from '../../config/config.module';
import type { Settings } from '../../config/settings';
import { TokenCodec, TokenPayload } from '../tokens/token-codec';
import { expiresAtOf, invalidToken, TOKEN_BLACKLISTED } from './claims';
import { OutstandingTokenStore } from './outstanding-token.store';

export interface PresentedRefresh {
  token: string;
  payload: TokenPayload;
  jti: string;
  /** User-id claim as a number (recorded with issued tokens when that user exists). */
  userId: number | null;
}

type Outcome = { kind: 'issued'; refresh: string } | { kind: 'blacklisted' };

/**
 * ROTATE_REFRESH_TOKENS, serialised per token: the presented token's lineage row is locked
 * (`SELECT ... FOR UPDATE`), so concurrent refreshes of one token issue exactly one
 * successor. With reuse detection (ours), a rotated token presented again within the
 * grace period gets that same successor; later, it revokes its whole family.
 */
@Injectable()
export class RefreshRotation {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: OutstandingTokenStore,
    private readonly codec: TokenCodec,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  /** The new refresh token, or throws 401 `Token is blacklisted` (after committing any family revocation). */
  async rotate(presented: PresentedRefresh): Promise<string> {
    const outcome = await this.dataSource.transaction((m) => this.rotateLocked(m, presented));
    if (outcome.kind === 'blacklisted') throw invalidToken(TOKEN_BLACKLISTED);
    return outcome.refresh;
  }

  private async rotateLocked(m: EntityManager, p: PresentedRefresh): Promise<Outcome> {
    const id = await this.store.ensureRecorded(m, { token: p.token, jti: p.jti, expiresAt: expiresAtOf(p.payload), userId: p.userId });
    // a token that was never rotated starts its own family, named after its jti
    await m.query(`INSERT INTO "refresh_token_family" ("token_id", "family") VALUES ($1, $2) ON CONFLICT ("token_id") DO NOTHING`, [id, p.jti]);
    const [lineage]: Array<{ family: string; rotated: boolean }> = await m.query(
      `SELECT "family", "rotated_at" IS NOT NULL AS "rotated" FROM "refresh_token_family" WHERE "token_id" = $1 FOR UPDATE`,
      [id],
    );
    // read after the lock: a new statement sees what the previous holder committed
    const [now]: Array<{ blacklisted: boolean; successor: string | null; successor_usable: boolean }> = await m.query(
      `SELECT EXISTS (SELECT 1 FROM "token_blacklist_blacklistedtoken" WHERE "token_id" = f."token_id") AS "blacklisted",
              s."token" AS "successor",
              s."id" IS NOT NULL
                AND f."rotated_at" > clock_timestamp() - make_interval(secs => $2)
                AND NOT EXISTS (SELECT 1 FROM "token_blacklist_blacklistedtoken" WHERE "token_id" = s."id") AS "successor_usable"
       FROM "refresh_token_family" f LEFT JOIN "token_blacklist_outstandingtoken" s ON s."id" = f."successor_id"
       WHERE f."token_id" = $1`,
      [id, this.settings.simpleJwt.rotationReuseGracePeriod],
    );

    const detectReuse = this.settings.simpleJwt.rotationReuseDetection;
    if (lineage.rotated && detectReuse) {
      if (now.successor_usable && now.successor) return { kind: 'issued', refresh: now.successor };
      await this.store.blacklistFamily(m, lineage.family);
      return { kind: 'blacklisted' };
    }
    if (now.blacklisted) return { kind: 'blacklisted' };
    return { kind: 'issued', refresh: await this.issueSuccessor(m, id, lineage.family, p) };
  }

  /** SimpleJWT: blacklist the old token (BLACKLIST_AFTER_ROTATION), then set_jti/set_exp/set_iat. All recorded. */
  private async issueSuccessor(m: EntityManager, id: string, family: string, p: PresentedRefresh): Promise<string> {
    if (this.settings.simpleJwt.blacklistAfterRotation) await this.store.blacklist(m, id);
    const next = await this.codec.rotate(p.payload);
    const jtiClaim = this.settings.simpleJwt.jtiClaim || 'null';
    const nextId = await this.store.record(m, {
      token: next.token,
      jti: String(next.payload[jtiClaim]),
      expiresAt: expiresAtOf(next.payload),
      userId: p.userId,
    });
    await m.query(`INSERT INTO "refresh_token_family" ("token_id", "family") VALUES ($1, $2)`, [nextId, family]);
    await m.query(`UPDATE "refresh_token_family" SET "successor_id" = $2, "rotated_at" = clock_timestamp() WHERE "token_id" = $1`, [id, nextId]);
    return next.token;
  }
}
