import { execFile, execFileSync } from 'child_process';
import { promises as fs, readFileSync, rmSync } from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { Browser, chromium, Page } from 'playwright-core';
import { SmtpSink } from '../mail/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
export const SPA_DIR = path.join(ROOT, 'examples/spa');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts/browser');
export const REF_DIR = process.env.DJOSER_REF_DIR ?? path.resolve(ROOT, '../shared/djoser-ref');

/** Builds the example with Vite, as its README says (no API URL baked in: `?api=` or same origin). */
export function buildSpa(): void {
  execFileSync(path.join(ROOT, 'node_modules/.bin/vite'), ['build', SPA_DIR, '--logLevel', 'warn'], { stdio: 'inherit', env: { ...process.env, VITE_API_URL: '' } });
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

/**
 * Serves the built SPA on its own origin (any unknown path gets index.html, for path
 * routes like /activate/{uid}/{token}); with `proxyTo`, /auth/* is passed to that
 * server, so the page talks to an API without CORS from its own origin.
 */
export async function serveSpa(port: number, proxyTo?: string): Promise<http.Server> {
  const dist = path.join(SPA_DIR, 'dist');
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://spa');
    if (proxyTo && url.pathname.startsWith('/auth/')) {
      const target = new URL(proxyTo);
      const upstream = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.writeHead(502).end());
      req.pipe(upstream);
      return;
    }
    const file = path.join(dist, path.normalize(url.pathname).replace(/^(\.\.[/\\])+/, ''));
    let body: Buffer;
    let type = 'text/html';
    try {
      body = readFileSync(file);
      type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    } catch {
      body = readFileSync(path.join(dist, 'index.html'));
    }
    res.writeHead(200, { 'Content-Type': `${type}; charset=utf-8` }).end(body);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
  return server;
}

export const closeServer = (server: http.Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** Debian's chromium (playwright cannot download its own browser here). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Screenshots of each step, kept under test-artifacts/browser/<run>/. */
export function screenshots(page: Page, run: string): (step: string) => Promise<void> {
  rmSync(path.join(ARTIFACTS, run), { recursive: true, force: true });
  let n = 0;
  return async (step) => {
    n += 1;
    await page.screenshot({ path: path.join(ARTIFACTS, run, `${String(n).padStart(2, '0')}-${step}.png`), fullPage: true });
  };
}

/** Runs `action`, then waits for the page's status line and returns it (errors prefixed). */
export async function act(page: Page, action: () => Promise<unknown>): Promise<string> {
  // page-side code as strings: the test tsconfig has no DOM types
  await page.evaluate("document.getElementById('message').textContent = document.getElementById('errors').textContent = ''");
  await action();
  await page.waitForFunction("document.getElementById('message').textContent || document.getElementById('errors').textContent");
  const errors = await page.textContent('#errors');
  return errors ? `ERROR: ${errors}` : ((await page.textContent('#message')) ?? '');
}

export async function fill(page: Page, form: string, fields: Record<string, string>, button: string): Promise<void> {
  for (const [name, value] of Object.entries(fields)) await page.fill(`#${form} input[name=${name}]`, value);
  await page.click(`#${form} button:has-text("${button}")`);
}

/** Our server mailing (activation on) to an SMTP sink, the built SPA served on its own port and calling it through CORS. */
export interface SpaOnOurServer {
  t: TestApp;
  sink: SmtpSink;
  /** The SPA's origin, `http://127.0.0.1:<spaPort>`. */
  origin: string;
  /** Every mail the sink received so far, as one text. */
  mailText(): string;
  close(): Promise<void>;
}

export async function startSpaOnOurServer(spaPort: number, env: Record<string, string> = {}): Promise<SpaOnOurServer> {
  const sink = new SmtpSink();
  const origin = `http://127.0.0.1:${spaPort}`;
  await sink.start();
  const t = await startTestApp({
    EMAIL_BACKEND: 'smtp',
    EMAIL_HOST: '127.0.0.1',
    EMAIL_PORT: String(sink.port),
    EMAIL_OUTBOX_POLL_INTERVAL_MS: '100',
    DJOSER_SEND_ACTIVATION_EMAIL: 'true',
    DOMAIN: `127.0.0.1:${spaPort}`,
    CORS_ALLOWED_ORIGINS: origin,
    ...env,
  });
  const spa = await serveSpa(spaPort);
  return {
    t,
    sink,
    origin,
    mailText: () => sink.received.map((m) => m.text).join('\n'),
    close: async () => {
      await closeServer(spa);
      await t.close();
      await sink.stop();
    },
  };
}

/** The first link in `text` that ends in `{uid}/{token}` after `marker` (e.g. "activate/"). */
export function linkIn(text: string, marker: string): string | undefined {
  const re = new RegExp(`https?://[^\\s"'<>]*${marker.replace(/\//g, '\\/')}[\\w-]+/[\\w-]+`, 'g');
  return text.match(re)?.[0];
}

/** djoser-ref started by its start.sh with its runtime files (and mails) in a folder of ours. */
export class Reference {
  readonly url: string;
  readonly mailDir: string;
  private readonly varDir: string;

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.varDir = path.join(os.tmpdir(), 'nest-djoser-browser', `ref-${port}`);
    this.mailDir = path.join(this.varDir, 'mail');
  }

  private processEnv(): NodeJS.ProcessEnv {
    return { ...process.env, ...this.env, REF_VAR_DIR: this.varDir, REF_MAIL_DIR: this.mailDir };
  }

  async start(): Promise<void> {
    await fs.mkdir(this.varDir, { recursive: true });
    await run(path.join(REF_DIR, 'start.sh'), [String(this.port), '--no-admin'], { env: this.processEnv() });
  }

  async stop(): Promise<void> {
    await run(path.join(REF_DIR, 'stop.sh'), [String(this.port)], { env: this.processEnv() });
  }

  /** Every e-mail Django's file backend wrote so far, as one text. */
  async mailText(): Promise<string> {
    const files = (await fs.readdir(this.mailDir).catch(() => [])).sort();
    const texts = await Promise.all(files.map((f) => fs.readFile(path.join(this.mailDir, f), 'utf8')));
    return texts.join('\n');
  }
}

/** Polls `read` until it returns a value (mail is sent after the answer, by a worker). */
export async function eventually<T>(read: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
