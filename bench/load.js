'use strict';
// Load generation (autocannon), RSS sampling, token minting and the bare argon2id baseline.
const autocannon = require('autocannon');
const { createHmac, randomBytes } = require('node:crypto');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

function rssOf(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Peak resident memory of the process (or the sum over a process group) while `fn` runs. */
async function sampleRss(pid, fn) {
  const pids = () => (typeof pid === 'function' ? pid() : [pid]);
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, pids().reduce((sum, p) => sum + rssOf(p), 0));
  };
  const timer = setInterval(sample, 200);
  try {
    const result = await fn();
    sample();
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}

function cannon(opts, duration) {
  return new Promise((resolve, reject) => {
    autocannon({ ...opts, duration }, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

/** One scenario: a warm-up (discarded), then the measured run with a fixed load shape. */
async function runScenario(s, load) {
  const requests = s.requests ?? [{ method: s.method ?? 'GET', path: s.path ?? '/', headers: s.headers, body: s.body }];
  // a generous timeout: on a loaded machine a saturated login queue must count as slow, not as failed
  const opts = { url: s.url, connections: s.connections ?? load.connections, overallRate: s.overallRate, requests, timeout: 60 };
  await cannon(opts, load.warmup);
  const { result, peak } = await sampleRss(s.pid, () => cannon(opts, load.duration));
  const expected = s.expect ?? 200;
  const bad = result.errors + result.timeouts + (result.statusCodeStats ? sumOther(result.statusCodeStats, expected) : result.non2xx);
  const row = {
    name: s.name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    rss: peak,
    requests: result.requests.total,
    bad,
  };
  console.log(`${s.name.padEnd(58)} ${row.rps.toFixed(0).padStart(7)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms  rss ${(peak / 2 ** 20).toFixed(0)} MB${bad ? `  (${bad} unexpected answers)` : ''}`);
  return row;
}

/**
 * A fixed-rate latency probe (GET `s.path` with one of `s.authorizations` at random) run by a
 * load generator in a process of its own: one sharing the harness's event loop with another
 * generator (the saturating logins) adds that generator's stalls to the latencies it measures.
 */
async function runProbe(s, load) {
  const code = `
    const autocannon = require(${JSON.stringify(require.resolve('autocannon'))});
    const a = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
    const opts = {
      url: ${JSON.stringify(s.url)}, connections: ${s.connections}, overallRate: ${s.overallRate}, timeout: 60,
      requests: [{ path: ${JSON.stringify(s.path)}, setupRequest: (req) => ({ ...req, headers: { ...req.headers, authorization: a[Math.floor(Math.random() * a.length)] } }) }],
    };
    const run = (duration) => new Promise((ok, ko) => autocannon({ ...opts, duration }, (e, r) => (e ? ko(e) : ok(r))));
    run(${load.warmup}).then(() => run(${load.duration})).then((r) => process.stdout.write(JSON.stringify({
      rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, requests: r.requests.total, bad: r.errors + r.timeouts + r.non2xx,
    })));`;
  const { result, peak } = await sampleRss(s.pid, () => childJson(code, process.env, JSON.stringify(s.authorizations)));
  const row = { name: s.name, ...result, rss: peak };
  console.log(`${s.name.padEnd(58)} ${row.rps.toFixed(0).padStart(7)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms  rss ${(peak / 2 ** 20).toFixed(0)} MB${row.bad ? `  (${row.bad} unexpected answers)` : ''}`);
  return row;
}

/** Runs `node -e code` (with `input` on its stdin) and parses what it prints. */
function childJson(code, env, input = '') {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', code], { env });
    child.stdin.end(input);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.pipe(process.stderr);
    child.on('exit', (status) => (status === 0 ? resolve(JSON.parse(out)) : reject(new Error(`child exited with ${status}`))));
  });
}

function sumOther(stats, expected) {
  return Object.entries(stats).reduce((n, [code, v]) => n + (Number(code) === expected ? 0 : v.count), 0);
}

const b64url = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/** An access token as SimpleJWT signs it (HS256, SIGNING_KEY = SECRET_KEY). */
function mintAccessToken(key, userId) {
  const now = Math.floor(Date.now() / 1000);
  const head = b64url({ alg: 'HS256', typ: 'JWT' });
  const body = b64url({ token_type: 'access', exp: now + 3600, iat: now, jti: randomBytes(16).toString('hex'), user_id: userId });
  const sig = createHmac('sha256', key).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

/**
 * The bare argon2id verify rate: our hash (production parameters) verified in a loop by
 * a separate process with the server's thread-pool size and as many verifications in
 * flight as the load generator has connections.
 */
function argon2Loop(hash, password, threadPool, load) {
  const argon2Path = require.resolve('argon2', { paths: [path.resolve(__dirname, '..')] });
  const code = `
    const argon2 = require(${JSON.stringify(argon2Path)});
    const [, algo, v, params, salt, digest] = ${JSON.stringify(hash)}.split('$');
    const phc = '$' + [algo, v, params, salt, digest].join('$');
    const run = async (seconds) => {
      let n = 0;
      const end = Date.now() + seconds * 1000;
      const worker = async () => { while (Date.now() < end) { if (!(await argon2.verify(phc, ${JSON.stringify(password)}))) throw new Error('mismatch'); n++; } };
      const t0 = Date.now();
      await Promise.all(Array.from({ length: ${load.connections} }, worker));
      return n / ((Date.now() - t0) / 1000);
    };
    run(${load.warmup}).then(() => run(${load.duration})).then((rps) => process.stdout.write(JSON.stringify({ rps })));`;
  return childJson(code, { ...process.env, UV_THREADPOOL_SIZE: String(threadPool) });
}

module.exports = { runScenario, runProbe, mintAccessToken, argon2Loop };
