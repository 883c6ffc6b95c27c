import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { dropEmptyContentType } from './renderer';
import type { DrfRequest } from './request';
import type { RouteRegistry } from './route-registry';

/**
 * SimpleJWT's URL regexes are not anchored (`^jwt/create/?` also matches `jwt/createXYZ`):
 * every such path reaches the view. Rewritten before routing so the router stays exact.
 */
const UNANCHORED_PREFIXES = [/^(\/auth\/jwt\/(?:create|refresh|verify))[^?]*/];

/**
 * DRF's router adds a format-suffix twin to every users route
 * (`users.json`, `users/1.json`, `users/activation.json/`): the suffix is the
 * `format` kwarg, which takes precedence over `?format=`. Lookup values cannot
 * contain a dot (`[^/.]+`), so `users/1.2/` is user 1 with format `2`.
 */
const FORMAT_SUFFIX = /^(\/auth\/users(?:\/[^/.?]+)*)\.([a-z0-9]+)\/?(?:\?(.*))?$/;

export function rewriteUrl(req: { url?: string }): string {
  const url = req.url ?? '/';
  for (const re of UNANCHORED_PREFIXES) {
    const m = re.exec(url);
    if (m) return m[1] + '/' + url.slice(m[0].length);
  }
  const suffix = FORMAT_SUFFIX.exec(url);
  if (suffix) {
    const [, path, format, query = ''] = suffix;
    const rest = query
      .split('&')
      .filter((p) => p && !p.startsWith('format='))
      .join('&');
    return `${path}/?format=${format}${rest ? `&${rest}` : ''}`;
  }
  return url;
}

/**
 * The Fastify adapter with DRF's body handling: no body is parsed before the view
 * asks (`request.data` is lazy), so every body is kept raw; trailing slashes are
 * matched both ways and APPEND_SLASH is decided by `installDrfHooks`.
 */
export function createDrfAdapter(options: { bodyLimit?: number; slashedUnder?: string } = {}): FastifyAdapter {
  const under = options.slashedUnder ? `/${options.slashedUnder}/` : '';
  const adapter = new FastifyAdapter({
    routerOptions: { ignoreTrailingSlash: true },
    // Paths under `slashedUnder` (the django_rest_jwt_auth mount) reach their route with or without
    // the slash: the router misses the slash-less form under api/ next to the catch-all.
    rewriteUrl: (req: { url?: string }) => {
      const url = rewriteUrl(req);
      if (!under || !url.startsWith(under)) return url;
      const [path, query] = splitUrl(url);
      return path.endsWith('/') ? url : `${path}/${query}`;
    },
    bodyLimit: options.bodyLimit ?? 2_621_440, // DATA_UPLOAD_MAX_MEMORY_SIZE (Django's default: 2.5 MiB)
  } as object);
  const fastify = adapter.getInstance() as unknown as FastifyInstance;
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (req: FastifyRequest, body: Buffer, done: (e: null, b: undefined) => void) => {
    (req as DrfRequest).rawBody = body;
    done(null, undefined);
  });
  return adapter;
}

/** Headers Django's SecurityMiddleware and XFrameOptionsMiddleware put on every answer. */
export const SECURITY_HEADERS: Record<string, string> = { 'X-Frame-Options': 'DENY', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin' };
const SECURITY_HEADER_LIST = Object.entries(SECURITY_HEADERS);

/**
 * Django's CommonMiddleware APPEND_SLASH: a path that only matches with a trailing
 * slash gets a 301 to it, for every method, before any view runs.
 */
export function installDrfHooks(fastify: FastifyInstance, registry: RouteRegistry): void {
  fastify.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const [path, query] = splitUrl(req.url);
    if (!path.endsWith('/')) {
      const entry = registry.match(path);
      if (entry && !entry.view.slashOptional) {
        reply
          .status(301)
          .header('Content-Type', 'text/html; charset=utf-8')
          .header('Location', `${path}/${query}`)
          .send('');
        return;
      }
    }
    done();
  });
  fastify.addHook('onSend', (req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (e: null, p: unknown) => void) => {
    for (const [k, v] of SECURITY_HEADER_LIST) if (!reply.hasHeader(k)) reply.header(k, v);
    const state = (req as DrfRequest).drf;
    if (state) {
      dropEmptyContentType(req as DrfRequest, reply, payload);
      // DRF throttles' after-success work (failures-only limits give their slots back)
      if (state.onSuccess && reply.statusCode < 400) for (const fn of state.onSuccess) fn();
    }
    done(null, payload);
  });
}

function splitUrl(url: string): [string, string] {
  const i = url.indexOf('?');
  return i < 0 ? [url, ''] : [url.slice(0, i), url.slice(i)];
}
