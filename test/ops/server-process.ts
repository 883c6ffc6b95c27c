import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createTestDatabase } from '../support/database';
import { TEST_ENV } from '../support/test-app';

const root = join(__dirname, '..', '..');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Its own database (dropped by stop()). */
  databaseUrl: string;
  /** Everything the process wrote so far (stdout and stderr apart). */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal) and how long after `since` it came. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  stop(): Promise<void>;
}

/**
 * The real server as production runs it (`src/main.ts`: signals, logger, listen),
 * in a child process on a fresh database, listening on a random port read from its
 * "listening on" log line.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const db = await createTestDatabase();
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: root,
    // LOG_LEVEL=log at least: the "listening on" line tells the port
    env: { PATH: process.env.PATH ?? '', ...TEST_ENV, LOG_LEVEL: 'log', DATABASE_URL: db.url, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > 45_000) {
        clearInterval(timer);
        child.kill('SIGKILL');
        reject(new Error(`server not listening after 45 s:\n${out}\n${err}`));
        return;
      }
      const m = /listening on (http:\/\/[^"\s]+)/.exec(out);
      if (m) {
        clearInterval(timer);
        resolve(m[1].replace('[::1]', '127.0.0.1'));
      }
    }, 50);
    void exited.then(({ code }) => {
      clearInterval(timer);
      reject(new Error(`server exited with ${code} before listening:\n${out}\n${err}`));
    });
  });
  return {
    child,
    url,
    databaseUrl: db.url,
    stdout: () => out,
    stderr: () => err,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      await db.drop();
    },
  };
}
