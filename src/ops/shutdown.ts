import type { INestApplication, LoggerService } from '@nestjs/common';

/**
 * SIGTERM / SIGINT: `app.close()` stops accepting, lets in-flight requests finish
 * (Fastify's close), stops the mail worker after the message in hand and closes the
 * database (the modules' shutdown hooks); then the process exits 0. If that takes
 * longer than `timeoutMs`, it exits 1 anyway. A second signal does not restart it.
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
    app.close().then(
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
