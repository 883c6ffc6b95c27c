import { MigrationInterface, QueryRunner } from 'typeorm';

/** The mail outbox (our own table): see src/mail/outbox/outbox-message.entity.ts. */
export class MailOutbox1700000000100 implements MigrationInterface {
  name = 'MailOutbox1700000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "nest_mail_outbox" (
      "id" bigserial NOT NULL PRIMARY KEY,
      "kind" varchar(64) NOT NULL,
      "from_email" text NOT NULL,
      "recipients" jsonb NOT NULL,
      "subject" text NOT NULL,
      "text_body" text NOT NULL,
      "html_body" text NULL,
      "request" jsonb NULL,
      "status" varchar(16) NOT NULL DEFAULT 'pending' CHECK ("status" IN ('pending', 'sending', 'failed')),
      "attempts" integer NOT NULL DEFAULT 0,
      "next_attempt_at" timestamptz NOT NULL DEFAULT now(),
      "locked_until" timestamptz NULL,
      "claim_token" uuid NULL,
      "last_error" text NULL,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    // What the worker scans: unsent mail in send order.
    await q.query(`CREATE INDEX "nest_mail_outbox_unsent" ON "nest_mail_outbox" ("id") WHERE "status" <> 'failed'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "nest_mail_outbox"`);
  }
}
