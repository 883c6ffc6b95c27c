import { DataSource } from 'typeorm';
import { RouteRegistry } from '../../src/drf/route-registry';
import { createUser, login, post, STRONG } from '../users/users-support';
import { checkConsistency } from '../support/db-consistency';
import { startTestApp, TestApp } from '../support/test-app';
import type { FuzzContext } from './fuzz/cases';
import { runFuzz } from './fuzz/runner';

/**
 * Malformed requests over every endpoint (issue 7): `npm test` runs a fixed-seed slice,
 * `npm run test:fuzz` the full run (FUZZ_REQUESTS, FUZZ_SEED). Whatever arrives, the
 * answer is never a 5xx, the server keeps answering, and the database stays consistent.
 */
const COUNT = Number(process.env.FUZZ_REQUESTS ?? 400);
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);

/** A route pattern with its parameters filled in: a real user, `me`, an unknown id. */
function concretePaths(patterns: string[], userId: number): string[] {
  return patterns.flatMap((p) => {
    if (!p.includes(':')) return [p === '/' ? '/' : `${p}/`];
    return [String(userId), '999999', 'me', '-1'].map((v) => `${p.replace(/:[^/]+/g, v)}/`);
  });
}

describe(`fuzz: ${COUNT} malformed requests over every endpoint (seed ${SEED})`, () => {
  let t: TestApp;
  let ctx: FuzzContext;
  beforeAll(async () => {
    t = await startTestApp({
      DJOSER_SEND_ACTIVATION_EMAIL: 'true',
      DJOSER_SEND_CONFIRMATION_EMAIL: 'true',
      DJOSER_PASSWORD_CHANGED_EMAIL_CONFIRMATION: 'true',
      MOUNT_SIMPLEJWT_URLS: 'true',
      MOUNT_AUTHTOKEN_URL: 'true',
      SIMPLE_JWT_AUTH_REFRESH_COOKIE: 'refresh_token',
    });
    const user = await createUser(t, { username: 'fuzzer', email: 'fuzzer@example.com' });
    const token = await login(t, 'fuzzer');
    const jwt = JSON.parse((await post(t, '/auth/jwt/create/', { username: 'fuzzer', password: STRONG })).text).access as string;
    const patterns = t.app
      .get(RouteRegistry)
      .all()
      .map((v) => v.pattern);
    ctx = {
      paths: concretePaths(patterns, user.id),
      auth: [token, `Bearer ${jwt}`],
      known: ['fuzzer', 'fuzzer@example.com', STRONG, 'MQ'],
    };
  }, 120_000);
  afterAll(() => t.close());

  it('covers every registered endpoint', () => {
    expect(ctx.paths).toEqual(
      expect.arrayContaining(['/auth/users/', '/auth/jwt/create/', '/auth/token/login/', '/auth/users/set_password/']),
    );
    expect(ctx.paths.length).toBeGreaterThanOrEqual(20);
  });

  it('answers no 5xx, keeps answering, and leaves the database consistent', async () => {
    const totals = await runFuzz(t.url, ctx, COUNT, SEED);
    console.log(
      `fuzz totals: ${JSON.stringify({ seed: totals.seed, sent: totals.sent, raw: totals.raw, serverErrors: totals.serverErrors.length, noAnswer: totals.noAnswer.length, byStatus: totals.byStatus })}`,
    );
    expect(totals.sent).toBe(COUNT);
    expect(totals.serverErrors).toEqual([]);
    // only a body cut off by the 413 may lose its answer
    expect(totals.noAnswer.filter((n) => n.label !== 'oversized body' && n.label !== 'huge string')).toEqual([]);
    const root = await fetch(`${t.url}/auth/`);
    expect(root.status).toBe(200);
    expect(await checkConsistency(t.app.get(DataSource))).toEqual([]);
  }, 600_000);
});
