import * as http from 'http';

export interface WireRequest {
  method: string;
  path: string;
  /** Header names as written; values must be latin-1 (Node's rule). */
  headers: Record<string, string>;
  body?: Buffer;
}

export interface WireResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
}

const TIMEOUT_MS = 30000;

/**
 * Sends one request with exactly the given headers (plus Content-Length for
 * bodies, and Host unless given). Node's http client is used instead of fetch
 * so that nothing like `Accept: *\/*` or `User-Agent` is added behind our back.
 */
export function sendRequest(baseUrl: string, req: WireRequest): Promise<WireResponse> {
  const url = new URL(baseUrl);
  const headers: Record<string, string | number> = { ...req.headers };
  const hasLength = Object.keys(headers).some((h) => h.toLowerCase() === 'content-length');
  if (!hasLength && (req.body !== undefined || ['POST', 'PUT', 'PATCH'].includes(req.method))) {
    headers['Content-Length'] = req.body?.length ?? 0;
  }
  return new Promise((resolve, reject) => {
    const r = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path,
        headers,
        agent: false,
        setHost: !Object.keys(headers).some((h) => h.toLowerCase() === 'host'),
        timeout: TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const out: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) {
            if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
          }
          resolve({ status: res.statusCode ?? 0, headers: out, body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      },
    );
    r.on('timeout', () => r.destroy(new Error(`${req.method} ${req.path}: no answer within ${TIMEOUT_MS} ms`)));
    r.on('error', reject);
    r.end(req.body);
  });
}
