import './thread-pool'; // sizes libuv's pool before anything starts it
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { loadEnvironment } from './config/env-file';
import { parseSettings, SettingsError } from './config/settings';
import { DjangoSchemaError } from './database/django-schema';
import { installGracefulShutdown } from './ops/shutdown';
import { startThreadPool } from './thread-pool';

async function bootstrap(): Promise<void> {
  let settings;
  try {
    settings = parseSettings(loadEnvironment());
  } catch (e) {
    if (e instanceof SettingsError) {
      // One line naming the variable, its value and what was expected; nothing else starts.
      process.stderr.write(`${e.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  await startThreadPool(settings.ops.threadPoolNice);
  const app = await createApp(settings).catch((e: unknown) => {
    if (!(e instanceof DjangoSchemaError)) throw e;
    process.stderr.write(`${e.message}\n`);
    return process.exit(78);
  });
  installGracefulShutdown(app, settings.ops.shutdownTimeoutMs, new Logger());
  await app.listen(settings.port, settings.host);
  new Logger('Bootstrap').log(`listening on ${await app.getUrl()}`);
}

void bootstrap();
