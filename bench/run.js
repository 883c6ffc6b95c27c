#!/usr/bin/env node
'use strict';
/*
 * npm run bench [-- --quick] [-- --djoser] [-- --cpu-prof] [-- --no-build]
 *
 * Builds the server, starts the production build (node dist/main.js) on a fresh PostgreSQL
 * database seeded with SQL, and drives it with autocannon over loopback. Every figure comes
 * from one run, next to two baselines measured in the same run (a bare node:http server and a
 * bare argon2id verify loop with our parameters on the same thread-pool size), because the
 * machine is shared and absolute numbers drift: the goals are ratios. Not a test.
 */
const { execSync } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');
const { benchDbUrl, recreateDatabase, seedUsers, analyze, userCount } = require('./seed');
const { startServer, startBareNode, startNestFloor, startDjoser, stopDjoser, stopAll } = require('./servers');
const { runScenario, runProbe, mintAccessToken, argon2Loop } = require('./load');
const { writeReport } = require('./report');

const ROOT = path.resolve(__dirname, '..');
const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick');
const DJOSER = args.has('--djoser');
const CPU_PROF = args.has('--cpu-prof');
const BUILD = !args.has('--no-build');
const BARE_NODE = 'baseline: bare node:http, fixed JSON body (GET)';
/** The same bare server driven with jwt/verify's own request: a POST costs the load generator more than a GET. */
const BARE_NODE_POST = "baseline: bare node:http, fixed JSON body (jwt/verify's POST)";
const BARE_ARGON2 = 'baseline: bare argon2id verify loop';
/** The stack's own floor (bench/nest-floor.js), driven like /users/me/ and like jwt/verify/. */
const NEST_FLOOR_GET = 'baseline: NestJS + Fastify, one guard, fixed JSON body (GET)';
const NEST_FLOOR_POST = "baseline: NestJS + Fastify, one guard, JSON body parsed (jwt/verify's POST)";
/** BENCH_PORT moves the three ports (several benches on one machine). */
const PORT = Number(process.env.BENCH_PORT) || 18960;
const PORTS = { server: PORT, bare: PORT + 1, djoser: PORT + 2, floor: PORT + 3 };

/** Fixed load shape: same connections and durations for every scenario and baseline. */
const LOAD = {
  connections: 32,
  duration: QUICK ? 3 : 10,
  warmup: QUICK ? 1 : 3,
  /** /users/me/ at a fixed rate, at rest and while jwt/create saturates the hash pool. */
  probeConnections: 4,
  probeRate: 200,
};
const SCALES = QUICK ? [1000] : [1000, 1_000_000];
/** Rounds of bare node:http, /users/me/ (JWT), bare node:http with verify's POST and jwt/verify/, alternated; medians reported. */
const REPEATS = QUICK ? 1 : 3;
const median = (rows) => ({
  ...rows.slice().sort((a, b) => a.rps - b.rps)[Math.floor(rows.length / 2)],
  rss: Math.max(...rows.map((r) => r.rss)), // the memory goal is about the peak
  runs: rows.length,
});
const PASSWORD = 'Bench-Pass-123!';
const NODE_OPTIONS = '--max-old-space-size=128 --max-semi-space-size=16';
const SECRET_KEY = 'bench-secret-key-0123456789abcdefghijklmnopqrstuvwxyz';

