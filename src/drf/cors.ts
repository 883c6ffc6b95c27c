import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Settings } from '../config/settings';

type CorsSettings = Pick<
  Settings,
  | 'corsAllowedOrigins'
  | 'corsAllowedOriginRegexes'
  | 'corsAllowAllOrigins'
  | 'corsAllowCredentials'
  | 'corsAllowMethods'
  | 'corsAllowHeaders'
  | 'corsExposeHeaders'
  | 'corsPreflightMaxAge'
  | 'corsAllowPrivateNetwork'
>;

/** CORS is on as soon as one origin setting is set; off, not a header changes (as without the middleware). */
export function corsEnabled(s: CorsSettings): boolean {
  return s.corsAllowAllOrigins || s.corsAllowedOrigins.length > 0 || s.corsAllowedOriginRegexes.length > 0;
}

function isPreflight(req: FastifyRequest): boolean {
  return req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
}

/** django-cors-headers' `origin_found_in_white_lists`: exact `scheme://netloc`, or a regex `re.match` (anchored at the start). */
export function originAllowed(s: CorsSettings, origin: string, regexes: RegExp[]): boolean {
  if (origin === 'null') return s.corsAllowedOrigins.includes('null');
  let normalised: string;
  try {
    const url = new URL(origin);
    normalised = `${url.protocol}//${url.host}`;
  } catch {
    return false;
  }
  return s.corsAllowedOrigins.includes(normalised) || s.corsAllowedOrigins.includes(origin) || regexes.some((r) => r.test(origin));
}

function addVary(reply: FastifyReply, name: string): void {
  const current = reply.getHeader('vary');
  const list = current === undefined ? [] : String(current).split(',').map((v) => v.trim()).filter(Boolean);
  if (!list.some((v) => v === '*' || v.toLowerCase() === name)) list.push(name);
  reply.header('Vary', list.join(', '));
}

/**
 * django-cors-headers as a pair of Fastify hooks (not @fastify/cors: its OPTIONS
 * wildcard route collides with the DRF fallback route). A preflight (OPTIONS with
 * Access-Control-Request-Method) is answered 200 with an empty body before any view
 * or APPEND_SLASH redirect, like the middleware placed above CommonMiddleware; other
 * OPTIONS requests still reach DRF's metadata view. Every answer (errors and 404s
 * included) gets `Vary: origin`, and the CORS headers when the origin is allowed.
 */
export function installCors(fastify: FastifyInstance, s: CorsSettings): void {
  if (!corsEnabled(s)) return;
  const regexes = s.corsAllowedOriginRegexes.map((r) => new RegExp(`^(?:${r})`));

  fastify.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (!isPreflight(req)) return done();
    reply.status(200).header('Content-Type', 'text/html; charset=utf-8').header('Content-Length', '0').send('');
  });

  fastify.addHook('onSend', (req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (e: null, p: unknown) => void) => {
    addVary(reply, 'origin');
    const origin = req.headers.origin;
    if (origin && (s.corsAllowAllOrigins || originAllowed(s, origin, regexes))) {
      reply.header('Access-Control-Allow-Origin', s.corsAllowAllOrigins && !s.corsAllowCredentials ? '*' : origin);
      if (s.corsAllowCredentials) reply.header('Access-Control-Allow-Credentials', 'true');
      if (s.corsExposeHeaders.length) reply.header('Access-Control-Expose-Headers', s.corsExposeHeaders.join(', '));
      if (req.method === 'OPTIONS') {
        reply.header('Access-Control-Allow-Headers', s.corsAllowHeaders.join(', '));
        reply.header('Access-Control-Allow-Methods', s.corsAllowMethods.join(', '));
        if (s.corsPreflightMaxAge) reply.header('Access-Control-Max-Age', String(s.corsPreflightMaxAge));
      }
      if (s.corsAllowPrivateNetwork && req.headers['access-control-request-private-network'] === 'true')
        reply.header('Access-Control-Allow-Private-Network', 'true');
    }
    done(null, payload);
  });
}
