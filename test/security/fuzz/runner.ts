import { request } from 'node:http';
import { rawRequest } from '../raw-http';
import { FuzzCase, FuzzContext, randomCase } from './cases';
import { Prng } from './prng';

export interface FuzzTotals {
  seed: number;
  sent: number;
  raw: number;
  byStatus: Record<string, number>;
  /** Every 5xx answer, with what provoked it (the goal: none). */
  serverErrors: Array<{ status: number; label: string; method?: string; path?: string; body?: string }>;
  /** HTTP-client requests that got no answer at all (connection reset before a status line). */
  noAnswer: Array<{ label: string; error: string; method?: string; path?: string; headers?: Record<string, string> }>;
}

const TIMEOUT_MS = 15_000;

function sendHttp(baseUrl: string, c: Extract<FuzzCase, { kind: 'http' }>): Promise<number> {
  return new Promise((resolve, reject) => {
    // Node frames no body for DELETE/OPTIONS unless told its length (the bytes would read as a second request).
    const headers = c.body ? { ...c.headers, 'Content-Length': String(c.body.length) } : c.headers;
    const req = request(new URL(c.path, baseUrl), { method: c.method, headers, timeout: TIMEOUT_MS, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(c.body);
  });
}

/**
 * Sends `count` seeded malformed requests, `concurrency` at a time, and tallies the
 * answers. A raw socket that is closed without an answer counts as status 0 (Node
 * drops some garbage silently); a 5xx is recorded with its request.
 */
export async function runFuzz(baseUrl: string, ctx: FuzzContext, count: number, seed: number, concurrency = 8): Promise<FuzzTotals> {
  const r = new Prng(seed);
  const cases = Array.from({ length: count }, () => randomCase(r, ctx));
  const totals: FuzzTotals = { seed, sent: 0, raw: 0, byStatus: {}, serverErrors: [], noAnswer: [] };
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++];
      // one connection per request (agent: false): a reused keep-alive socket the server just closed would look like a lost answer
      let status: number;
      try {
        status = c.kind === 'raw' ? (await rawRequest(baseUrl, c.bytes, 2000)).status : await sendHttp(baseUrl, c);
      } catch (e) {
        // An oversized body may be cut off by the 413 before it is all written: the client sees a reset.
        totals.noAnswer.push({
          label: c.label,
          error: (e as Error).message,
          ...(c.kind === 'http' ? { method: c.method, path: c.path, headers: c.headers } : {}),
        });
        status = -1;
      }
      totals.sent++;
      if (c.kind === 'raw') totals.raw++;
      totals.byStatus[status] = (totals.byStatus[status] ?? 0) + 1;
      if (status >= 500)
        totals.serverErrors.push(
          c.kind === 'raw'
            ? { status, label: c.label }
            : { status, label: c.label, method: c.method, path: c.path, body: c.body?.subarray(0, 200).toString('latin1') },
        );
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return totals;
}
