import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../database/migrations';

/** Every migration the server ships is recorded in TypeORM's `migrations` table. */
@Injectable()
export class MigrationsIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
  ) {}

  async check<K extends string>(key: K) {
    const session = this.indicators.check(key);
    const expected = MIGRATIONS.map((m) => new m().name ?? m.name);
    let applied: Set<string>;
    try {
      const table = this.dataSource.options.migrationsTableName ?? 'migrations';
      const rows: Array<{ name: string }> = await this.dataSource.query(`SELECT "name" FROM "${table}"`);
      applied = new Set(rows.map((r) => r.name));
    } catch (e) {
      return session.down({ message: `cannot read the migrations table: ${(e as Error).message}` });
    }
    const pending = expected.filter((name) => !applied.has(name));
    return pending.length ? session.down({ pending }) : session.up({ applied: expected.length });
  }
}
