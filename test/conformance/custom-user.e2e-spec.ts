import { join } from 'node:path';
import { STACKS } from './configs';
import { loadDeviations } from './deviations';
import { formatMismatches, formatReport, replayConfig, ReplayReport } from './replay';
import { startOurTarget } from './support/our-target';

/**
 * A custom user model (issue 19): the exchanges recorded from djoser-ref with
 * REF_USER_MODEL=custom on both stacks (fixtures/<stack>/custom/), replayed against our
 * server in the same COMPAT_STACK serving that model from AUTH_USER_MODEL_FILE
 * (fixtures/custom-user-model.json, printed by scripts/django_user_model.py from the
 * reference's model) on a fresh database our migrations created.
 */
describe('conformance with the Djoser reference: custom user model', () => {
  const reports: ReplayReport[] = [];

  afterAll(() => {
    if (reports.length) process.stdout.write(`\n${formatReport(reports)}\n`);
  });

  it.each(STACKS)(
    'profile %s, config custom: every exchange identical or documented in COMPAT.md',
    async (stack) => {
      const deviations = await loadDeviations(join(__dirname, '..', '..', 'COMPAT.md'));
      const report = await replayConfig(stack, 'custom', startOurTarget, deviations);
      reports.push(report);
      expect(formatMismatches([report])).toBe('');
      expect(report.unusedDeviations).toEqual([]);
    },
    600_000,
  );
});
