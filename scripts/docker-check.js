#!/usr/bin/env node
/**
 * `node scripts/docker-check.js [--keep]`: the Dockerfile, without Docker (CI has no engine).
 *
 * Parses the Dockerfile and replays its stages in a clean temporary folder: every
 * stage gets a folder standing for its file system root, COPY takes files from the
 * build context (the files git tracks, as a clean clone has them) or from an earlier
 * stage, RUN runs its npm commands there, ENV/WORKDIR/USER apply. Then it starts the
 * final stage's CMD with NODE_ENV=production against a fresh PostgreSQL database and
 * runs the HEALTHCHECK command until it passes (/health/ready answers 200), and
 * finally sends SIGTERM and expects exit 0.
 *
 * It replays only what it understands and fails on anything else: an unknown
 * instruction, or a RUN step other than the npm / apt-get / mkdir / chown forms
 * below. apt-get cannot run here (no root package installs in CI): the packages it
 * installs must already be on this machine, which is checked. Change the Dockerfile
 * and this script together.
 *
 * Environment: TEST_DATABASE_URL (a database the nest_djoser role can connect to and
 * CREATE DATABASE from; default the test one), DOCKER_CHECK_PORT (default 18851).
 */
const { spawn, spawnSync, execFileSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { setTimeout } = require('node:timers');
const { URL } = require('node:url');
/* global fetch */

const root = path.join(__dirname, '..');
const keep = process.argv.includes('--keep');
const started = Date.now();
const say = (msg) => process.stdout.write(`[docker-check +${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}\n`);
const fail = (msg) => {
  throw new Error(msg);
};

/** Binaries that prove an apt package is present. */
const APT_PACKAGE_BINARIES = { python3: 'python3', make: 'make', 'g++': 'g++' };
const BASE_IMAGE = /^node:(\d+)-bookworm-slim$/;

// ---------------------------------------------------------------- parsing

function parseDockerfile(text) {
  const logical = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (!current && (line.trim() === '' || line.trim().startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      current += line.slice(0, -1) + ' ';
      continue;
    }
    logical.push((current + line).trim());
    current = '';
  }
  if (current) fail('Dockerfile ends inside a line continuation');
  const stages = [];
  for (const line of logical) {
    const [, instruction, args] = /^(\S+)\s*(.*)$/.exec(line);
    const op = instruction.toUpperCase();
    if (op === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!m) fail(`cannot read FROM ${args}`);
      stages.push({ image: m[1], name: m[2] ?? String(stages.length), steps: [] });
      continue;
    }
    if (!stages.length) fail(`${op} before FROM`);
    stages[stages.length - 1].steps.push({ op, args });
  }
  return stages;
}

/** A JSON exec array, or a shell-form string run through /bin/sh -c (as Docker does). */
function execForm(args) {
  if (args.startsWith('[')) return JSON.parse(args);
  return ['/bin/sh', '-c', args];
}

/** ENV k=v k2="v 2" (and the legacy `ENV k v`). */
function parseEnv(args) {
  const out = {};
  if (!args.includes('=')) {
    const [k, ...rest] = args.split(/\s+/);
    out[k] = rest.join(' ');
    return out;
  }
  const re = /([A-Za-z_][A-Za-z0-9_]*)=("([^"]*)"|'([^']*)'|(\S*))/g;
  let m;
  let consumed = '';
  while ((m = re.exec(args))) {
    out[m[1]] = m[3] ?? m[4] ?? m[5];
    consumed += m[0];
  }
  if (consumed.replace(/\s/g, '').length !== args.replace(/\s/g, '').length) fail(`cannot read ENV ${args}`);
  return out;
}

// ---------------------------------------------------------------- replay

class Stage {
  constructor(dir, name) {
    this.root = dir; // stands for "/" of the stage
    this.name = name;
    this.workdir = '/';
    this.env = {};
    this.user = 'root';
    this.cmd = undefined;
    this.healthcheck = undefined;
  }
  /** The folder standing for an absolute or workdir-relative path of the stage. */
  map(p) {
    return path.join(this.root, path.posix.resolve(this.workdir, p));
  }
}

function buildContext(dir) {
  // the files of a clean clone: what git tracks, as they are in the working tree
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) {
    const from = path.join(root, f);
    if (!fs.existsSync(from)) continue; // deleted, not committed yet
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.copyFileSync(from, path.join(dir, f));
  }
  return files.length;
}

function copy(step, stage, stages, context) {
  const tokens = step.args.split(/\s+/);
  let from;
  let chown;
  while (tokens[0].startsWith('--')) {
    const [flag, value] = tokens.shift().split('=');
    if (flag === '--from') from = value;
    else if (flag === '--chown') chown = value;
    else fail(`COPY ${flag} is not replayed`);
  }
  const dest = tokens.pop();
  if (!tokens.length) fail(`COPY without a source: ${step.args}`);
  const source = from === undefined ? null : stages.find((s) => s.name === from);
  if (from !== undefined && !source) fail(`COPY --from=${from}: no such stage`);
  const target = stage.map(dest);
  for (const src of tokens) {
    const origin = source ? source.map(src) : path.join(context, src);
    if (!fs.existsSync(origin)) fail(`COPY ${src}: not in the ${source ? `stage ${from}` : 'build context'}`);
    const into = dest.endsWith('/') || tokens.length > 1 ? path.join(target, path.basename(src)) : target;
    fs.mkdirSync(path.dirname(into), { recursive: true });
    // large trees from a stage are hard-linked (same bytes, no copying time)
    if (source && fs.statSync(origin).isDirectory()) execFileSync('cp', ['-al', origin, into]);
    else fs.cpSync(origin, into, { recursive: true });
    if (chown) chownTree(into, chown);
  }
}

