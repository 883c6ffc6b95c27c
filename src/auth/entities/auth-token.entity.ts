import { Column, Entity, PrimaryColumn } from 'typeorm';

/** DRF's `authtoken_token`: one 40-hex key per user, never expiring. */
@Entity({ name: 'authtoken_token' })
export class AuthToken {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  key: string;

  @Column({ type: 'timestamptz' })
  created: Date;

  @Column({ name: 'user_id', type: 'integer', unique: true })
  userId: number;
}
