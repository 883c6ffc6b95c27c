import { randomInt } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Delivery, DJANGO_SEPARATOR, MailBackend } from './mail-backend';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Django's `%Y%m%d-%H%M%S` in local time. */
function timestamp(d: Date): string {
  return `${d.getFullYear()}${pad2(d.getMonth() + 1)}${pad2(d.getDate())}-${pad2(d.getHours())}${pad2(d.getMinutes())}${pad2(d.getSeconds())}`;
}

/**
 * django.core.mail.backends.filebased: one file per message (Django opens one per
 * connection and sends one message per connection), named
 * `<YYYYmmdd-HHMMSS>-<number>.log`, holding the RFC 822 message, "\n", 79 dashes
 * and "\n". The file is written in one call, so a reader never sees half a message
 * followed by the separator.
 */
export class FileMailBackend implements MailBackend {
  readonly dir: string;
  /**
   * Django names files `<time>-<abs(id(self))>`. We use a per-process random base
   * plus a sequence, fixed width, so that files written in the same second sort in
   * the order they were written (file-system timestamps are too coarse for that).
   */
  private next = randomInt(2 ** 46);

  constructor(filePath: string) {
    this.dir = resolve(filePath);
    mkdirSync(this.dir, { recursive: true }); // as Django's backend does at construction
  }

  async send({ raw }: Delivery): Promise<void> {
    const data = Buffer.from(`${raw}\n${DJANGO_SEPARATOR}\n`, 'utf8');
    for (;;) {
      // Django uses abs(id(self)), a memory address; any unique large number reads the same.
      const file = join(this.dir, `${timestamp(new Date())}-${String(this.next++).padStart(15, '0')}.log`);
      try {
        await writeFile(file, data, { flag: 'wx' });
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
    }
  }

  describe(): string {
    return `file ${this.dir}`;
  }
}
