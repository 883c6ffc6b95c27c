'use strict';
// The processes under test: the production build, a bare node:http baseline and (optionally) djoser-ref.
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(url, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await sleep(10);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Every process started here, so a failed run can stop them all instead of leaving them listening. */
const started = new Set();

function track(child) {
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

function stopAll() {
  return Promise.all([...started].map(stopChild));
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

/** `node dist/main.js`; start-up is the time from spawn to the first answer. */
async function startServer(root, port, env, { cpuProf, profDir: ownDir }) {
  const profDir = ownDir ?? path.join(root, 'bench', 'profiles');
  const nodeArgs = [];
  if (cpuProf || ownDir) {
    fs.mkdirSync(profDir, { recursive: true });
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${profDir}`);
  }
  const t0 = process.hrtime.bigint();
  const child = track(spawn(process.execPath, [...nodeArgs, 'dist/main.js'], {
    cwd: root,
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  }));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/auth/`, 60_000, child);
  const startupMs = Number(process.hrtime.bigint() - t0) / 1e6;
  return {
    url,
    pid: child.pid,
    startupMs,
    profile: cpuProf ? profDir : undefined,
    stop: () => stopChild(child),
  };
}

/** The baseline: node:http answering a fixed JSON body, nothing else. */
async function startBareNode(port) {
  const code = `
    const body = Buffer.from(JSON.stringify({ id: 1, username: 'user1', email: 'user1@example.com' }));
    require('node:http').createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body));
    }).listen(${port}, '127.0.0.1');`;
  const child = track(spawn(process.execPath, ['-e', code], { stdio: 'inherit' }));
  await waitFor(`http://127.0.0.1:${port}/`, 10_000, child);
  return { pid: child.pid, stop: () => stopChild(child) };
}

/** The floor of the stack (bench/nest-floor.js): NestJS on Fastify answering a fixed body behind one guard. */
async function startNestFloor(port) {
  const child = track(spawn(process.execPath, [path.join(__dirname, 'nest-floor.js'), String(port)], { stdio: 'inherit' }));
  await waitFor(`http://127.0.0.1:${port}/floor/`, 20_000, child);
  return { pid: child.pid, stop: () => stopChild(child) };
}

const REF = '/work/shared/djoser-ref';
const REF_DIR = process.env.DJOSER_REF_DIR || (fs.existsSync(REF) ? REF : path.resolve(__dirname, '../../shared/djoser-ref'));
const refEnv = (port) => ({
  ...process.env,
  REF_DB: 'postgres',
  REF_PG_NAME: `djoser_ref_bench_${port}`,
  REF_ACCESS_LOG: '0',
  REF_GUNICORN_ARGS: '--worker-class gthread --threads 8',
  REF_ACCESS_TOKEN_LIFETIME_S: '3600',
});

/** djoser-ref on PostgreSQL (gunicorn, 2 gthread workers); its seeded admin is the user measured. */
async function startDjoser(port) {
  execFileSync('bash', [path.join(REF_DIR, 'start.sh'), String(port)], { env: refEnv(port), stdio: 'inherit' });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/auth/`, 60_000);
  // the gunicorn master and its workers: their RSS is summed
  const pidFile = [path.join(REF_DIR, 'var'), path.join(os.tmpdir(), 'djoser-ref-var')]
    .map((d) => path.join(d, `gunicorn-${port}.pid`))
    .find((f) => fs.existsSync(f));
  const master = pidFile ? Number(fs.readFileSync(pidFile, 'utf8').trim()) : undefined;
  const pids = () => (master ? [master, ...childPids(master)] : []);
  return { url, pids, password: process.env.REF_ADMIN_PASSWORD || 'Adm1n-Ref-Pass!' };
}

function childPids(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function stopDjoser(port) {
  execFileSync('bash', [path.join(REF_DIR, 'stop.sh'), String(port)], { env: refEnv(port), stdio: 'inherit' });
}

module.exports = { startServer, startBareNode, startNestFloor, startDjoser, stopDjoser, stopAll };
