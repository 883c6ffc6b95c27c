import { compareExchange } from './compare';
import { ConformanceStack, getConfig } from './configs';
import type { Deviation } from './deviations';
import { readFixture } from './fixtures-io';
import { runScenario, RunExchange } from './runner';
import { scenariosFor } from './scenarios';
import type { ConformanceTarget } from './target';

/**
 * Replays the recorded scenarios of one configuration against any server and
 * compares every exchange with its fixture (status, exact body, the recorded
 * headers, e-mails, JWT structure), allowing only documented deviations.
 */

export type ReplayTarget = ConformanceTarget & {
  close(): Promise<void>;
  /**
   * Optional: bring the server back to its fresh state (empty database plus
   * the staff user `admin`, id 1; no pending mail). When present, one target
   * serves the whole configuration; otherwise a new target is made for every
   * scenario.
   */
  reset?(): Promise<void>;
};

export type MakeTarget = (ourEnv: Record<string, string>) => Promise<ReplayTarget>;

export interface AreaCount {
  area: string;
  total: number;
  identical: number;
  deviations: number;
  mismatches: number;
}

export interface ReplayMismatch {
  stack: ConformanceStack;
  config: string;
  scenario: string;
  area: string;
  /** 1-based position of the exchange in its scenario. */
  index: number;
  step: string;
  /** `<config>/<scenario>#<step>` — the COMPAT.md heading a deviation would use (prefixed `<stack>/` for one stack only). */
  key: string;
  diff: string;
}

export interface ReplayReport {
  stack: ConformanceStack;
  config: string;
  areas: AreaCount[];
  total: number;
  identical: number;
  deviations: number;
  mismatches: ReplayMismatch[];
  /** Deviations of this stack and configuration that no exchange needed (shared entries: see usedDeviations). */
  unusedDeviations: string[];
  /** Keys of the deviations (shared or this stack's) some exchange needed. */
  usedDeviations: string[];
}

/**
 * `stack`'s fixtures replayed against a server started with `COMPAT_STACK=<stack>` added
 * to the configuration's environment; deviations without a stack prefix apply to both.
 */
export async function replayConfig(
  stack: ConformanceStack,
  configName: string,
  makeTarget: MakeTarget,
  deviations: Deviation[],
): Promise<ReplayReport> {
  const config = getConfig(configName);
  const applicable = deviations.filter((d) => d.config === config.name && (d.stack === undefined || d.stack === stack));
  const byExchange = new Map(applicable.map((d) => [d.exchange, d]));
  const used = new Set<string>();
  const areas = new Map<string, AreaCount>();
  const report: ReplayReport = {
    stack,
    config: config.name,
    areas: [],
    total: 0,
    identical: 0,
    deviations: 0,
    mismatches: [],
    unusedDeviations: [],
    usedDeviations: [],
  };
  const count = (area: string): AreaCount => {
    let c = areas.get(area);
    if (!c) areas.set(area, (c = { area, total: 0, identical: 0, deviations: 0, mismatches: 0 }));
    return c;
  };

  let shared: ReplayTarget | undefined;
  try {
    for (const scenario of scenariosFor(config.name)) {
      const fixture = await readFixture(stack, config.name, scenario.name);
      let target: ReplayTarget;
      if (shared) {
        target = shared;
        await shared.reset?.();
      } else {
        target = await makeTarget({ ...config.ourEnv, COMPAT_STACK: stack });
        if (target.reset) shared = target;
      }
      let actual: RunExchange[];
      try {
        actual = await runScenario(scenario, config, target, { tolerateErrors: true });
      } finally {
        if (!shared) await target.close();
      }
      const expected = fixture?.exchanges ?? [];
      const n = Math.max(expected.length, actual.length);
      for (let i = 0; i < n; i++) {
        const e = expected[i];
        const a = actual[i];
        const step = (e ?? a).step;
        const key = `${config.name}/${scenario.name}#${step}`;
        const c = count(scenario.area);
        c.total++;
        report.total++;
        const fail = (diff: string) => {
          c.mismatches++;
          report.mismatches.push({ stack, config: config.name, scenario: scenario.name, area: scenario.area, index: i + 1, step, key, diff });
        };
        if (!e) {
          fail(fixture ? 'no recorded exchange for this step (re-record the fixtures)' : 'no fixture file (run npm run conformance:record)');
          continue;
        }
        if (!a || a.step !== e.step) {
          fail(`the scenario no longer has step ${e.step} here (re-record the fixtures)`);
          continue;
        }
        const deviation = byExchange.get(key);
        const result = compareExchange(e, a, deviation?.answer);
        if (deviation && !result.deviationUnused) used.add(deviation.key);
        if (result.outcome === 'identical') {
          c.identical++;
          report.identical++;
        } else if (result.outcome === 'deviation') {
          c.deviations++;
          report.deviations++;
        } else {
          fail(result.diff ?? '');
        }
      }
    }
  } finally {
    if (shared) await shared.close();
  }
  report.areas = [...areas.values()];
  report.usedDeviations = [...used];
  report.unusedDeviations = applicable.filter((d) => d.stack === stack && !used.has(d.key)).map((d) => d.key);
  return report;
}

/**
 * One line per configuration and area, warnings for unused deviations, and
 * the total line `conformance: N/M exchanges identical, K documented deviations`.
 */
export function formatReport(reports: ReplayReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    for (const a of r.areas) {
      const extra = [a.deviations ? `${a.deviations} documented deviations` : '', a.mismatches ? `${a.mismatches} MISMATCHES` : '']
        .filter(Boolean)
        .join(', ');
      lines.push(`  ${r.stack}/${r.config}/${a.area}: ${a.identical}/${a.total} identical${extra ? `, ${extra}` : ''}`);
    }
    for (const k of r.unusedDeviations) lines.push(`  unused deviation in COMPAT.md: ${k} (our answer equals Djoser's, or no such exchange)`);
  }
  const total = reports.reduce((n, r) => n + r.total, 0);
  const identical = reports.reduce((n, r) => n + r.identical, 0);
  const deviations = reports.reduce((n, r) => n + r.deviations, 0);
  lines.push(`conformance: ${identical}/${total} exchanges identical, ${deviations} documented deviations`);
  return lines.join('\n');
}

/** Every mismatch with its diff, for a failing test's message. */
export function formatMismatches(reports: ReplayReport[]): string {
  return reports
    .flatMap((r) => r.mismatches)
    .map((m) => `✗ [${m.stack}] ${m.key} (exchange ${m.index})\n${m.diff.replace(/^/gm, '    ')}`)
    .join('\n\n');
}
