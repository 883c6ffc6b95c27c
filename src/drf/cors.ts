import type { IncomingHttpHeaders } from 'node:http';
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
function corsEnabled(s: CorsSettings): boolean {
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
 * The headers django-cors-headers adds to an answer besides `Vary: origin`, in order:
 * none unless the request's Origin is allowed. Used by the hook below.
 */
export class CorsPolicy {
  readonly enabled: boolean;
  private readonly regexes: RegExp[];

  constructor(private readonly s: CorsSettings) {
    this.enabled = corsEnabled(s);
    this.regexes = s.corsAllowedOriginRegexes.map((r) => new RegExp(`^(?:${r})`));
  }

  answerHeaders(method: string, headers: IncomingHttpHeaders): Array<[string, string]> {
    const s = this.s;
    const origin = headers.origin;
    if (!origin || !(s.corsAllowAllOrigins || originAllowed(s, origin, this.regexes))) return [];
    const out: Array<[string, string]> = [['access-control-allow-origin', s.corsAllowAllOrigins && !s.corsAllowCredentials ? '*' : origin]];
    if (s.corsAllowCredentials) out.push(['access-control-allow-credentials', 'true']);
    if (s.corsExposeHeaders.length) out.push(['access-control-expose-headers', s.corsExposeHeaders.join(', ')]);
    if (method === 'OPTIONS') {
      out.push(['access-control-allow-headers', s.corsAllowHeaders.join(', ')]);
      out.push(['access-control-allow-methods', s.corsAllowMethods.join(', ')]);
      if (s.corsPreflightMaxAge) out.push(['access-control-max-age', String(s.corsPreflightMaxAge)]);
    }
    if (s.corsAllowPrivateNetwork && headers['access-control-request-private-network'] === 'true')
      out.push(['access-control-allow-private-network', 'true']);
    return out;
  }
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
  const policy = new CorsPolicy(s);
  if (!policy.enabled) return;

  fastify.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (!isPreflight(req)) return done();
    reply.status(200).header('Content-Type', 'text/html; charset=utf-8').header('Content-Length', '0').send('');
  });

  fastify.addHook('onSend', (req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (e: null, p: unknown) => void) => {
    addVary(reply, 'origin');
    for (const [name, value] of policy.answerHeaders(req.method, req.headers)) reply.header(name, value);
    done(null, payload);
  });
}
