import pino, { Logger } from 'pino';
import type { Settings } from '../../config/settings';

/** Nest's level names to pino's. */
const LEVELS: Record<Settings['logLevel'], pino.Level> = { error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };

/**
 * The process's JSON logger: one object a line on stdout (synchronous, so nothing is
 * lost when the process exits). Nothing logs headers or bodies; the redaction is a
 * second line of defence should someone log a request object anyway.
 */
export function createRootLogger(settings: Settings, destination: pino.DestinationStream = pino.destination({ dest: 1, sync: true })): Logger {
  return pino(
    {
      level: LEVELS[settings.logLevel],
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.token', '*.refresh', '*.access'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

const perSettings = new WeakMap<Settings, Logger>();

/** One root logger per app (tests run several apps in a process, each with its settings). */
export function rootLoggerFor(settings: Settings): Logger {
  let logger = perSettings.get(settings);
  if (!logger) perSettings.set(settings, (logger = createRootLogger(settings)));
  return logger;
}
