import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from './config/config.module';
import type { Settings } from './config/settings';
import { DatabaseModule } from './database/database.module';
import { DrfModule } from './drf/drf.module';
import { FallbackController } from './drf/fallback.controller';
import { ApiRootController } from './users/api-root.controller';

/** The whole server. Settings are read from the environment unless given (tests pass their own). */
@Module({})
export class AppModule {
  static forRoot(settings?: Settings): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(settings), DatabaseModule, DrfModule],
      // The fallback goes last: it answers only what no other route maps.
      controllers: [ApiRootController, FallbackController],
    };
  }
}
