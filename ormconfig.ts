/**
 * TypeORM CLI data source (`npm run migration:run`, `npm run migration:generate`),
 * built from the same settings and options as the server.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnvironment } from './src/config/env-file';
import { parseSettings } from './src/config/settings';
import { buildDataSourceOptions } from './src/database/data-source-options';

const settings = parseSettings(loadEnvironment());

export default buildDataSourceOptions({
  databaseUrl: settings.databaseUrl,
  pgliteDataDir: settings.pgliteDataDir,
  migrationsRun: false,
  djangoExistingSchema: settings.djangoExistingSchema,
  userModel: settings.userModel,
}).then((options) => new DataSource(options));
