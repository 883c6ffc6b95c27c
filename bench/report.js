'use strict';
// The table and the goals, printed and written to BENCHMARKS.md.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execSync } = require('node:child_process');

const MB = 2 ** 20;
const find = (results, target, scale, prefix) => results.find((r) => r.target === target && r.scale === scale && r.name.startsWith(prefix));
const pct = (x) => `${(x * 100).toFixed(1)}%`;

function goals(results, f) {
  const at = (scale, prefix) => find(results, 'nest-djoser', scale, prefix);
  const bare = at(1000, 'baseline: bare node:http, fixed JSON body (GET)') ?? { rps: NaN };
  const barePost = at(1000, "baseline: bare node:http, fixed JSON body (jwt/verify's POST)") ?? { rps: NaN };
  const argon2 = at(1000, 'baseline: bare argon2id') ?? { rps: NaN };
  const floorGet = at(1000, 'baseline: NestJS + Fastify, one guard, fixed JSON body (GET)');
  const floorPost = at(1000, 'baseline: NestJS + Fastify, one guard, JSON body parsed');
  const me = at(1000, 'GET /auth/users/me/ (JWT)');
  const verify = at(1000, 'POST /auth/jwt/verify/');
  const create = at(1000, 'POST /auth/jwt/create/');
  const rest = at(1000, 'GET /auth/users/me/ at');
  const loaded = results.find((r) => r.scale === 1000 && r.name.includes('jwt/create saturated'));
  const meBig = at(1_000_000, 'GET /auth/users/me/ (JWT)');
  const createBig = at(1_000_000, 'POST /auth/jwt/create/');
  const ours = results.filter((r) => r.target === 'nest-djoser' && !r.baseline);
  const rss = Math.max(...ours.map((r) => r.rss));
  const out = [];
  const add = (goal, ok, figure) => out.push({ goal, ok, figure });
  const meToken = at(1000, 'GET /auth/users/me/ (DRF token)');
  const refresh = at(1000, 'POST /auth/jwt/refresh/');
  // issue 21's goals: every route through the one pipeline
  if (me) add('`/users/me/` (JWT) ≥ 30% of bare node:http', me.rps / bare.rps >= 0.3, `${pct(me.rps / bare.rps)} (${me.rps.toFixed(0)} / ${bare.rps.toFixed(0)} req/s)`);
  if (verify)
    add(
      '`jwt/verify` ≥ 45% of bare node:http',
      verify.rps / bare.rps >= 0.45,
      `${pct(verify.rps / bare.rps)} (${verify.rps.toFixed(0)} / ${bare.rps.toFixed(0)} req/s); ${pct(verify.rps / barePost.rps)} of the bare server driven with the same POST (${barePost.rps.toFixed(0)} req/s)`,
    );
  // what the stack itself reaches (bench/nest-floor.js): no goal, the ceiling the goals sit under
  if (floorGet && floorPost && me && verify)
    add(
      'floor of the stack (NestJS + Fastify, no DRF work), for reference',
      null,
      `GET ${pct(floorGet.rps / bare.rps)}, POST with a JSON body ${pct(floorPost.rps / bare.rps)} of bare node:http (${floorGet.rps.toFixed(0)} and ${floorPost.rps.toFixed(0)} req/s); /users/me/ (JWT) reaches ${pct(me.rps / floorGet.rps)} of the GET floor, jwt/verify ${pct(verify.rps / floorPost.rps)} of the POST floor`,
    );
  if (meToken) add('`/users/me/` (DRF token) ≥ 30% of bare node:http', meToken.rps / bare.rps >= 0.3, `${pct(meToken.rps / bare.rps)} (${meToken.rps.toFixed(0)} / ${bare.rps.toFixed(0)} req/s)`);
  if (refresh) add('`jwt/refresh` ≥ 25% of bare node:http', refresh.rps / bare.rps >= 0.25, `${pct(refresh.rps / bare.rps)} (${refresh.rps.toFixed(0)} / ${bare.rps.toFixed(0)} req/s)`);
  if (create) add('`jwt/create` ≥ 90% of the bare argon2id verify rate', create.rps / argon2.rps >= 0.9, `${pct(create.rps / argon2.rps)} (${create.rps.toFixed(1)} / ${argon2.rps.toFixed(1)} per s)`);
  if (rest && loaded) add('`/users/me/` p99 while `jwt/create` is saturated ≤ 3× at rest', loaded.p99 / rest.p99 <= 3, `${(loaded.p99 / rest.p99).toFixed(2)}× (${loaded.p99} ms vs ${rest.p99} ms)`);
  // each scale against its own adjacent baseline: the machine's speed drifts between the two scales
  const bareBig = at(1_000_000, 'baseline: bare node:http, fixed JSON body (GET)');
  const argon2Big = at(1_000_000, 'baseline: bare argon2id');
  const scaled = (big, small, baseBig, baseSmall) => big.rps / baseBig.rps / (small.rps / baseSmall.rps);
  if (me && meBig && bareBig) {
    const r = scaled(meBig, me, bareBig, bare);
    add('1,000,000 users: `/users/me/` within 10% of 1,000', r >= 0.9, `${pct(r)} of the 1,000-user figure, each against its own baseline (raw ${pct(meBig.rps / me.rps)})`);
  }
  if (create && createBig && argon2Big) {
    const r = scaled(createBig, create, argon2Big, argon2);
    add('1,000,000 users: `jwt/create` within 10% of 1,000', r >= 0.9, `${pct(r)} of the 1,000-user figure, each against its own baseline (raw ${pct(createBig.rps / create.rps)})`);
  }
  add('resident memory under load ≤ 200 MB', rss <= 200 * MB, `${(rss / MB).toFixed(0)} MB (peak over all scenarios)`);
  add('start-up to first answer ≤ 1.5 s', f.startupMs <= 1500, `${f.startupMs.toFixed(0)} ms`);
  return out;
}

