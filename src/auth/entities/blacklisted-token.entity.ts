import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** SimpleJWT's `token_blacklist_blacklistedtoken`: a revoked outstanding token. */
@Entity({ name: 'token_blacklist_blacklistedtoken' })
export class BlacklistedToken {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'blacklisted_at', type: 'timestamptz' })
  blacklistedAt: Date;

  @Column({ name: 'token_id', type: 'bigint', unique: true })
  tokenId: string;
}
