import { DynamicModule, LogLevel, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import type { Settings } from './config/settings';
import { assertDjangoSchema } from './database/django-schema';
import { installCors } from './drf/cors';
import { installHardening } from './drf/hardening';
import { installEmailRules } from './drf/request-data';
import { createDrfAdapter } from './drf/http-adapter';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

/** Builds the application exactly as production runs it; tests use the same factory. */
export async function createApp(
  settings: Settings,
  options: { logger?: false; imports?: Array<Type | DynamicModule> } = {},
): Promise<NestFastifyApplication> {
  // Before Nest starts (which aborts the process on init errors): a one-line DjangoSchemaError.
  if (settings.djangoExistingSchema) await assertDjangoSchema(settings.databaseUrl, settings.userModel);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(settings, options.imports), createDrfAdapter({ bodyLimit: settings.hardening.dataUploadMaxMemorySize, slashedUnder: settings.jwtAuthMount.prefix }), {
    logger: options.logger ?? LEVELS.slice(0, LEVELS.indexOf(settings.logLevel) + 1),
    // JSON logs: what Nest logs while it starts waits for the pino logger (no plain-text lines on stdout).
    bufferLogs: options.logger !== false && settings.logFormat === 'json',
    // Bodies stay raw until a view reads `request.data` (the wire layer parses them, lazily).
    bodyParser: false,
  });
  installCors(app.getHttpAdapter().getInstance(), settings);
  installHardening(app.getHttpAdapter().getInstance(), settings.hardening);
  installEmailRules(app.getHttpAdapter().getInstance(), settings.compat.emailRules);
  if (options.logger !== false && settings.logFormat === 'json') app.useLogger(app.get(PinoLogger));
  // No enableShutdownHooks: main.ts handles SIGTERM/SIGINT (exit 0 after a bounded graceful close); app.close() runs the hooks.
  return app;
}
