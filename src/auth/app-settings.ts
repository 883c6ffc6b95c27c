import type { Settings } from '../config/settings';

/**
 * View declarations (`DrfView`) are static objects shared by every app in the process,
 * but some of their answers depend on the app's settings (the credential field in
 * OPTIONS metadata, whether the optional mounts are on). Each app binds its settings
 * to its Fastify instance at start; a view reads them back from `req.server`.
 */
const byServer = new WeakMap<object, Settings>();

export function bindSettings(server: object, settings: Settings): void {
  byServer.set(server, settings);
}

export function settingsOf(req: { server: object }): Settings {
  const settings = byServer.get(req.server);
  if (!settings) throw new Error('no settings bound to this server (AuthModule not initialised)');
  return settings;
}
