import { Global, Module, DynamicModule } from '@nestjs/common';
import { loadEnvironment } from './env-file';
import { parseSettings, Settings } from './settings';

/** Injection token for the typed, validated settings. */
export const SETTINGS = Symbol('SETTINGS');

@Global()
@Module({})
export class ConfigModule {
  /** Settings parsed once from the environment (or given explicitly, as tests do). */
  static forRoot(settings?: Settings): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: SETTINGS, useFactory: () => settings ?? parseSettings(loadEnvironment()) }],
      exports: [SETTINGS],
    };
  }
}
