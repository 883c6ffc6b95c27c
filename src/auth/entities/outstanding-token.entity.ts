import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** SimpleJWT's `token_blacklist_outstandingtoken`: every refresh token issued. */
@Entity({ name: 'token_blacklist_outstandingtoken' })
export class OutstandingToken {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  token: string;

  @Column({ name: 'created_at', type: 'timestamptz', nullable: true })
  createdAt: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'user_id', type: 'integer', nullable: true })
  userId: number | null;

  @Column({ type: 'varchar', length: 255, unique: true })
  jti: string;
}
