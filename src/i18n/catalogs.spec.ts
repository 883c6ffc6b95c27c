import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const SCRIPT = join(__dirname, '../../scripts/i18n/extract-catalogs.mjs');

/**
 * The committed catalogs were generated from today's sources: `--check` selects the upstream
 * msgids whose fixed text our code contains (as a regeneration would) from the stacks' .mo/.po
 * files, without Python, and compares them with each file's `msgids`. The stacks are the ones
 * .ci/run installs before `npm test` (djoser-ref, /opt/djoser-ref-current).
 */
describe('src/i18n/catalogs/*.json', () => {
  it('list every message our sources can send, and no other, for both stacks (else: node scripts/i18n/extract-catalogs.mjs)', () => {
    const run = spawnSync(process.execPath, [SCRIPT, '--check'], { encoding: 'utf8' });
    expect(run.stderr).not.toMatch(/Error:/);
    const clean = { missing: [], stale: [], unlisted: [] };
    expect(JSON.parse(run.stdout)).toEqual({ '2.1': clean, current: clean });
    expect(run.status).toBe(0);
  });
});
