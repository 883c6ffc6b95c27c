import type { DrfState } from './request';

/**
 * DRF's JSONRenderer: `json.dumps(ensure_ascii=False, allow_nan=False, separators=(',', ':'))`
 * then U+2028/U+2029 escaped. JSON.stringify already writes Python's escapes for C0
 * controls, quotes and backslashes, so only the two line separators need post-processing.
 * With `indent` (from `Accept: application/json; indent=N`) Python's pretty form is
 * `(',', ': ')` with N spaces, which is JSON.stringify's pretty form too.
 */
export function renderJson(data: unknown, indent: number | null = null): string {
  const text = indent ? JSON.stringify(data, null, indent) : JSON.stringify(data);
  return text.replace(/[\u2028\u2029]/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'));
}

/** The rendered bytes: sent as a Buffer so the HTTP stack adds no `charset` to DRF's bare `application/json`. */
export function renderJsonBytes(data: unknown, indent: number | null = null): Buffer {
  return Buffer.from(renderJson(data, indent), 'utf8');
}

/** One serializer per indent, built once: Fastify calls the reply's serializer with what the handler returned. */
const serializers = new Map<number | null, (data: unknown) => string>();
function serializerFor(indent: number | null): (data: unknown) => string {
  let fn = serializers.get(indent);
  if (!fn) serializers.set(indent, (fn = (data: unknown) => renderJson(data, indent)));
  return fn;
}

/** The view's answer headers and renderer, set before the handler runs (what an interceptor would do after it). */
export interface RenderTarget {
  header(name: string, value: string): unknown;
  serializer(fn: (payload: unknown) => string): unknown;
}

/**
 * What a DRF handler returns is rendered as DRF renders it: compact (or indented) UTF-8 JSON
 * with `Content-Type: application/json` (no charset), `Allow` and `Vary: Accept`; `undefined`
 * is an empty body with no Content-Type (all of Djoser's 204s: see `dropEmptyContentType`).
 */
export function prepareRendering(
  reply: RenderTarget,
  state: DrfState,
  view: { plainJson?: unknown },
  entry: { allow: string } | undefined,
): void {
  if (!view.plainJson) {
    if (entry) reply.header('Allow', entry.allow);
    reply.header('Vary', 'Accept');
  }
  reply.header('Content-Type', 'application/json');
  reply.serializer(serializerFor(state.negotiated?.indent ?? null));
  state.rendered = true;
}

/** An empty answer of a DRF view carries no Content-Type (called from the onSend hook). */
export function dropEmptyContentType(req: { drf?: DrfState }, reply: { removeHeader(name: string): unknown }, payload: unknown): void {
  if (payload === undefined && req.drf?.rendered) reply.removeHeader('Content-Type');
}
