import * as http from 'http';
import * as net from 'net';

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
  if (req.method === 'HEAD') return sendHead(url, req);
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

/**
 * HEAD over a plain socket: gunicorn (the reference's server) sends the GET
 * body after a HEAD response, which Node's parser rejects. A HEAD answer has
 * no body by definition, so everything after the headers is dropped.
 */
function sendHead(url: URL, req: WireRequest): Promise<WireResponse> {
  const lines = [`HEAD ${req.path} HTTP/1.1`];
  const names = Object.keys(req.headers).map((h) => h.toLowerCase());
  if (!names.includes('host')) lines.push(`Host: ${url.host}`);
  for (const [k, v] of Object.entries(req.headers)) lines.push(`${k}: ${v}`);
  lines.push('Connection: close', '', '');
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    let done = false;
    const finish = () => {
      const data = Buffer.concat(chunks);
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) return reject(new Error(`HEAD ${req.path}: incomplete answer`));
      const [statusLine, ...headerLines] = data.subarray(0, end).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const i = line.indexOf(':');
        const name = line.slice(0, i).trim().toLowerCase();
        const value = line.slice(i + 1).trim();
        headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: Buffer.alloc(0) });
    };
    socket.setTimeout(TIMEOUT_MS, () => socket.destroy(new Error(`HEAD ${req.path}: no answer within ${TIMEOUT_MS} ms`)));
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      // the headers are all we need; don't wait for a keep-alive server to close
      if (!done && Buffer.concat(chunks).includes('\r\n\r\n')) {
        done = true;
        socket.destroy();
        finish();
      }
    });
    socket.on('end', () => {
      if (!done) {
        done = true;
        finish();
      }
    });
    socket.on('error', (err) => {
      if (!done) reject(err);
    });
    socket.write(Buffer.from(lines.join('\r\n'), 'latin1'));
  });
}
