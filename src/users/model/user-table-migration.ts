import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTokenTables } from '../../database/migrations/1700000000000-DjangoAuthSchema';
import { sqlType } from './user-entity';
import type { UserModel } from './user-model';

/**
 * DjangoAuthSchema1700000000000 for a described user model on a fresh database: the model's
 * table as Django's migrate would create it, and the token tables (the stock migration's DDL)
 * pointing at it with the key type of its id. Same name as the stock migration, so the history reads the same.
 */
export function userModelSchemaMigration(model: UserModel): new () => MigrationInterface {
  const t = model.table;
  const idType = model.pk.type;
  const pkType = { integer: 'serial', bigint: 'bigserial', uuid: 'uuid' }[model.pk.type];
  const columns = [
    `"${model.pk.column}" ${pkType} NOT NULL CONSTRAINT "${t}_pkey" PRIMARY KEY`,
    `"password" varchar(128) NOT NULL`,
    ...model.fields.map((f) => `"${f.column}" ${sqlType(f)} ${f.null ? 'NULL' : 'NOT NULL'}${f.unique ? ` CONSTRAINT "${t}_${f.column}_key" UNIQUE` : ''}`),
  ];
  return class DjangoAuthSchema1700000000000 implements MigrationInterface {
    name = 'DjangoAuthSchema1700000000000';

    async up(q: QueryRunner): Promise<void> {
      await q.query(`CREATE TABLE IF NOT EXISTS "${t}" (\n  ${columns.join(',\n  ')})`);
      for (const f of model.fields)
        if (f.unique && (f.type === 'char' || f.type === 'email'))
          await q.query(`CREATE INDEX IF NOT EXISTS "${t}_${f.column}_like" ON "${t}" ("${f.column}" varchar_pattern_ops)`);
      await createTokenTables(q, {
        table: t,
        pk: model.pk.column,
        idType,
        authtokenFk: `authtoken_token_user_id_fk_${t}_id`,
        outstandingFk: `token_blacklist_outs_user_id_fk_${t}_id`,
      });
    }

    async down(q: QueryRunner): Promise<void> {
      for (const table of ['token_blacklist_blacklistedtoken', 'token_blacklist_outstandingtoken', 'authtoken_token', t])
        await q.query(`DROP TABLE IF EXISTS "${table}"`);
    }
  };
}

/** UsersEmailLogin1700000000300 has nothing to do on a described model (its e-mail lookups are exact, served by its own unique index). */
export class UsersEmailLoginSkipped implements MigrationInterface {
  name = 'UsersEmailLogin1700000000300';
  async up(): Promise<void> {
    // nothing: see the class comment
  }
  async down(): Promise<void> {
    // nothing
  }
}
