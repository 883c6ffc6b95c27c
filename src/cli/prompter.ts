import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { createInterface, type Interface } from 'node:readline';
import { OperationCancelled } from './command-error';

/**
 * Python's `input()` and `getpass()` for the interactive commands: prompts on stdout, one
 * answer per line of stdin. On a terminal, secrets are not echoed; piped stdin works too
 * (answers are read line by line), which is how scripts and the tests drive the prompts.
 */
@Injectable()
export class Prompter implements OnModuleDestroy {
  private rl?: Interface;
  private readonly lines: string[] = [];
  private waiting?: (line: string | null) => void;
  private closed = false;
  private muted = false;

  private open(): Interface {
    if (this.rl) return this.rl;
    const terminal = process.stdin.isTTY === true;
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal });
    // getpass: while muted, nothing the user types is written back.
    const writer = rl as unknown as { _writeToOutput: (s: string) => void };
    const write = writer._writeToOutput.bind(rl);
    writer._writeToOutput = (s: string) => {
      if (!this.muted) write(s);
    };
    rl.on('line', (line) => this.deliver(line));
    rl.on('close', () => {
      this.closed = true;
      this.deliver(null);
    });
    rl.on('SIGINT', () => rl.close());
    return (this.rl = rl);
  }

  private deliver(line: string | null): void {
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      waiting(line);
    } else if (line !== null) this.lines.push(line);
  }

  private next(): Promise<string> {
    this.open();
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.closed) return Promise.reject(new OperationCancelled());
    return new Promise((resolve, reject) => {
      this.waiting = (line) => (line === null ? reject(new OperationCancelled()) : resolve(line));
    });
  }

  /** `input(message)`. */
  async input(message: string): Promise<string> {
    process.stdout.write(message);
    return this.next();
  }

  /** `getpass.getpass(message)`. */
  async secret(message: string): Promise<string> {
    process.stdout.write(message);
    this.muted = process.stdin.isTTY === true;
    try {
      return await this.next();
    } finally {
      if (this.muted) process.stdout.write('\n');
      this.muted = false;
    }
  }

  onModuleDestroy(): void {
    this.rl?.close();
  }
}
