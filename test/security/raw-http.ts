import * as net from 'node:net';

export interface RawAnswer {
  /** Status of the first answer, or 0 when the server closed without one. */
  status: number;
  head: string;
}

/**
 * Sends bytes over a plain socket (for requests no HTTP client will build: malformed
 * request lines, oversized headers, lying Content-Length) and reads the first answer's
 * head. `Connection: close` is the caller's business; the socket is closed on the head.
 */
export function rawRequest(baseUrl: string, bytes: Buffer | string, timeoutMs = 5000): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname);
    let data = Buffer.alloc(0);
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      socket.destroy();
      const end = data.indexOf('\r\n\r\n');
      const head = data.subarray(0, end < 0 ? data.length : end).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      resolve({ status: m ? Number(m[1]) : 0, head });
    };
    socket.setTimeout(timeoutMs, finish);
    socket.on('data', (c: Buffer) => {
      data = Buffer.concat([data, c]);
      if (data.includes('\r\n\r\n')) finish();
    });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', (e: NodeJS.ErrnoException) => {
      // a server that resets a garbage connection has still not crashed
      if (e.code === 'ECONNRESET' || e.code === 'EPIPE') finish();
      else if (!settled) reject(e);
    });
    socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes, () => undefined);
  });
}
