import type { DynamicModule, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory';
import { parseSettings, Settings } from '../../src/config/settings';
import { createTestDatabase } from './database';

export interface TestApp {
  app: NestFastifyApplication;
  /** Base URL of the listening server, e.g. http://127.0.0.1:41234 */
  url: string;
  settings: Settings;
  close(): Promise<void>;
}

/** Settings every test app starts from; a test overrides what it is about. */
export const TEST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  SECRET_KEY: 'test-secret-key-for-the-e2e-suite-0123456789',
  EMAIL_BACKEND: 'memory',
  PGLITE_DATA_DIR: '',
  LOG_LEVEL: 'error',
  // the e2e suites were written against Djoser 2.1's answers; the conformance suite and
  // test/compat replay both profiles, tests of the current profile set COMPAT_STACK=current
  COMPAT_STACK: '2.1',
  // many tests log in repeatedly; the throttle tests turn it on
  THROTTLE_ENABLED: 'false',
  // cheaper argon2 in tests; production parameters are pinned by unit tests and the benchmark
  PASSWORD_ARGON2_MEMORY_COST: '1024',
  PASSWORD_ARGON2_TIME_COST: '1',
};

/**
 * The real server (same factory as production) on a fresh database of its own,
 * listening on a random loopback port.
 */
export async function startTestApp(env: Record<string, string> = {}, imports: Array<Type | DynamicModule> = []): Promise<TestApp> {
  const db = await createTestDatabase();
  const settings = parseSettings({ ...TEST_ENV, DATABASE_URL: db.url, ...env });
  const app = await createApp(settings, { logger: false, imports });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    url,
    settings,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
