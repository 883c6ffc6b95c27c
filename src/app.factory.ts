import { DynamicModule, LogLevel, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import type { Settings } from './config/settings';
import { assertDjangoSchema } from './database/django-schema';
import { installCors } from './drf/cors';
import { installHardening } from './drf/hardening';
import { createDrfAdapter } from './drf/http-adapter';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

/** Builds the application exactly as production runs it; tests use the same factory. */
export async function createApp(
  settings: Settings,
  options: { logger?: false; imports?: Array<Type | DynamicModule> } = {},
): Promise<NestFastifyApplication> {
  // Before Nest starts (which aborts the process on init errors): a one-line DjangoSchemaError.
  if (settings.djangoExistingSchema) await assertDjangoSchema(settings.databaseUrl);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(settings, options.imports), createDrfAdapter({ bodyLimit: settings.hardening.dataUploadMaxMemorySize }), {
    logger: options.logger ?? LEVELS.slice(0, LEVELS.indexOf(settings.logLevel) + 1),
    bufferLogs: false,
    // Bodies stay raw until a view reads `request.data` (the wire layer parses them, lazily).
    bodyParser: false,
  });
  installCors(app.getHttpAdapter().getInstance(), settings);
  installHardening(app.getHttpAdapter().getInstance(), settings.hardening);
  app.enableShutdownHooks();
  return app;
}
