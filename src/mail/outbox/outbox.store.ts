import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { MailKind, DjoserEmailRequest } from '../mail.types';
import { OutboxMessage } from './outbox-message.entity';

/** A message a worker holds the claim on. */
export interface ClaimedMessage {
  id: string;
  kind: MailKind;
  fromEmail: string;
  recipients: string[];
  subject: string;
  textBody: string;
  htmlBody: string | null;
  request: DjoserEmailRequest | null;
  /** Including this one. */
  attempts: number;
  claimToken: string;
}

/** What the request's transaction writes; the worker adds the claim bookkeeping. */
export type NewOutboxMessage = Omit<ClaimedMessage, 'id' | 'attempts' | 'claimToken'>;

export interface OutboxCounts {
  /** Not sent yet (waiting, in backoff, or being sent right now). */
  pending: number;
  /** Gave up after EMAIL_OUTBOX_MAX_ATTEMPTS (or a permanent SMTP refusal); `npm run mail:requeue`. */
  failed: number;
}

export interface OutboxHealth extends OutboxCounts {
  /**
   * Due for longer than the given delay: pending and due (no worker sends), or claimed
   * with its lease long expired (a worker died mid-send and none took over). Mail
   * waiting out a retry backoff is not due.
   */
  stuck: number;
}

/** Longest wait between two attempts, whatever the backoff doubling reaches. */
export const MAX_BACKOFF_MS = 3_600_000;

const RETURNING = `RETURNING o."id", o."kind", o."from_email", o."recipients", o."subject", o."text_body", o."html_body",
                o."request", o."attempts", o."claim_token"`;

function claimed(r: Record<string, unknown>): ClaimedMessage {
  return {
    id: String(r.id),
    kind: r.kind as MailKind,
    fromEmail: r.from_email as string,
    recipients: r.recipients as string[],
    subject: r.subject as string,
    textBody: r.text_body as string,
    htmlBody: (r.html_body as string | null) ?? null,
    request: (r.request as DjoserEmailRequest | null) ?? null,
    attempts: Number(r.attempts),
    claimToken: r.claim_token as string,
  };
}

/**
 * The outbox table's SQL. Claiming is one statement: `UPDATE ... WHERE id IN
 * (SELECT ... FOR UPDATE SKIP LOCKED)` marks rows `sending` under a claim token and
 * a lease, so any number of workers (processes or instances) each get different
 * rows; a worker that dies mid-send leaves rows whose lease expires and that
 * another worker picks up again.
 */
