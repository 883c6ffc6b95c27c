import { join } from 'node:path';
import { STACKS } from '../configs';
import { Deviation, loadDeviations } from '../deviations';
import { formatMismatches, formatReport, replayConfig, ReplayReport } from '../replay';
import { startOurTarget } from './our-target';

/**
 * The replay suite of a set of recorded configs, in both profiles: one test per
 * (stack, config), each difference passing only if COMPAT.md documents it with our exact
 * answer, then a check that no deviation shared by both profiles has become unneeded.
 */
export function describeReplaySuite(title: string, configNames: readonly string[]): void {
  describe(title, () => {
    const reports: ReplayReport[] = [];
    let deviations: Deviation[] = [];

    beforeAll(async () => {
      deviations = await loadDeviations(join(__dirname, '..', '..', '..', 'COMPAT.md'));
    });

    afterAll(() => {
      if (reports.length) process.stdout.write(`\n${formatReport(reports)}\n`);
    });

    const cases = STACKS.flatMap((stack) => configNames.map((config) => [stack, config] as const));
    it.each(cases)(
      'profile %s, config %s: every exchange identical or documented in COMPAT.md',
      async (stack, config) => {
        const report = await replayConfig(stack, config, startOurTarget, deviations);
        reports.push(report);
        // The full diff of each difference is the failure message.
        expect(formatMismatches([report])).toBe('');
        // A documented deviation the code no longer needs is drift too.
        expect(report.unusedDeviations).toEqual([]);
      },
      600_000,
    );

    it('every deviation shared by both profiles is needed by one of them', () => {
      const used = new Set(reports.flatMap((r) => r.usedDeviations));
      const replayed = new Set(reports.map((r) => r.config));
      expect(reports).toHaveLength(cases.length);
      expect(deviations.filter((d) => !d.stack && replayed.has(d.config) && !used.has(d.key)).map((d) => d.key)).toEqual([]);
    });
  });
}
