/**
 * Recorder: `npm run conformance:record [-- --stack current --config default --scenario register-flow --port 8810]`.
 * For each stack (default: both) and configuration it starts ../shared/djoser-ref
 * with that REF_STACK (fresh database, seeded admin), runs every scenario of that
 * configuration from the fresh state, and writes
 * test/conformance/fixtures/<stack>/<config>/<scenario>.json.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { CONFIG_NAMES, ConformanceConfig, ConformanceStack, getConfig, getStack, STACKS } from './configs';
import { FIXTURES_DIR, toFixture, writeFixture } from './fixtures-io';
import { ReferenceServer } from './reference';
import { runScenario } from './runner';
import { scenariosFor } from './scenarios';

const DEFAULT_PORT = 8810;

interface Options {
  stacks: ConformanceStack[];
  configs: ConformanceConfig[];
  scenarios: string[];
  port: number;
}

function parseArgs(argv: string[]): Options {
  const stacks: string[] = [];
  const configs: string[] = [];
  const scenarios: string[] = [];
  let port = DEFAULT_PORT;
  for (let i = 0; i < argv.length; i++) {
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${argv[i - 1]} needs a value`);
      return v;
    };
    if (argv[i] === '--stack') stacks.push(next());
    else if (argv[i] === '--config') configs.push(next());
    else if (argv[i] === '--scenario') scenarios.push(next());
    else if (argv[i] === '--port') port = Number(next());
    else throw new Error(`unknown argument ${argv[i]} (use --stack current|2.1, --config NAME, --scenario NAME, --port N)`);
  }
  return { stacks: (stacks.length ? stacks : [...STACKS]).map(getStack), configs: (configs.length ? configs : CONFIG_NAMES).map(getConfig), scenarios, port };
}

async function recordConfig(stack: ConformanceStack, config: ConformanceConfig, only: string[], port: number): Promise<number> {
  const scenarios = scenariosFor(config.name).filter((s) => only.length === 0 || only.includes(s.name));
  if (scenarios.length === 0) return 0;
  const server = await ReferenceServer.start(config, port, stack);
  let count = 0;
  try {
    for (const [i, scenario] of scenarios.entries()) {
      if (i > 0) await server.reset();
      const exchanges = await runScenario(scenario, config, server);
      const missing = exchanges.filter((e) => e.missingVars.length > 0);
      for (const e of missing) {
        console.warn(`  ! ${stack}/${config.name}/${scenario.name}#${e.step}: undefined variables ${e.missingVars.join(', ')}`);
      }
      await writeFixture(stack, toFixture(scenario, config, exchanges));
      count += exchanges.length;
      console.log(`  ${stack}/${config.name}/${scenario.name}: ${exchanges.length} exchanges`);
    }
  } finally {
    await server.close();
  }
  if (only.length === 0) await removeStaleFixtures(stack, config.name, new Set(scenarios.map((s) => `${s.name}.json`)));
  return count;
}

/** Fixture files of scenarios that no longer run under this configuration. */
async function removeStaleFixtures(stack: ConformanceStack, config: string, keep: Set<string>): Promise<void> {
  const dir = path.join(FIXTURES_DIR, stack, config);
  for (const name of await fs.readdir(dir)) {
    if (name.endsWith('.json') && !keep.has(name)) {
      await fs.unlink(path.join(dir, name));
      console.log(`  removed stale fixture ${stack}/${config}/${name}`);
    }
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  let total = 0;
  for (const stack of options.stacks) {
    for (const config of options.configs) {
      console.log(`recording ${stack}/${config.name} (${config.description})`);
      const n = await recordConfig(stack, config, options.scenarios, options.port);
      console.log(`${stack}/${config.name}: ${n} exchanges`);
      total += n;
    }
  }
  console.log(`recorded ${total} exchanges`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
