import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import type { ConformanceConfig, ConformanceStack } from './configs';
import { CapturedMail, ConformanceTarget, FileMailbox } from './target';

const run = promisify(execFile);

/** ../shared/djoser-ref beside the checkout (override with DJOSER_REF_DIR). */
export const REF_DIR = process.env.DJOSER_REF_DIR ?? path.resolve(__dirname, '../../../shared/djoser-ref');

/**
 * The Djoser reference server for one configuration, started with its
 * `start.sh` (fresh SQLite database, seeded staff user `admin`, id 1).
 * `reset()` brings it back to that fresh state between scenarios without a
 * restart: the database file is replaced by a copy taken right after start
 * (Django opens a new SQLite connection per request, so the next request sees
 * the copy) and mail already written is skipped.
 */
export class ReferenceServer implements ConformanceTarget {
  readonly baseUrl: string;
  private readonly varDir: string;
  private readonly dbPath: string;
  private readonly snapshotPath: string;
  private readonly mailDir: string;
  private readonly mailbox: FileMailbox;

  private constructor(
    readonly port: number,
    private readonly config: ConformanceConfig,
    private readonly stack: ConformanceStack,
  ) {
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.varDir = path.join(os.tmpdir(), 'nest-djoser-conformance', `ref-${port}`);
    this.dbPath = path.join(this.varDir, `db-${port}.sqlite3`);
    this.snapshotPath = `${this.dbPath}.fresh`;
    this.mailDir = path.join(this.varDir, `mail-${port}`);
    this.mailbox = new FileMailbox(this.mailDir);
  }

  static async start(config: ConformanceConfig, port: number, stack: ConformanceStack = '2.1'): Promise<ReferenceServer> {
    const server = new ReferenceServer(port, config, stack);
    await server.boot();
    return server;
  }

  takeMail(): Promise<CapturedMail[]> {
    return this.mailbox.takeMail();
  }

  async reset(): Promise<void> {
    const tmp = `${this.dbPath}.restore`;
    await fs.copyFile(this.snapshotPath, tmp);
    await fs.rename(tmp, this.dbPath);
    await this.mailbox.skipExisting();
  }

  async close(): Promise<void> {
    await run(path.join(REF_DIR, 'stop.sh'), [String(this.port)], { env: this.env() });
  }

  private async boot(): Promise<void> {
    await fs.mkdir(this.varDir, { recursive: true });
    await run(path.join(REF_DIR, 'start.sh'), [String(this.port)], { env: this.env() });
    await fs.copyFile(this.dbPath, this.snapshotPath);
    await this.mailbox.skipExisting();
  }

  private env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      ...this.config.refEnv,
      REF_STACK: this.stack,
      REF_DB: 'sqlite',
      REF_VAR_DIR: this.varDir,
      REF_SQLITE_PATH: this.dbPath,
      REF_MAIL_DIR: this.mailDir,
    };
  }
}
