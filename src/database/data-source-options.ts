import { mkdirSync } from 'node:fs';
import type { DataSourceOptions } from 'typeorm';
import { migrationsFor } from './migrations';
import { ENTITIES } from './entities';
import { User } from '../users/user.entity';
import { userEntitySchema } from '../users/model/user-entity';
import type { UserModel } from '../users/model/user-model';

export interface DatabaseConfig {
  databaseUrl: string;
  pgliteDataDir: string;
  migrationsRun: boolean;
  /** DJANGO_EXISTING_SCHEMA: Django's tables are adopted, not created (src/database/django-schema.ts). */
  djangoExistingSchema?: boolean;
  /** AUTH_USER_MODEL_FILE's model; absent = Django's User (the decorated entity). */
  userModel?: UserModel;
}

/** Which engine a configuration uses, for logs and tests. */
export function describeEngine(cfg: DatabaseConfig): string {
  if (cfg.databaseUrl) {
    const u = new URL(cfg.databaseUrl);
    return `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`;
  }
  return `embedded PostgreSQL (PGlite) ${cfg.pgliteDataDir ? `in ${cfg.pgliteDataDir}` : 'in memory'}`;
}

/**
 * TypeORM options for PostgreSQL through `pg`, or, with no DATABASE_URL, for an
 * embedded PGlite reached through the node-postgres adapter PGlite ships: the
 * same driver path, SQL and migrations on both engines. PGlite is single-session,
 * so the pool holds one connection.
 */
export async function buildDataSourceOptions(cfg: DatabaseConfig): Promise<DataSourceOptions> {
  const common = {
    type: 'postgres' as const,
    entities: cfg.userModel?.custom ? ENTITIES.map((e) => (e === User ? userEntitySchema(cfg.userModel!) : e)) : ENTITIES,
    migrations: migrationsFor({ djangoExistingSchema: cfg.djangoExistingSchema ?? false, userModel: cfg.userModel }),
    migrationsRun: cfg.migrationsRun,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
  };
  if (cfg.databaseUrl) return { ...common, url: cfg.databaseUrl, extra: { max: 10 } };

  const { PGlite } = await import('@electric-sql/pglite');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  if (cfg.pgliteDataDir) mkdirSync(cfg.pgliteDataDir, { recursive: true });
  const pglite = new PGlite(cfg.pgliteDataDir || undefined);
  const { connection } = createPgConfig(pglite);
  return {
    ...common,
    extra: { connection, max: 1, idleTimeoutMillis: 0, pglite },
  };
}

/** Closes the embedded engine, if the options created one (TypeORM does not own it). */
export async function closeEmbedded(options: DataSourceOptions): Promise<void> {
  const pglite = (options as { extra?: { pglite?: { close(): Promise<void> } } }).extra?.pglite;
  if (pglite) await pglite.close();
}