/** The local account standing in for the image's user: itself if it exists, else `nobody` (never root). */
function localAccount(user) {
  if (user === 'root' || user === '0') return null;
  for (const name of [user.split(':')[0], 'nobody']) {
    const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    if (r.status === 0) {
      const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' }).stdout.trim();
      return { name, uid: Number(r.stdout.trim()), gid: Number(gid) };
    }
  }
  fail(`no local account for USER ${user}`);
}

function chownTree(target, owner) {
  if (process.getuid() !== 0) return; // only root can give files away; the check then runs as this user
  const account = localAccount(owner);
  if (account) execFileSync('chown', ['-R', `${account.uid}:${account.gid}`, target]);
}

function stageEnv(stage) {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME ?? os.homedir(), ...stage.env };
  // the node headers sit at <prefix>/include/node; the image's prefix is /usr/local, this machine's may differ
  if (env.npm_config_nodedir && !fs.existsSync(path.join(env.npm_config_nodedir, 'include', 'node'))) {
    const local = path.resolve(path.dirname(process.execPath), '..');
    say(`npm_config_nodedir=${env.npm_config_nodedir} has no include/node here: using ${local}`);
    env.npm_config_nodedir = local;
  }
  env.npm_config_prefer_offline = 'true'; // reuse the npm cache: same packages, fewer registry round trips
  env.npm_config_update_notifier = 'false';
  return env;
}

function run(step, stage) {
  for (const part of step.args.split('&&').map((s) => s.trim())) {
    let m;
    if (part === 'apt-get update' || part === 'rm -rf /var/lib/apt/lists/*') continue;
    if ((m = /^apt-get install -y(?: --no-install-recommends)? (.+)$/.exec(part))) {
      for (const pkg of m[1].split(/\s+/)) {
        const bin = APT_PACKAGE_BINARIES[pkg];
        if (!bin) fail(`RUN apt-get install ${pkg}: unknown package (add it to APT_PACKAGE_BINARIES)`);
        if (spawnSync('sh', ['-c', `command -v ${bin}`]).status !== 0) fail(`apt package ${pkg}: ${bin} is not on this machine`);
      }
      say(`apt-get install ${m[1]}: present on this machine`);
      continue;
    }
    if ((m = /^npm (ci|prune|run [\w:-]+)((?: --[\w-]+(?:=\S+)?)*)$/.exec(part))) {
      const cwd = stage.map('.');
      say(`RUN ${part}`);
      const t = Date.now();
      const r = spawnSync('npm', part.split(/\s+/).slice(1), { cwd, env: stageEnv(stage), stdio: ['ignore', 'inherit', 'inherit'] });
      if (r.status !== 0) fail(`RUN ${part} failed (exit ${r.status})`);
      say(`  done in ${((Date.now() - t) / 1000).toFixed(1)}s`);
      continue;
    }
    if ((m = /^mkdir -p (\/\S+)$/.exec(part))) {
      fs.mkdirSync(stage.map(m[1]), { recursive: true });
      continue;
    }
    if ((m = /^chown (\S+) (\/\S+)$/.exec(part))) {
      chownTree(stage.map(m[2]), m[1]);
      continue;
    }
    fail(`RUN step not replayed: "${part}" (teach scripts/docker-check.js, or change the Dockerfile)`);
  }
}

function replay(stages, work, context) {
  const done = [];
  const nodeMajor = process.versions.node.split('.')[0];
  for (const spec of stages) {
    const m = BASE_IMAGE.exec(spec.image);
    if (!m) fail(`FROM ${spec.image}: only node:<major>-bookworm-slim is replayed`);
    if (m[1] !== nodeMajor) say(`warning: the image has node ${m[1]}, this machine ${process.versions.node}`);
    const stage = new Stage(path.join(work, `stage-${spec.name}`), spec.name);
    fs.mkdirSync(stage.root, { recursive: true });
    say(`stage ${spec.name} (FROM ${spec.image})`);
    for (const step of spec.steps) {
      switch (step.op) {
        case 'WORKDIR':
          stage.workdir = path.posix.resolve(stage.workdir, step.args);
          fs.mkdirSync(stage.map('.'), { recursive: true });
          break;
        case 'ENV':
          Object.assign(stage.env, parseEnv(step.args));
          break;
        case 'COPY':
          copy(step, stage, done, context);
          break;
        case 'RUN':
          run(step, stage);
          break;
        case 'USER':
          stage.user = step.args;
          break;
        case 'EXPOSE':
          break;
        case 'HEALTHCHECK': {
          const hm = /^((?:--[\w-]+=\S+\s+)*)CMD\s+(.+)$/.exec(step.args);
          if (!hm) fail(`cannot read HEALTHCHECK ${step.args}`);
          stage.healthcheck = execForm(hm[2]);
          break;
        }
        case 'CMD':
          stage.cmd = execForm(step.args);
          break;
        default:
          fail(`${step.op} is not replayed (teach scripts/docker-check.js, or change the Dockerfile)`);
      }
    }
    done.push(stage);
  }
  return done[done.length - 1];
}

