/**
 * `npm run bench:enumeration`: can a client tell known accounts from unknown ones by
 * response time? Starts the real server (production argon2 parameters, throttle off)
 * on a fresh PostgreSQL database, sends BENCH_N (default 200) requests of each kind,
 * known and unknown interleaved, and prints the median latencies in ms.
 * BENCH_ADMIN_URL: a PostgreSQL URL whose role may CREATE DATABASE.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory';
import { parseSettings } from '../src/config/settings';
import { PasswordHasher } from '../src/users/passwords/password-hasher';
import { User } from '../src/users/user.entity';

const N = Number(process.env.BENCH_N ?? 200);
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://nest_djoser:nest_djoser@127.0.0.1:5432/nest_djoser_test';

async function admin(sql: string): Promise<void> {
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function main(): Promise<void> {
  const name = `nest_djoser_bench_${process.pid}`;
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const settings = parseSettings({
    SECRET_KEY: 'bench-secret-key-0123456789-0123456789',
    DATABASE_URL: url.toString(),
    EMAIL_BACKEND: 'memory',
    LOG_LEVEL: 'error',
    THROTTLE_ENABLED: 'false',
    DJOSER_SEND_ACTIVATION_EMAIL: 'true',
  });
  const app = await createApp(settings, { logger: false });
  try {
    await app.listen(0, '127.0.0.1');
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const hasher = app.get(PasswordHasher);
    const users = app.get(DataSource).getRepository(User);
    const row = async (username: string, isActive: boolean) =>
      users.save(
        users.create({
          username,
          email: `${username}@example.com`,
          password: await hasher.hash('correct-horse-battery'),
          isActive,
          isStaff: false,
          isSuperuser: false,
          firstName: '',
          lastName: '',
          lastLogin: null,
          dateJoined: new Date(),
        }),
      );
    await row('known', true);
    await row('sleeper', false);

    const post = async (path: string, body: unknown): Promise<number> => {
      const t0 = performance.now();
      const res = await fetch(base + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      await res.arrayBuffer();
      if (res.status >= 500) throw new Error(`${path} answered ${res.status}`);
      return performance.now() - t0;
    };
    const cases: Array<[string, string, unknown, unknown]> = [
      ['jwt/create', '/auth/jwt/create/', { username: 'known', password: 'wrong-password' }, { username: 'unknown', password: 'wrong-password' }],
      ['token/login', '/auth/token/login/', { username: 'known', password: 'wrong-password' }, { username: 'unknown', password: 'wrong-password' }],
      ['reset_password', '/auth/users/reset_password/', { email: 'known@example.com' }, { email: 'unknown@example.com' }],
      ['reset_username', '/auth/users/reset_username/', { email: 'known@example.com' }, { email: 'unknown@example.com' }],
      ['resend_activation', '/auth/users/resend_activation/', { email: 'sleeper@example.com' }, { email: 'unknown@example.com' }],
    ];
    console.log(`endpoint            known ms  unknown ms  (median of ${N} each, interleaved)`);
    for (const [label, path, known, unknown] of cases) {
      for (let i = 0; i < 10; i++) await post(path, i % 2 ? known : unknown); // warm-up
      const k: number[] = [];
      const u: number[] = [];
      for (let i = 0; i < N; i++) {
        k.push(await post(path, known));
        u.push(await post(path, unknown));
      }
      console.log(`${label.padEnd(18)}  ${median(k).toFixed(1).padStart(8)}  ${median(u).toFixed(1).padStart(10)}`);
    }
  } finally {
    await app.close();
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
