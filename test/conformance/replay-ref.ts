/**
 * Self-check: `npx ts-node --transpile-only test/conformance/replay-ref.ts [--stack current] [--port 8811]`.
 * Replays the committed fixtures of each stack (default: both) against a freshly
 * started Djoser reference of that stack; every exchange must come out identical,
 * which proves the fixtures (and the placeholder algorithm) are stable from run to run.
 */
import { CONFIG_NAMES, getConfig, getStack, STACKS } from './configs';
import { ReferenceServer } from './reference';
import { formatMismatches, formatReport, replayConfig, ReplayReport } from './replay';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

async function main(): Promise<void> {
  const port = Number(arg('--port') ?? 8811);
  const stacks = arg('--stack') ? [getStack(arg('--stack')!)] : STACKS;
  const reports: ReplayReport[] = [];
  for (const stack of stacks) {
    for (const name of CONFIG_NAMES) {
      const config = getConfig(name);
      // ourEnv is ignored: the reference takes the REF_* form of the same configuration
      reports.push(await replayConfig(stack, name, () => ReferenceServer.start(config, port, stack), []));
    }
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
