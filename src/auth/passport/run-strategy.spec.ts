import { Strategy as CustomStrategy } from 'passport-custom';
import { Strategy as LocalStrategy } from 'passport-local';
import { runStrategy } from './run-strategy';

describe('runStrategy (passport.authenticate as a promise)', () => {
  it('resolves the user and info a strategy succeeds with', async () => {
    const s = new CustomStrategy((req: unknown, done: (e: unknown, u?: unknown, i?: unknown) => void) => done(null, { id: 7 }, 'payload'));
    await expect(runStrategy(s, {})).resolves.toEqual({ user: { id: 7 }, info: 'payload' });
  });

  it('resolves null when the strategy fails (DRF: the next authenticator tries)', async () => {
    const s = new CustomStrategy((req: unknown, done: (e: unknown, u?: unknown) => void) => done(null, false));
    await expect(runStrategy(s, {})).resolves.toBeNull();
  });

  it("rejects with the strategy's error", async () => {
    const err = new Error('401');
    const s = new CustomStrategy((req: unknown, done: (e: unknown) => void) => done(err));
    await expect(runStrategy(s, {})).rejects.toBe(err);
  });

  it('passport-local reads the credentials object and fails without calling verify when one is missing', async () => {
    const seen: string[] = [];
    const s = new LocalStrategy((u, p, done) => {
      seen.push(`${u}:${p}`);
      done(null, u === 'alice' ? { id: 1 } : false);
    });
    await expect(runStrategy(s, { body: { username: 'alice', password: 'pw' }, query: {} })).resolves.toEqual({ user: { id: 1 }, info: undefined });
    await expect(runStrategy(s, { body: { username: 'bob', password: 'pw' }, query: {} })).resolves.toBeNull();
    await expect(runStrategy(s, { body: { username: 'alice' }, query: {} })).resolves.toBeNull();
    expect(seen).toEqual(['alice:pw', 'bob:pw']);
  });

  it('keeps concurrent runs of one strategy apart (one instance per call, as passport does)', async () => {
    const s = new CustomStrategy((req, done) => {
      const n = (req as unknown as { n: number }).n;
      setTimeout(() => done(null, { n }), 10 - n);
    });
    const results = await Promise.all([1, 2, 3].map((n) => runStrategy(s, { n })));
    expect(results.map((r) => (r?.user as { n: number }).n)).toEqual([1, 2, 3]);
  });
});
