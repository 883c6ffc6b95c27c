/**
 * `npx ts-node --transpile-only test/conformance/diff-stacks.ts [--summary]`: every exchange
 * whose recording differs between fixtures/2.1 and fixtures/current, with the difference.
 * The list the profile table in COMPAT.md is checked against.
 */
import { compareExchange } from './compare';
import { CONFIG_NAMES } from './configs';
import { readFixture } from './fixtures-io';
import { scenariosFor } from './scenarios';

async function main(): Promise<void> {
  const summary = process.argv.includes('--summary');
  let total = 0;
  let differ = 0;
  // The i18n configurations differ by the stacks' catalogs (COMPAT.md, "Languages"), not by profile rows.
  for (const config of CONFIG_NAMES.filter((c) => !c.startsWith('i18n-'))) {
    for (const scenario of scenariosFor(config)) {
      const old = await readFixture('2.1', config, scenario.name);
      const cur = await readFixture('current', config, scenario.name);
      if (!old || !cur) throw new Error(`${config}/${scenario.name}: a stack has no fixture (npm run conformance:record)`);
      const n = Math.max(old.exchanges.length, cur.exchanges.length);
      for (let i = 0; i < n; i++) {
        total++;
        const a = old.exchanges[i];
        const b = cur.exchanges[i];
        const key = `${config}/${scenario.name}#${(a ?? b).step}`;
        const result = a && b ? compareExchange(a, b, undefined) : { outcome: 'mismatch', diff: 'only one stack has this step' };
        if (result.outcome === 'identical') continue;
        differ++;
        console.log(summary ? key : `✗ ${key}\n${(result.diff ?? '').replace(/^/gm, '    ')}\n`);
      }
    }
  }
  console.log(`${differ} of ${total} exchanges differ between the 2.1 and current recordings`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
