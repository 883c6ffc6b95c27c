#!/usr/bin/env node
'use strict';
/*
 * node bench/profile.js [--no-build] [route ...]   (routes: me-jwt, me-token, verify, refresh, login)
 *
 * Where the time of one request goes: for each route, the production build runs alone under
 * `node --cpu-prof` on the bench database (1,000 users), autocannon drives that one route, and the
 * profile's self time is summed by layer (Fastify, Nest, RxJS, our wire layer, pg, logging, GC...)
 * and divided by the requests answered (µs of CPU per request). Not a test.
 */
const { execSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { recreateDatabase, seedUsers, analyze } = require('./seed');
const { startServer, stopAll } = require('./servers');
const { runScenario } = require('./load');

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const BUILD = !args.includes('--no-build');
const ROUTES = args.filter((a) => !a.startsWith('--'));
const PORT = Number(process.env.BENCH_PORT) || 18960;
const PASSWORD = 'Bench-Pass-123!';
const SECRET_KEY = 'bench-secret-key-0123456789abcdefghijklmnopqrstuvwxyz';
const LOAD = { connections: 32, duration: Number(process.env.PROFILE_SECONDS) || 8, warmup: 2 };

/** Layers by the script's path (first match wins); everything else is "other". */
const LAYERS = [
  ['GC', (f, fn) => fn === '(garbage collector)'],
  ['idle', (f, fn) => fn === '(idle)' || fn === '(program)'],
  ['fastify', (f) => /node_modules\/(fastify|@fastify|find-my-way|avvio|light-my-request|fast-json-stringify)\//.test(f)],
  ['nest core', (f) => f.includes('node_modules/@nestjs/')],
  ['rxjs', (f) => f.includes('node_modules/rxjs/')],
  ['pino / logging libs', (f) => /node_modules\/(pino|pino-http|nestjs-pino|sonic-boom|thread-stream)/.test(f)],
  ['prom-client', (f) => f.includes('node_modules/prom-client/')],
  ['passport / jsonwebtoken / jws', (f) => /node_modules\/(passport[^/]*|jsonwebtoken|jws|jwa|@nestjs\/jwt)\//.test(f)],
  ['pg / typeorm', (f) => /node_modules\/(pg|pg-protocol|pg-pool|typeorm)\//.test(f)],
  ['other node_modules', (f) => f.includes('node_modules/')],
  ['our wire layer (src/drf)', (f) => f.includes('/dist/drf/') && !f.includes('node_modules')],
  ['our auth (src/auth, src/users)', (f) => f.includes('/dist/auth/') || f.includes('/dist/users/')],
  ['our logging/metrics (src/ops, src/throttle)', (f) => f.includes('/dist/ops/') || f.includes('/dist/throttle/')],
  ['our other code', (f) => f.includes('/dist/')],
  ['node internals (http, net, streams, crypto)', (f) => f.startsWith('node:') || f === ''],
];

async function main() {
  if (BUILD) execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
  const hasher = new (require(path.join(ROOT, 'dist/users/passwords/password-hasher')).PasswordHasher)();
  const hash = await hasher.hash(PASSWORD);
  await recreateDatabase();
  const env = {
    NODE_ENV: 'production', SECRET_KEY, DATABASE_URL: require('./seed').benchDbUrl(), EMAIL_BACKEND: 'memory',
    EMAIL_OUTBOX_WORKER: 'false', LOG_LEVEL: 'warn', THROTTLE_ENABLED: 'false', SIMPLE_JWT_ACCESS_TOKEN_LIFETIME: '3600',
    NODE_OPTIONS: '--max-old-space-size=128 --max-semi-space-size=16',
  };
  let server = await startServer(ROOT, PORT, env, { cpuProf: false });
  await server.stop();
  await seedUsers(hash, 1000);
  await analyze();
  const summary = [];
  for (const route of ROUTES.length ? ROUTES : ['me-jwt', 'refresh', 'login']) {
    const dir = path.join(ROOT, 'bench', 'profiles', route);
    fs.rmSync(dir, { recursive: true, force: true });
    server = await startServer(ROOT, PORT, env, { cpuProf: false, profDir: dir });
    const s = await scenario(route, server.url);
    const row = await runScenario({ ...s, url: server.url, pid: server.pid }, LOAD);
    await server.stop();
    const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    summary.push({ route, row, layers: layersOf(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')), row), file: path.join(dir, file) });
  }
  for (const { route, row, layers, file } of summary) {
    console.log(`\n${route}: ${row.rps.toFixed(0)} req/s, CPU µs per request by layer (${file})`);
    for (const [layer, us, top] of layers) console.log(`  ${layer.padEnd(44)} ${us.toFixed(1).padStart(7)}   ${top}`);
  }
}

const json = { 'content-type': 'application/json' };
async function post(base, p, body) {
  const res = await fetch(`${base}${p}`, { method: 'POST', headers: json, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`${p} answered ${res.status}`);
  return res.json();
}

async function scenario(route, base) {
  const s = await plainScenario(route, base);
  // PROFILE_ACCEPT: an Accept header of one's choice (e.g. to see the pipeline behind a shortcut)
  if (process.env.PROFILE_ACCEPT) s.headers = { ...s.headers, accept: process.env.PROFILE_ACCEPT };
  return s;
}

async function plainScenario(route, base) {
  const creds = { username: 'user1', password: PASSWORD };
  if (route === 'me-jwt') return { name: route, path: '/auth/users/me/', headers: { authorization: `Bearer ${(await post(base, '/auth/jwt/create/', creds)).access}` } };
  if (route === 'me-token') return { name: route, path: '/auth/users/me/', headers: { authorization: `Token ${(await post(base, '/auth/token/login/', creds)).auth_token}` } };
  if (route === 'verify') return { name: route, method: 'POST', path: '/auth/jwt/verify/', headers: json, body: JSON.stringify({ token: (await post(base, '/auth/jwt/create/', creds)).access }) };
  if (route === 'refresh') return { name: route, method: 'POST', path: '/auth/jwt/refresh/', headers: json, body: JSON.stringify({ refresh: (await post(base, '/auth/jwt/create/', creds)).refresh }) };
  // token/login/: argon2 dominates; the profile shows what the pipeline adds around the hash
  if (route === 'login') return { name: route, method: 'POST', path: '/auth/token/login/', headers: json, body: JSON.stringify(creds) };
  throw new Error(`unknown route ${route}`);
}

/** Self time per layer in µs per answered request (the profile covers warm-up and run: both are counted). */
function layersOf(profile, row) {
  const dt = profile.timeDeltas;
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0)));
  const sums = new Map();
  const tops = new Map();
  for (const [id, us] of self) {
    const n = byId.get(id);
    const f = n.callFrame.url.replace(/^file:\/\//, '');
    const fn = n.callFrame.functionName;
    const layer = (LAYERS.find(([, test]) => test(f, fn)) ?? ['other'])[0];
    sums.set(layer, (sums.get(layer) ?? 0) + us);
    const key = `${fn || '(anonymous)'} ${path.basename(f)}:${n.callFrame.lineNumber + 1}`;
    const t = tops.get(layer) ?? new Map();
    t.set(key, (t.get(key) ?? 0) + us);
    tops.set(layer, t);
  }
  const total = row.requests * (1 + LOAD.warmup / LOAD.duration); // warm-up requests at the same rate
  return [...sums]
    .sort((a, b) => b[1] - a[1])
    .map(([layer, us]) => [layer, us / total, [...tops.get(layer)].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, v]) => `${k} ${(v / total).toFixed(1)}`).join('; ')]);
}

main().catch(async (e) => {
  console.error(e);
  process.exitCode = 1;
  await stopAll();
});
