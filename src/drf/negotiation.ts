import { NotAcceptable, NotFound } from './exceptions';

/** What content negotiation chose: the Content-Type to answer with and the JSON indent (`Accept: application/json; indent=4`). */
export interface Negotiated {
  contentType: string;
  indent: number | null;
}

interface MediaType {
  orig: string;
  main: string;
  sub: string;
  params: Map<string, string>;
}

function parseMediaType(text: string): MediaType {
  const [full, ...rest] = text.split(';');
  const params = new Map<string, string>();
  for (const p of rest) {
    const i = p.indexOf('=');
    if (i < 0) continue;
    params.set(p.slice(0, i).trim().toLowerCase(), p.slice(i + 1).trim().replace(/^"(.*)"$/, '$1'));
  }
  const [main, sub = ''] = full.trim().toLowerCase().split('/', 2);
  return { orig: text, main, sub, params };
}

function precedence(m: MediaType): number {
  if (m.main === '*') return 0;
  if (m.sub === '*') return 1;
  const keys = [...m.params.keys()];
  if (keys.length === 0 || (keys.length === 1 && keys[0] === 'q')) return 2;
  return 3;
}

/** `_MediaType.match`: does the renderer's type satisfy the client's? (q is ignored, as DRF does.) */
function matches(renderer: MediaType, client: MediaType): boolean {
  if (renderer.sub !== '*' && client.sub !== '*' && client.sub !== renderer.sub) return false;
  if (renderer.main !== '*' && client.main !== '*' && client.main !== renderer.main) return false;
  return true;
}

/**
 * The renderers we offer, in DRF's order. DRF's second renderer is the Browsable API
 * (text/html); we answer JSON to it (COMPAT.md), but keep it in negotiation so that
 * `Accept: text/html` is not a 406.
 */
const RENDERERS = [
  { format: 'json', type: parseMediaType('application/json') },
  { format: 'api', type: parseMediaType('text/html') },
];

function indentOf(m: MediaType): number | null {
  const raw = m.params.get('indent');
  if (raw === undefined || !/^\s*[-+]?\d+\s*$/.test(raw)) return null;
  const n = Math.max(Math.min(parseInt(raw, 10), 8), 0);
  return n === 0 ? null : n;
}

/**
 * DRF's DefaultContentNegotiation.select_renderer: `?format=` filters renderers (unknown → 404),
 * then the Accept list is tried most-specific first. Raises 406 when nothing fits.
 */
export function negotiate(accept: string | undefined, format: string | undefined): Negotiated {
  let renderers = RENDERERS;
  if (format) {
    renderers = RENDERERS.filter((r) => r.format === format);
    if (renderers.length === 0) throw NotFound();
  }
  const accepts = (accept ?? '*/*').split(',').map((t) => parseMediaType(t.trim()));
  const levels: MediaType[][] = [[], [], [], []];
  for (const m of accepts) levels[3 - precedence(m)].push(m);
  for (const level of levels) {
    if (level.length === 0) continue;
    for (const renderer of renderers) {
      for (const client of level) {
        if (!matches(renderer.type, client)) continue;
        if (renderer.format === 'api') return { contentType: 'application/json', indent: null };
        // DRF 3.14 answers the renderer's own media type, whatever parameters the client sent.
        return { contentType: 'application/json', indent: indentOf(client) };
      }
    }
  }
  throw NotAcceptable();
}

/** Negotiations already made, by Accept header and `?format` (clients send a handful of distinct values). */
const negotiated = new Map<string, Negotiated | Error>();
const MAX_CACHED = 256;

/** `negotiate`, each distinct (Accept, format) pair worked out once; the same answer or the same error. */
export function negotiateCached(accept: string | undefined, format: string | undefined): Negotiated {
  const key = `${format ?? ''}\n${accept ?? '\0'}`;
  let outcome = negotiated.get(key);
  if (outcome === undefined) {
    try {
      outcome = negotiate(accept, format);
    } catch (e) {
      if (!(e instanceof Error)) throw e;
      outcome = e;
    }
    if (negotiated.size >= MAX_CACHED) negotiated.clear();
    negotiated.set(key, outcome);
  }
  if (outcome instanceof Error) throw outcome;
  return outcome;
}
