import type { INestApplication, LoggerService } from '@nestjs/common';

/**
 * SIGTERM / SIGINT, in this order: the HTTP server stops accepting and lets the
 * requests in flight finish (Fastify's close; mail they queue still goes out), then
 * `app.close()` stops the mail worker after the message in hand and closes the
 * database (Nest alone would stop the worker before closing HTTP); then the process
 * exits 0. Past `timeoutMs` it exits 1 anyway. A second signal changes nothing.
 */
export function installGracefulShutdown(app: INestApplication, timeoutMs: number, logger: LoggerService): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: closing (at most ${timeoutMs} ms)`, 'Shutdown');
    const timer = setTimeout(() => {
      logger.error(`shutdown took longer than SHUTDOWN_TIMEOUT_MS=${timeoutMs}: exiting`, undefined, 'Shutdown');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    // Fastify's close is idempotent: app.close() closing it again is a no-op.
    Promise.resolve(app.getHttpAdapter().close())
      .then(() => app.close())
      .then(
        () => {
          logger.log('closed', 'Shutdown');
          process.exit(0);
        },
        (e: unknown) => {
          logger.error(`shutdown failed: ${(e as Error).message}`, (e as Error).stack, 'Shutdown');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