// ---------------------------------------------------------------- run the image

async function withDatabase(fn) {
  const { Client } = require(path.join(root, 'node_modules', 'pg'));
  const admin = process.env.TEST_DATABASE_URL || 'postgres://nest_djoser:nest_djoser@127.0.0.1:5432/nest_djoser_test';
  const name = `nest_djoser_docker_check_${process.pid}`;
  const sql = async (q) => {
    const c = new Client({ connectionString: admin });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await sql(`CREATE DATABASE "${name}"`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await sql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

/** The image's argv with its `node` meaning this machine's node. */
function localArgv(argv) {
  return argv[0] === 'node' ? [process.execPath, ...argv.slice(1)] : argv;
}

async function runImage(stage, databaseUrl) {
  if (!stage.cmd) fail('the final stage has no CMD');
  if (!stage.healthcheck) fail('the final stage has no HEALTHCHECK');
  if (stage.user === 'root' || stage.user === '0') fail('the final stage runs as root');
  const port = process.env.DOCKER_CHECK_PORT || '18851';
  const env = { PATH: process.env.PATH, ...stage.env };
  // paths inside the image point into the replayed stage
  for (const [k, v] of Object.entries(env)) if (k !== 'PATH' && v.startsWith('/app')) env[k] = stage.map(v);
  Object.assign(env, { NODE_ENV: 'production', DATABASE_URL: databaseUrl, SECRET_KEY: randomBytes(32).toString('hex'), PORT: port, HOST: '127.0.0.1' });
  const account = process.getuid() === 0 ? localAccount(stage.user) : null;
  say(`CMD ${stage.cmd.join(' ')} as ${account ? `${account.name} (for USER ${stage.user})` : os.userInfo().username}, port ${port}`);
  const [cmd, ...args] = localArgv(stage.cmd);
  const child = spawn(cmd, args, { cwd: stage.map('.'), env, stdio: ['ignore', 'pipe', 'pipe'], ...(account ? { uid: account.uid, gid: account.gid } : {}) });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  try {
    const t = Date.now();
    let healthy = false;
    while (!healthy && Date.now() - t < 60_000 && child.exitCode === null) {
      const [hc, ...hargs] = localArgv(stage.healthcheck);
      healthy = spawnSync(hc, hargs, { env, timeout: 5000 }).status === 0;
      if (!healthy) await new Promise((r) => setTimeout(r, 250));
    }
    if (!healthy) fail(`HEALTHCHECK never passed; server output:\n${output}`);
    say(`HEALTHCHECK passed ${Date.now() - t} ms after start`);
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
    const body = await ready.json();
    if (ready.status !== 200 || body.status !== 'ok') fail(`/health/ready: ${ready.status} ${JSON.stringify(body)}`);
    say(`/health/ready: ${ready.status} ${JSON.stringify(body.details)}`);
    child.kill('SIGTERM');
    const exit = await Promise.race([exited, new Promise((r) => setTimeout(() => r({ timeout: true }), 15_000))]);
    if (exit.timeout || exit.code !== 0) fail(`after SIGTERM: ${JSON.stringify(exit)}; output:\n${output}`);
    say('SIGTERM: exited 0');
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

async function main() {
  const stages = parseDockerfile(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8'));
  if (stages.length < 2) fail('expected a multi-stage Dockerfile (build, then final)');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-djoser-docker-check-'));
  fs.chmodSync(work, 0o755); // the unprivileged account must reach the final stage
  say(`replaying ${stages.length} stages in ${work}`);
  try {
    const context = path.join(work, 'context');
    say(`build context: ${buildContext(context)} tracked files`);
    const final = replay(stages, work, context);
    const leftovers = ['src', 'test', 'tsconfig.json'].filter((f) => fs.existsSync(final.map(f)));
    if (leftovers.length) fail(`the final stage holds sources: ${leftovers.join(', ')}`);
    for (const dev of ['jest', '@nestjs/cli', 'eslint']) if (fs.existsSync(final.map(`node_modules/${dev}`))) fail(`the final stage holds dev dependencies (${dev})`);
    await withDatabase((url) => runImage(final, url));
    say('OK');
  } finally {
    if (keep) say(`kept ${work}`);
    else execFileSync('rm', ['-rf', work]); // faster than fs.rmSync on a node_modules tree
  }
}

main().catch((e) => {
  process.stderr.write(`docker-check failed: ${e.message}\n`);
  process.exit(1);
});
