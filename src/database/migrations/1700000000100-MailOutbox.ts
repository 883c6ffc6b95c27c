import { MigrationInterface, QueryRunner } from 'typeorm';

/** The mail outbox (our own table). Filled in by the Mail module. */
export class MailOutbox1700000000100 implements MigrationInterface {
  name = 'MailOutbox1700000000100';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
