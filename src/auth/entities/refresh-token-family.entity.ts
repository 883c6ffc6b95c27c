import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Our `refresh_token_family`: where a refresh token stands in its rotation chain,
 * so that reuse of a rotated token can revoke the whole family.
 */
@Entity({ name: 'refresh_token_family' })
export class RefreshTokenFamily {
  /** The outstanding token (token_blacklist_outstandingtoken.id). */
  @PrimaryColumn({ name: 'token_id', type: 'bigint' })
  tokenId: string;

  /** jti of the refresh token the family started from (a login). */
  @Column({ type: 'varchar', length: 255 })
  family: string;

  /** The token issued when this one was rotated (null until then). */
  @Column({ name: 'successor_id', type: 'bigint', nullable: true })
  successorId: string | null;

  @Column({ name: 'rotated_at', type: 'timestamptz', nullable: true })
  rotatedAt: Date | null;
}