async function main() {
  const started = Date.now();
  const loadBefore = os.loadavg()[0];
  if (BUILD) execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
  const threadPool = Number(process.env.UV_THREADPOOL_SIZE) || require(path.join(ROOT, 'dist/thread-pool')).threadPoolSize();
  const hasher = new (require(path.join(ROOT, 'dist/users/passwords/password-hasher')).PasswordHasher)();
  const hash = await hasher.hash(PASSWORD);

  await recreateDatabase();
  const env = {
    NODE_ENV: 'production',
    SECRET_KEY,
    DATABASE_URL: benchDbUrl(),
    EMAIL_BACKEND: 'memory',
    EMAIL_OUTBOX_WORKER: 'false',
    LOG_LEVEL: 'warn',
    THROTTLE_ENABLED: 'false',
    SIMPLE_JWT_ACCESS_TOKEN_LIFETIME: '3600',
    UV_THREADPOOL_SIZE: String(threadPool),
    // the production heap cap README recommends: V8 otherwise grows the heap lazily up to GBs
    NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS ?? NODE_OPTIONS,
  };
  // first start applies the migrations on an empty database (start-up is measured on the second)
  let server = await startServer(ROOT, PORTS.server, env, { cpuProf: false });
  await server.stop();

  const results = [];
  const figures = { threadPool, nodeOptions: env.NODE_OPTIONS, startupMs: null };

  for (const scale of SCALES) {
    const t0 = Date.now();
    await seedUsers(hash, scale);
    await analyze();
    console.log(`seeded ${await userCount()} users in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    server = await startServer(ROOT, PORTS.server, env, { cpuProf: CPU_PROF && scale === SCALES[0] });
    if (figures.startupMs === null) figures.startupMs = server.startupMs;
    for (const r of await runScenarios(server, scale, hash, threadPool)) results.push({ target: 'nest-djoser', scale, ...r });
    await server.stop();
    if (server.profile) console.log(`cpu profile: ${server.profile}`);
  }

  if (DJOSER) {
    const ref = await startDjoser(PORTS.djoser);
    try {
      for (const r of await runDjoserScenarios(ref)) results.push({ target: 'djoser', scale: 1, ...r });
    } finally {
      stopDjoser(PORTS.djoser);
    }
  }

  const command = `npm run bench${process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''}`;
  figures.load = [loadBefore, os.loadavg()[0]];
  const file = writeReport(ROOT, { results, figures, load: LOAD, command, quick: QUICK, elapsedS: (Date.now() - started) / 1000 });
  console.log(`written ${file} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

async function measureArgon2(hash, threadPool) {
  const { rps } = await argon2Loop(hash, PASSWORD, threadPool, LOAD);
  console.log(`${BARE_ARGON2.padEnd(58)} ${rps.toFixed(1).padStart(7)} verifications/s`);
  return { name: BARE_ARGON2, rps, p50: null, p99: null, rss: null, requests: null, bad: 0, baseline: true };
}

async function measureBareNode(name = BARE_NODE, request = {}) {
  const bare = await startBareNode(PORTS.bare);
  try {
    return { ...(await runScenario({ ...request, name, url: `http://127.0.0.1:${PORTS.bare}/`, pid: bare.pid }, LOAD)), baseline: true };
  } finally {
    bare.stop();
  }
}

async function measureNestFloor(name, request = {}) {
  const floor = await startNestFloor(PORTS.floor);
  try {
    return { ...(await runScenario({ ...request, name, url: `http://127.0.0.1:${PORTS.floor}`, path: '/floor/', pid: floor.pid }, LOAD)), baseline: true };
  } finally {
    floor.stop();
  }
}

async function login(base, body) {
  const res = await fetch(`${base}/auth/jwt/create/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`jwt/create answered ${res.status}: ${await res.text()}`);
  return res.json();
}

async function drfToken(base, body) {
  const res = await fetch(`${base}/auth/token/login/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`token/login answered ${res.status}: ${await res.text()}`);
  return (await res.json()).auth_token;
}

const pick = (n) => 1 + Math.floor(Math.random() * n);

async function runScenarios(server, scale, hash, threadPool) {
  const base = server.url;
  const pid = server.pid;
  const { refresh, access } = await login(base, { username: 'user1', password: PASSWORD });
  const token = await drfToken(base, { username: 'user1', password: PASSWORD });
  // tokens of users spread over the whole table, so lookups are not served by one hot row
  const tokens = Array.from({ length: 1000 }, () => `Bearer ${mintAccessToken(SECRET_KEY, pick(scale))}`);
  const me = {
    path: '/auth/users/me/',
    setupRequest: (req) => ({ ...req, headers: { ...req.headers, authorization: tokens[Math.floor(Math.random() * tokens.length)] } }),
  };
  const json = { 'content-type': 'application/json' };
  let registered = 0;
  const runTag = Date.now().toString(36);
  const scenarios = [
    { name: 'GET /auth/users/me/ (JWT)', requests: [me] },
    { name: 'GET /auth/users/me/ (DRF token)', path: '/auth/users/me/', headers: { authorization: `Token ${token}` } },
    { name: 'POST /auth/jwt/verify/', method: 'POST', path: '/auth/jwt/verify/', headers: json, body: JSON.stringify({ token: access }) },
    { name: 'POST /auth/jwt/refresh/', method: 'POST', path: '/auth/jwt/refresh/', headers: json, body: JSON.stringify({ refresh }) },
    {
      name: 'POST /auth/jwt/create/',
      requests: [
        {
          method: 'POST',
          path: '/auth/jwt/create/',
          headers: json,
          setupRequest: (req) => ({ ...req, body: JSON.stringify({ username: `user${pick(scale)}`, password: PASSWORD }) }),
        },
      ],
    },
    {
      name: 'POST /auth/users/ (register)',
      requests: [
        {
          method: 'POST',
          path: '/auth/users/',
          headers: json,
          setupRequest: (req) => ({
            ...req,
            body: JSON.stringify({ username: `new-${runTag}-${registered++}`, email: 'new@example.com', password: PASSWORD }),
          }),
        },
      ],
      expect: 201,
    },
  ];
  // The throughput goals compare /users/me/ and jwt/verify/ with bare node:http: the runs
  // are alternated REPEATS times and the median of each is kept, because one 10 s run drifts
  // by ±10% on a shared machine and a baseline measured minutes earlier drifts further.
  const meJwt = scenarios.find((s) => s.name === 'GET /auth/users/me/ (JWT)');
  const verify = scenarios.find((s) => s.name === 'POST /auth/jwt/verify/');
  const verifyRequest = { method: verify.method, path: verify.path, headers: verify.headers, body: verify.body };
  // the stack's floor does not depend on the users table: measured at the first scale only
  const withFloor = scale === SCALES[0];
  const rounds = [];
  for (let i = 0; i < REPEATS; i++) {
    rounds.push([
      await measureBareNode(),
      ...(withFloor ? [await measureNestFloor(NEST_FLOOR_GET)] : []),
      await runScenario({ ...meJwt, url: base, pid }, LOAD),
      await measureBareNode(BARE_NODE_POST, verifyRequest),
      ...(withFloor ? [await measureNestFloor(NEST_FLOOR_POST, { method: 'POST', headers: verify.headers, body: verify.body })] : []),
      await runScenario({ ...verify, url: base, pid }, LOAD),
    ]);
  }
  const out = rounds[0].map((_, k) => median(rounds.map((round) => round[k])));
  if (REPEATS > 1) console.log(`(medians of ${REPEATS}: ${out.map((r) => `${r.rps.toFixed(0)} req/s`).join(', ')})`);
  // each remaining baseline is measured right before the scenarios compared with it (argon2id before jwt/create)
  for (const s of scenarios.filter((x) => x !== meJwt && x !== verify)) {
    if (s.name === 'POST /auth/jwt/create/') out.push(await measureArgon2(hash, threadPool));
    out.push(await runScenario({ ...s, url: base, pid }, LOAD));
  }
  out.push(...(await probeUnderLogin(base, pid, tokens, scale)));
  return out;
}

/** /users/me/ at a fixed rate (its own process), alone and then while jwt/create runs at saturation next to it. */
async function probeUnderLogin(base, pid, tokens, scale) {
  const probe = { url: base, pid, path: '/auth/users/me/', authorizations: tokens, connections: LOAD.probeConnections, overallRate: LOAD.probeRate };
  const rest = await runProbe({ ...probe, name: `GET /auth/users/me/ at ${LOAD.probeRate} req/s, at rest` }, LOAD);
  const create = {
    url: base,
    pid,
    name: 'POST /auth/jwt/create/ (saturating, beside the probe)',
    requests: [
      {
        method: 'POST',
        path: '/auth/jwt/create/',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ username: `user${pick(scale)}`, password: PASSWORD }) }),
      },
    ],
  };
  const [loaded, login] = await Promise.all([
    runProbe({ ...probe, name: `GET /auth/users/me/ at ${LOAD.probeRate} req/s, jwt/create saturated` }, LOAD),
    runScenario(create, LOAD),
  ]);
  return [rest, loaded, login];
}

