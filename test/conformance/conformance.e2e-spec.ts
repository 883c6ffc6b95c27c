import { join } from 'node:path';
import { STOCK_CONFIG_NAMES } from './configs';
import { loadDeviations } from './deviations';
import { formatMismatches, formatReport, replayConfig, ReplayReport } from './replay';
import { startOurTarget } from './support/our-target';

/**
 * The drop-in claim, measured: every exchange recorded from the real Djoser
 * (`npm run conformance:record`) replayed against our server on PostgreSQL.
 * A difference passes only if COMPAT.md documents it with our exact answer.
 */
describe('conformance with the Djoser reference', () => {
  const reports: ReplayReport[] = [];

  afterAll(() => {
    if (reports.length) process.stdout.write(`\n${formatReport(reports)}\n`);
  });

  it.each(STOCK_CONFIG_NAMES)(
    'config %s: every exchange identical or documented in COMPAT.md',
    async (config) => {
      const deviations = await loadDeviations(join(__dirname, '..', '..', 'COMPAT.md'));
      const report = await replayConfig(config, startOurTarget, deviations);
      reports.push(report);
      // The full diff of each difference is the failure message.
      expect(formatMismatches([report])).toBe('');
      // A documented deviation the code no longer needs is drift too.
      expect(report.unusedDeviations).toEqual([]);
    },
    600_000,
  );
});