function machine() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  let pg = '';
  try {
    pg = execSync('psql --version', { encoding: 'utf8' }).trim();
  } catch {
    pg = 'PostgreSQL (version unknown)';
  }
  return `${os.availableParallelism()} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}, ${pg}`;
}

function writeReport(root, { results, figures, load, command, quick, elapsedS }) {
  const rows = results.map(
    (r) =>
      `| ${r.baseline ? "baseline" : r.target} | ${r.scale === 1 ? '1 (admin)' : r.scale.toLocaleString('en')} | ${r.name}${r.runs > 1 ? ` (median of ${r.runs} runs)` : ''} | ${r.rps.toFixed(r.rps < 100 ? 1 : 0)} | ${r.p50 ?? ''} | ${r.p99 ?? ''} | ${r.rss === null ? '' : (r.rss / MB).toFixed(0)} |${r.bad ? ` ${r.bad} unexpected` : ''}`,
  );
  const g = goals(results, figures);
  const text = `# Benchmarks

Produced by \`${command}\` (bench/run.js) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC in ${elapsedS.toFixed(0)} s${quick ? ' (**--quick**: short durations, one scale; a smoke run, not the figures of record)' : ''}.

Machine: ${machine()}. Load average (1 min) ${figures.load.map((l) => l.toFixed(1)).join(' at the start, ')} at the end (the benchmark itself included)${figures.load[0] > 1 ? ': other work shared the machine during the run, so absolute figures are low and noisy; the ratios are what to read' : ''}. libuv thread-pool size: ${figures.threadPool} (server and argon2 baseline).

Load: autocannon over loopback in the harness process, ${load.connections} connections, ${load.warmup} s warm-up then ${load.duration} s measured per scenario;
the \`/users/me/\` probe runs ${load.probeConnections} connections at ${load.probeRate} req/s, alone and beside a saturating \`jwt/create\`,
from a load generator in a process of its own (sharing the harness's event loop with the login load generator would add
that generator's stalls to the probe's latencies).
Server: \`node dist/main.js\` with NODE_OPTIONS=\`${figures.nodeOptions}\`, NODE_ENV=production, PostgreSQL, production argon2id parameters, LOG_LEVEL=warn.
The baselines (a bare \`node:http\` server answering a fixed JSON body, driven with a plain GET and again with
\`jwt/verify\`'s own POST, and a bare argon2id verify loop with our parameters, m=19456, t=2, p=1, on the same
thread-pool size with 32 verifications in flight) are measured right before the scenarios they are compared with,
because the speed of a shared machine drifts during a run. The load generator shares the two cores with the server,
and sending a POST with a body costs it more than a GET: the bare server driven with \`jwt/verify\`'s request answers
fewer requests per second than with a GET, although it does the same work. The goals use the GET baseline; for
\`jwt/verify\` its ratio to the bare server driven with the same request is shown beside it. A third baseline is the floor of the
stack itself (\`bench/nest-floor.js\`: NestJS on Fastify set up as our server is, one async guard, a fixed JSON answer, for
the GET and for \`jwt/verify\`'s POST with its body parsed), measured in the same rounds at 1,000 users: what no route
served through NestJS can exceed. \`--quick\` runs are too short for
the login figures (3 s against latencies of seconds): read them as a smoke test only.
\`/users/me/\` (JWT) uses 1,000 tokens of users spread over the whole table; \`jwt/create\` logs in a random seeded user.

## Start-up

| measure | figure |
| --- | --- |
| start-up of the production build to its first answer | ${figures.startupMs.toFixed(0)} ms |

## Results

| target | users | scenario | req/s | p50 ms | p99 ms | RSS MB |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

## Goals

| goal | met | figure |
| --- | --- | --- |
${g.map((x) => `| ${x.goal} | ${x.ok === null ? '' : x.ok ? 'met' : '**not met**'} | ${x.figure} |`).join('\n')}
`;
  const file = path.join(root, quick ? 'BENCHMARKS.quick.md' : 'BENCHMARKS.md');
  // The profile of a request (bench/profile.js), written by hand from its output, follows the figures.
  const notes = path.join(root, 'bench', 'profile-notes.md');
  fs.writeFileSync(file, fs.existsSync(notes) ? `${text}\n${fs.readFileSync(notes, 'utf8')}` : text);
  console.log('\n' + g.map((x) => `${x.ok === null ? '       ' : x.ok ? 'met    ' : 'NOT MET'}  ${x.goal}: ${x.figure}`).join('\n'));
  return file;
}

module.exports = { writeReport };
