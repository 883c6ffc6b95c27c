import type { WireRequest } from './http-client';
import type { BodySpec, RecordedRequest, Step } from './types';

/** Variables visible to step templates: raw value + the placeholder fixtures show. */
export interface VarLookup {
  get(name: string): { value: string | number; placeholder: string } | undefined;
}

const TEMPLATE = /\{\{([^{}]+)\}\}/g;
const EXACT_TEMPLATE = /^\{\{([^{}]+)\}\}$/;
export const MULTIPART_BOUNDARY = 'conformance-boundary-7MA4YWxkTrZu0gW';

/** Requests scenarios send carry `Host: testserver` (absolute URLs in answers then match on every target). */
export const DEFAULT_HOST = 'testserver';

type Mode = 'value' | 'placeholder';

/**
 * Builds the request actually sent and the normalised form fixtures keep,
 * from the same step; unknown variables become `{{missing:name}}` on both
 * sides (the exchange then fails to match, which is the point).
 */
export function buildRequest(step: Step, vars: VarLookup): { wire: WireRequest; recorded: RecordedRequest; missing: string[] } {
  const missing: string[] = [];
  const text = (s: string, mode: Mode): string =>
    s.replace(TEMPLATE, (_m, name: string) => {
      const v = vars.get(name);
      if (!v) {
        if (!missing.includes(name)) missing.push(name);
        return `{{missing:${name}}}`;
      }
      return mode === 'value' ? String(v.value) : v.placeholder;
    });
  const json = (data: unknown, mode: Mode): unknown => {
    if (typeof data === 'string') {
      const exact = EXACT_TEMPLATE.exec(data);
      const v = exact ? vars.get(exact[1]) : undefined;
      if (v && mode === 'value') return v.value;
      return text(data, mode);
    }
    if (Array.isArray(data)) return data.map((d) => json(d, mode));
    if (data !== null && typeof data === 'object') {
      return Object.fromEntries(Object.entries(data).map(([k, d]) => [k, json(d, mode)]));
    }
    return data;
  };

  const headers = (mode: Mode): Record<string, string> => {
    const out: Record<string, string> = {};
    if (step.auth !== undefined) out.Authorization = text(step.auth, mode);
    for (const [k, v] of Object.entries(step.headers ?? {})) out[k] = text(v, mode);
    return out;
  };
  const body = (mode: Mode) => encodeBody(step.body, mode, text, json);

  const wireBody = body('value');
  const recordedBody = body('placeholder');
  const wireHeaders = withContentType(headers('value'), wireBody.contentType);
  const recordedHeaders = withContentType(headers('placeholder'), recordedBody.contentType);

  const wire: WireRequest = {
    method: step.method,
    path: text(step.path, 'value'),
    headers: { Host: DEFAULT_HOST, ...wireHeaders },
    body: wireBody.bytes,
  };
  const recorded: RecordedRequest = { method: step.method, path: text(step.path, 'placeholder'), headers: recordedHeaders };
  if (recordedBody.bytes !== undefined) {
    const s = recordedBody.bytes.toString('utf8');
    if (Buffer.from(s, 'utf8').equals(recordedBody.bytes)) recorded.body = s;
    else recorded.bodyBase64 = recordedBody.bytes.toString('base64');
  }
  return { wire, recorded, missing };
}

function withContentType(headers: Record<string, string>, contentType: string | undefined): Record<string, string> {
  const explicit = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
  return contentType === undefined || explicit ? headers : { 'Content-Type': contentType, ...headers };
}

function encodeBody(
  body: BodySpec | undefined,
  mode: Mode,
  text: (s: string, mode: Mode) => string,
  json: (d: unknown, mode: Mode) => unknown,
): { bytes?: Buffer; contentType?: string } {
  if (body === undefined) return {};
  if ('json' in body) return { bytes: Buffer.from(JSON.stringify(json(body.json, mode)), 'utf8'), contentType: 'application/json' };
  if ('raw' in body) {
    const bytes = typeof body.raw === 'string' ? Buffer.from(text(body.raw, mode), 'utf8') : body.raw;
    return { bytes, contentType: body.contentType };
  }
  if ('form' in body) {
    const params = new URLSearchParams(pairs(body.form).map(([k, v]): [string, string] => [text(k, mode), text(v, mode)]));
    let encoded = params.toString();
    // keep placeholders readable in fixtures
    if (mode === 'placeholder') encoded = encoded.replace(/%7B%7B/g, '{{').replace(/%7D%7D/g, '}}');
    return { bytes: Buffer.from(encoded, 'utf8'), contentType: 'application/x-www-form-urlencoded' };
  }
  const parts = pairs(body.multipart).map(
    ([k, v]) => `--${MULTIPART_BOUNDARY}\r\nContent-Disposition: form-data; name="${text(k, mode)}"\r\n\r\n${text(v, mode)}\r\n`,
  );
  return {
    bytes: Buffer.from(`${parts.join('')}--${MULTIPART_BOUNDARY}--\r\n`, 'utf8'),
    contentType: `multipart/form-data; boundary=${MULTIPART_BOUNDARY}`,
  };
}

function pairs(p: Array<[string, string]> | Record<string, string>): Array<[string, string]> {
  return Array.isArray(p) ? p : Object.entries(p);
}
