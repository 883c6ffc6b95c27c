import { parseSettings } from '../../config/settings';
import type { MailBackend } from '../backends/mail-backend';
import { MailHandover } from './handover';
import type { OutboxWorker } from './outbox.worker';

/** A worker whose first attempts take `ms[id]` milliseconds and are logged in the order they ran. */
function worker(ms: Record<string, number>, log: string[]): OutboxWorker {
  return {
    sends: true,
    sendNow: (id: string) =>
      new Promise<void>((resolve) => {
        log.push(`start ${id}`);
        setTimeout(() => {
          log.push(`done ${id}`);
          resolve();
        }, ms[id] ?? 0).unref(); // the slow ones outlive their test
      }),
  } as unknown as OutboxWorker;
}

const settings = parseSettings({ SECRET_KEY: 'unit', EMAIL_TIMEOUT: '1' });
const backend = (timeoutSeconds?: number) => ({ timeoutSeconds }) as unknown as MailBackend;

describe('MailHandover', () => {
  it('an answer waits for its attempts, made one after the other in the order queued', async () => {
    const log: string[] = [];
    const h = new MailHandover(settings, backend(), worker({ a: 30, b: 10 }, log));
    const request = {};
    h.start(request, 'a');
    h.start(request, 'b');
    expect(h.has(request)).toBe(true);
    await h.settle(request);
    expect(log).toEqual(['start a', 'done a', 'start b', 'done b']);
    expect(h.has(request)).toBe(false);
  });

  it('waits at most the backend timeout (EMAIL_URL ?timeout=), else EMAIL_TIMEOUT', async () => {
    const h = new MailHandover(settings, backend(), worker({ slow: 5000 }, []));
    const request = {};
    h.start(request, 'slow');
    let started = Date.now();
    await h.settle(request);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(Date.now() - started).toBeLessThan(1500);

    const h2 = new MailHandover(settings, backend(0.2), worker({ slow: 5000 }, []));
    h2.start(request, 'slow');
    started = Date.now();
    await h2.settle(request);
    expect(Date.now() - started).toBeLessThan(600);
  });

  it('a request that queued nothing does not wait; one without a request only starts the attempt', async () => {
    const log: string[] = [];
    const h = new MailHandover(settings, backend(), worker({}, log));
    const request = {};
    expect(h.has(request)).toBe(false);
    await h.settle(request);
    h.start(undefined, 'x');
    expect(log).toEqual(['start x']);
    expect(h.has(request)).toBe(false);
  });

  it('imitate makes a request wait as long as a recent first attempt (nothing before any attempt)', async () => {
    const h = new MailHandover(settings, backend(), worker({ real: 200 }, []));
    const quiet = {};
    h.imitate(quiet);
    let started = Date.now();
    await h.settle(quiet);
    expect(Date.now() - started).toBeLessThan(100);

    const real = {};
    h.start(real, 'real');
    await h.settle(real);
    const rehearsal = {};
    h.imitate(rehearsal);
    started = Date.now();
    await h.settle(rehearsal);
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
    expect(Date.now() - started).toBeLessThan(600);
  });
});
