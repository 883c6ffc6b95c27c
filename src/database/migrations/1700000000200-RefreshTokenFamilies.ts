import { MigrationInterface, QueryRunner } from 'typeorm';

/** Refresh-token families for rotation reuse detection (our own table). Filled in by the Auth module. */
export class RefreshTokenFamilies1700000000200 implements MigrationInterface {
  name = 'RefreshTokenFamilies1700000000200';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