export class OutboxStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * INSERTs with the caller's manager (inside its transaction when it has one) and
   * returns the row's id. `holdBackMs` keeps workers off the row for that long, so
   * that the request's own first attempt gets it (a crash before that attempt only
   * delays the mail).
   */
  async insert(manager: EntityManager, message: NewOutboxMessage, holdBackMs = 0): Promise<string> {
    const ms = Math.max(0, Math.trunc(holdBackMs));
    const result = await manager.insert(OutboxMessage, {
      ...message,
      ...(ms ? { nextAttemptAt: () => `now() + make_interval(secs => ${ms} / 1000.0)` } : {}),
    });
    return String((result.identifiers[0] as { id: string | number }).id);
  }

  /** Claims the one pending message `id`, whatever its next attempt time; null when it is not pending (sent, claimed, failed). */
  async claimOne(id: string, leaseMs: number): Promise<ClaimedMessage | null> {
    const rows = await this.rows<Record<string, unknown>>(
      `UPDATE "nest_mail_outbox" o
          SET "status" = 'sending', "attempts" = o."attempts" + 1, "claim_token" = $1,
              "locked_until" = now() + make_interval(secs => $2::double precision / 1000)
        WHERE o."id" IN (
          SELECT "id" FROM "nest_mail_outbox" WHERE "id" = $3::bigint AND "status" = 'pending' FOR UPDATE SKIP LOCKED)
      ${RETURNING}`,
      [randomUUID(), leaseMs, id],
    );
    return rows.length ? claimed(rows[0]) : null;
  }

  /**
   * Claims up to `limit` messages with an id above `afterId`, oldest first: due
   * pending ones (any pending one with `ignoreBackoff`) and those whose claim expired.
   */
  async claim(options: { limit: number; leaseMs: number; ignoreBackoff: boolean; afterId: string }): Promise<ClaimedMessage[]> {
    const token = randomUUID();
    const rows = await this.rows<Record<string, unknown>>(
      `UPDATE "nest_mail_outbox" o
          SET "status" = 'sending', "attempts" = o."attempts" + 1, "claim_token" = $1,
              "locked_until" = now() + make_interval(secs => $2::double precision / 1000)
        WHERE o."id" IN (
          SELECT "id" FROM "nest_mail_outbox"
           WHERE "id" > $3::bigint
             AND (("status" = 'pending' AND ($4::boolean OR "next_attempt_at" <= now()))
                  OR ("status" = 'sending' AND "locked_until" < now()))
           ORDER BY "id"
           LIMIT $5
             FOR UPDATE SKIP LOCKED)
      ${RETURNING}`,
      [token, options.leaseMs, options.afterId, options.ignoreBackoff, options.limit],
    );
    return rows.map(claimed).sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }

  /** Sent: the row goes (its links carry live tokens). Only while the claim is still ours. */
  async markSent(message: ClaimedMessage): Promise<void> {
    await this.rows(`DELETE FROM "nest_mail_outbox" WHERE "id" = $1::bigint AND "claim_token" = $2 RETURNING "id"`, [
      message.id,
      message.claimToken,
    ]);
  }

  /**
   * Not sent: back to pending after `backoffMs * 2^(attempts-1)` (at most an hour),
   * or failed once the attempts are used up or the refusal was permanent.
   * Returns the new status, or null when the claim was no longer ours.
   */
  async markAttemptFailed(
    message: ClaimedMessage,
    error: string,
    options: { permanent: boolean; maxAttempts: number; backoffMs: number },
  ): Promise<'pending' | 'failed' | null> {
    const rows = await this.rows<{ status: 'pending' | 'failed' }>(
      `UPDATE "nest_mail_outbox"
          SET "status" = CASE WHEN $3::boolean OR "attempts" >= $4 THEN 'failed' ELSE 'pending' END,
              "next_attempt_at" = now() + make_interval(secs => LEAST($5::double precision * power(2, "attempts" - 1), $6) / 1000),
              "last_error" = $7, "locked_until" = NULL, "claim_token" = NULL
        WHERE "id" = $1::bigint AND "claim_token" = $2
      RETURNING "status"`,
      [message.id, message.claimToken, options.permanent, options.maxAttempts, options.backoffMs, MAX_BACKOFF_MS, error],
    );
    return rows[0]?.status ?? null;
  }

  async counts(): Promise<OutboxCounts> {
    const rows = await this.rows<{ failed: string; total: string }>(
      `SELECT count(*) FILTER (WHERE "status" = 'failed') AS "failed", count(*) AS "total" FROM "nest_mail_outbox"`,
      [],
    );
    const failed = Number(rows[0].failed);
    return { pending: Number(rows[0].total) - failed, failed };
  }

  /** The counts, and how many messages are stuck: due for longer than `stuckAfterSeconds`. */
  async health(stuckAfterSeconds: number): Promise<OutboxHealth> {
    const [row] = await this.rows<{ stuck: string; pending: string; failed: string }>(
      `SELECT count(*) FILTER (WHERE ("status" = 'pending' AND "next_attempt_at" < now() - make_interval(secs => $1))
                                  OR ("status" = 'sending' AND "locked_until" < now() - make_interval(secs => $1))) AS "stuck",
              count(*) FILTER (WHERE "status" <> 'failed') AS "pending",
              count(*) FILTER (WHERE "status" = 'failed') AS "failed"
         FROM "nest_mail_outbox"`,
      [stuckAfterSeconds],
    );
    return { pending: Number(row.pending), failed: Number(row.failed), stuck: Number(row.stuck) };
  }

  /** Failed mail becomes pending again with a fresh set of attempts; returns how many. */
  async requeueFailed(): Promise<number> {
    const rows = await this.rows(
      `UPDATE "nest_mail_outbox" SET "status" = 'pending', "attempts" = 0, "next_attempt_at" = now(), "last_error" = NULL
        WHERE "status" = 'failed' RETURNING "id"`,
      [],
    );
    return rows.length;
  }

  /** Rows of any statement (TypeORM's plain `query` answers UPDATE ... RETURNING as [rows, count]). */
  private async rows<T = unknown>(sql: string, params: unknown[]): Promise<T[]> {
    const runner = this.dataSource.createQueryRunner();
    try {
      return (await runner.query(sql, params, true)).records as T[];
    } finally {
      await runner.release();
    }
  }
}
