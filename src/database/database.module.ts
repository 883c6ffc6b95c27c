import { Global, Logger, Module, OnApplicationShutdown, Inject } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { SETTINGS } from '../config/config.module';
import type { Settings } from '../config/settings';
import { buildDataSourceOptions, closeEmbedded, describeEngine } from './data-source-options';

const EMBEDDED_OPTIONS = Symbol('DATA_SOURCE_OPTIONS');

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [SETTINGS],
      useFactory: async (settings: Settings) => {
        const cfg = {
          databaseUrl: settings.databaseUrl,
          pgliteDataDir: settings.pgliteDataDir,
          migrationsRun: settings.databaseMigrationsRun,
          djangoExistingSchema: settings.djangoExistingSchema,
          userModel: settings.userModel,
        };
        new Logger('Database').log(`using ${describeEngine(cfg)}`);
        return buildDataSourceOptions(cfg);
      },
    }),
  ],
  providers: [{ provide: EMBEDDED_OPTIONS, inject: [DataSource], useFactory: (ds: DataSource) => ds.options }],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    @Inject(EMBEDDED_OPTIONS) private readonly options: DataSourceOptions,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    // TypeORM closes its pool first (its own shutdown hook); the embedded engine goes last.
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await closeEmbedded(this.options);
  }
}
