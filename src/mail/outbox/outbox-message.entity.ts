import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DjoserEmailRequest } from '../mail.types';

export type OutboxStatus = 'pending' | 'sending' | 'failed';

/**
 * One rendered e-mail waiting to be sent (`nest_mail_outbox`, our own table).
 * Written in the transaction of the change that causes it; deleted once sent, so
 * links with live tokens do not linger; kept as `failed` after the last attempt.
 */
@Entity({ name: 'nest_mail_outbox' })
export class OutboxMessage {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  kind: string;

  @Column({ name: 'from_email', type: 'text' })
  fromEmail: string;

  @Column({ type: 'jsonb' })
  recipients: string[];

  @Column({ type: 'text' })
  subject: string;

  @Column({ name: 'text_body', type: 'text' })
  textBody: string;

  @Column({ name: 'html_body', type: 'text', nullable: true })
  htmlBody: string | null;

  /** What the users service asked for (tests read it back through `deliveredRequests()`). */
  @Column({ type: 'jsonb', nullable: true })
  request: DjoserEmailRequest | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: OutboxStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  /** While `sending`: the claim expires then (a crashed worker's mail is picked up again). */
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  /** Who holds the claim: a worker only settles rows it still holds. */
  @Column({ name: 'claim_token', type: 'uuid', nullable: true })
  claimToken: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
