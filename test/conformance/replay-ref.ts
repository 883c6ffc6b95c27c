/**
 * Self-check: `npx ts-node --transpile-only test/conformance/replay-ref.ts [--port 8811]`.
 * Replays the committed fixtures against a freshly started Djoser reference;
 * every exchange must come out identical, which proves the fixtures (and the
 * placeholder algorithm) are stable from run to run.
 */
import { CONFIG_NAMES, getConfig } from './configs';
import { ReferenceServer } from './reference';
import { formatMismatches, formatReport, replayConfig, ReplayReport } from './replay';

async function main(): Promise<void> {
  const portArg = process.argv.indexOf('--port');
  const port = portArg >= 0 ? Number(process.argv[portArg + 1]) : 8811;
  const reports: ReplayReport[] = [];
  for (const name of CONFIG_NAMES) {
    const config = getConfig(name);
    // ourEnv is ignored: the reference takes the REF_* form of the same configuration
    reports.push(await replayConfig(name, () => ReferenceServer.start(config, port), []));
  }
  const mismatches = formatMismatches(reports);
  if (mismatches) console.log(`${mismatches}\n`);
  console.log(formatReport(reports));
  if (reports.some((r) => r.mismatches.length > 0)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