async function runDjoserScenarios(ref) {
  const base = ref.url;
  const creds = { username: 'admin', password: ref.password };
  const { refresh, access } = await login(base, creds);
  const token = await drfToken(base, creds);
  const json = { 'content-type': 'application/json' };
  const scenarios = [
    { name: 'GET /auth/users/me/ (JWT)', path: '/auth/users/me/', headers: { authorization: `Bearer ${access}` } },
    { name: 'GET /auth/users/me/ (DRF token)', path: '/auth/users/me/', headers: { authorization: `Token ${token}` } },
    { name: 'POST /auth/jwt/verify/', method: 'POST', path: '/auth/jwt/verify/', headers: json, body: JSON.stringify({ token: access }) },
    { name: 'POST /auth/jwt/refresh/', method: 'POST', path: '/auth/jwt/refresh/', headers: json, body: JSON.stringify({ refresh }) },
    { name: 'POST /auth/jwt/create/', method: 'POST', path: '/auth/jwt/create/', headers: json, body: JSON.stringify(creds) },
  ];
  const out = [];
  for (const s of scenarios) out.push(await runScenario({ ...s, url: base, pid: ref.pids }, LOAD));
  return out;
}

main().catch(async (e) => {
  console.error(e);
  process.exitCode = 1;
  await stopAll(); // a server left listening would keep this process (and its port) alive
});

