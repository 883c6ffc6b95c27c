import { AddressObject, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server received it. */
export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  from: string[];
  to: string[];
  subject: string;
  text: string;
  html?: string;
  contentType: string;
  raw: string;
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  if (!field) return [];
  return (Array.isArray(field) ? field : [field]).flatMap((g) => g.value.map((a) => a.address ?? ''));
}

/**
 * A real SMTP server in the test process (smtp-server + mailparser). It can be
 * stopped and started again on the same port, to play an outage; `delayMs`
 * slows every DATA answer (to make concurrent senders overlap).
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  port = 0;
  private server: SMTPServer | undefined;

  constructor(private readonly delayMs = 0) {}

  async start(): Promise<number> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', async () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const parsed = await simpleParser(raw);
          const mail: ReceivedMail = {
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            from: addresses(parsed.from),
            to: addresses(parsed.to),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            contentType: String(parsed.headers.get('content-type') && (parsed.headers.get('content-type') as { value: string }).value),
            raw,
          };
          if (typeof parsed.html === 'string') mail.html = parsed.html;
          if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
          this.received.push(mail);
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    server.on('error', () => undefined);
    this.server = server;
    this.port = (server.server.address() as { port: number }).port;
    return this.port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Waits until `count` messages have arrived (or fails after `timeoutMs`). */
  async waitFor(count: number, timeoutMs = 15000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} e-mails, got ${this.received.length} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.received;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
