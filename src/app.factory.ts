import { DynamicModule, LogLevel, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import type { Settings } from './config/settings';
import { createDrfAdapter } from './drf/http-adapter';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

/** Builds the application exactly as production runs it; tests use the same factory. */
export async function createApp(
  settings: Settings,
  options: { logger?: false; imports?: Array<Type | DynamicModule> } = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(settings, options.imports), createDrfAdapter(), {
    logger: options.logger ?? LEVELS.slice(0, LEVELS.indexOf(settings.logLevel) + 1),
    // JSON logs: what Nest logs while it starts waits for the pino logger (no plain-text lines on stdout).
    bufferLogs: options.logger !== false && settings.logFormat === 'json',
    // Bodies stay raw until a view reads `request.data` (the wire layer parses them, lazily).
    bodyParser: false,
  });
  if (settings.corsAllowedOrigins.length) app.enableCors({ origin: settings.corsAllowedOrigins, credentials: true });
  if (options.logger !== false && settings.logFormat === 'json') app.useLogger(app.get(PinoLogger));
  // No enableShutdownHooks: main.ts handles SIGTERM/SIGINT (exit 0 after a bounded graceful close); app.close() runs the hooks.
  return app;
}
