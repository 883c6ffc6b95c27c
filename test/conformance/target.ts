import { BigIntStats, promises as fs } from 'fs';
import * as path from 'path';
import { simpleParser, AddressObject } from 'mailparser';

/** One e-mail as a conformance exchange sees it. */
export interface CapturedMail {
  to: string[];
  subject: string;
  text: string;
  html?: string;
}

/** A server the scenarios can be run against (the Djoser reference or ours). */
export interface ConformanceTarget {
  /** e.g. `http://127.0.0.1:8810` — scenario paths start with `/auth/`. */
  baseUrl: string;
  /** The e-mails sent since the previous call, oldest first. */
  takeMail(): Promise<CapturedMail[]>;
}

// Django's file backend ends every message with "\n" + 79 dashes + "\n".
const SEPARATOR = Buffer.from('\n' + '-'.repeat(79) + '\n', 'latin1');

export interface FileMailboxOptions {
  /** Runs before the folder is read, e.g. to let an asynchronous outbox flush. */
  beforeRead?: () => Promise<void>;
}

/**
 * Reads the folder written by Django's `filebased.EmailBackend` (or by our
 * server's `EMAIL_BACKEND=file`): every file holds one or more messages, each
 * followed by a separator line. Remembers how far each file was consumed, so
 * `takeMail()` only returns what arrived since the previous call.
 */
export class FileMailbox {
  private readonly consumed = new Map<string, number>();

  constructor(
    readonly dir: string,
    private readonly options: FileMailboxOptions = {},
  ) {}

  async takeMail(): Promise<CapturedMail[]> {
    if (this.options.beforeRead) await this.options.beforeRead();
    const files = await this.listFilesInWriteOrder();
    const mails: CapturedMail[] = [];
    for (const file of files) {
      const data = await fs.readFile(file);
      let offset = this.consumed.get(file) ?? 0;
      for (;;) {
        const end = data.indexOf(SEPARATOR, offset);
        if (end < 0) break; // an unfinished message stays for the next call
        mails.push(await parseMessage(data.subarray(offset, end)));
        offset = end + SEPARATOR.length;
      }
      this.consumed.set(file, offset);
    }
    return mails;
  }

  /** Marks everything currently in the folder as already taken. */
  async skipExisting(): Promise<void> {
    await this.takeMail();
  }

  private async listFilesInWriteOrder(): Promise<string[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const entries = await Promise.all(
      names.map(async (name) => {
        const file = path.join(this.dir, name);
        const stat = await fs.stat(file, { bigint: true });
        return { file, stat };
      }),
    );
    return entries
      .filter((e) => e.stat.isFile())
      .sort((a, b) => {
        // creation order: birth time where the file system records it, else
        // modification time (Django writes each file in one go), then name
        const t = compareBig(writeTime(a.stat), writeTime(b.stat));
        return t !== 0 ? t : a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
      })
      .map((e) => e.file);
  }
}

function writeTime(stat: BigIntStats): bigint {
  return stat.birthtimeNs > 0n ? stat.birthtimeNs : stat.mtimeNs;
}

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function parseMessage(raw: Buffer): Promise<CapturedMail> {
  const parsed = await simpleParser(raw);
  const mail: CapturedMail = {
    to: addresses(parsed.to),
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
  };
  if (typeof parsed.html === 'string') mail.html = parsed.html;
  return mail;
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  if (!field) return [];
  const list = Array.isArray(field) ? field : [field];
  return list.flatMap((group) => group.value.map((a) => a.address ?? ''));
}
