import type { ConformanceConfig } from './configs';
import { sendRequest, WireResponse } from './http-client';
import { getAtPath } from './json-scan';
import { ADMIN_ID, ADMIN_ID_PLACEHOLDER, MailLink, Normaliser, Volatile } from './normalise';
import { buildRequest } from './request-builder';
import type { ConformanceTarget } from './target';
import type { RecordedExchange, Scenario, Step, StepContext } from './types';

/** A recorded exchange plus what the runner noticed while producing it. */
export interface RunExchange extends RecordedExchange {
  /** Variables the request needed but no earlier answer provided. */
  missingVars: string[];
}

export function scenarioSteps(scenario: Scenario, config: ConformanceConfig): Step[] {
  return typeof scenario.steps === 'function' ? scenario.steps(config) : scenario.steps;
}

export interface RunOptions {
  /**
   * Record a failed request (connection refused, timeout) as an exchange with
   * status 0 and the error as body, and go on — for replays. The recorder
   * leaves it off so that a broken reference run never becomes a fixture.
   */
  tolerateErrors?: boolean;
}

/** Runs one scenario against a target (which must be in its fresh state). */
export async function runScenario(
  scenario: Scenario,
  config: ConformanceConfig,
  target: ConformanceTarget,
  options: RunOptions = {},
): Promise<RunExchange[]> {
  const steps = scenarioSteps(scenario, config);
  assertUniqueNames(scenario, steps);
  const normaliser = new Normaliser(config.settings);
  const vars = new Map<string, Volatile>([['admin.id', { value: ADMIN_ID, placeholder: ADMIN_ID_PLACEHOLDER }]]);
  const ctx: StepContext = {
    config,
    value(name) {
      const v = vars.get(name);
      if (!v) throw new Error(`${scenario.name}: variable ${name} is not defined`);
      return v.value;
    },
    has: (name) => vars.has(name),
    define(name, value, placeholder) {
      vars.set(name, { value, placeholder });
    },
  };

  await target.takeMail(); // mail from before this scenario is not ours
  const exchanges: RunExchange[] = [];
  for (const step of steps) {
    if (step.define) defineSafely(step, ctx);
    const { wire, recorded, missing } = buildRequest(step, vars);
    let res: WireResponse;
    try {
      res = await sendRequest(target.baseUrl, wire);
    } catch (err) {
      if (!options.tolerateErrors) throw err;
      res = { status: 0, headers: {}, body: Buffer.from(`request failed: ${(err as Error).message}`) };
    }
    const mails = await target.takeMail();
    const nowS = Math.floor(Date.now() / 1000);
    const { answer, links } = normaliser.answer(step.name, { ...res, mails }, nowS);
    captureVars(step, res.body, normaliser, vars);
    rememberLinks(step, links, vars);
    exchanges.push({ step: step.name, request: recorded, ...answer, missingVars: missing });
  }
  return exchanges;
}

function defineSafely(step: Step, ctx: StepContext): void {
  try {
    step.define?.(ctx);
  } catch {
    // a value the hook needs is missing because an earlier answer differed;
    // the request then shows {{missing:…}} and the exchange is reported
  }
}

function captureVars(step: Step, body: Buffer, normaliser: Normaliser, vars: Map<string, Volatile>): void {
  if (!step.capture) return;
  let data: unknown;
  try {
    data = JSON.parse(body.toString('utf8'));
  } catch {
    return;
  }
  for (const [name, path] of Object.entries(step.capture)) {
    const value = getAtPath(data, path);
    if (typeof value !== 'string' && typeof value !== 'number') {
      vars.delete(name);
      continue;
    }
    const placeholder = normaliser.known(value) ?? String(value);
    vars.set(name, { value, placeholder });
  }
}

function rememberLinks(step: Step, links: MailLink[], vars: Map<string, Volatile>): void {
  for (const link of links) {
    vars.set('last.uid', link.uid);
    vars.set('last.token', link.token);
    vars.set(`last.${link.kind}.uid`, link.uid);
    vars.set(`last.${link.kind}.token`, link.token);
  }
  if (step.links) {
    if (links.length > 0) {
      vars.set(`${step.links}.uid`, links[0].uid);
      vars.set(`${step.links}.token`, links[0].token);
    } else {
      vars.delete(`${step.links}.uid`);
      vars.delete(`${step.links}.token`);
    }
  }
}

function assertUniqueNames(scenario: Scenario, steps: Step[]): void {
  const seen = new Set<string>();
  for (const s of steps) {
    if (seen.has(s.name)) throw new Error(`scenario ${scenario.name}: duplicate step name ${s.name}`);
    seen.add(s.name);
  }
}
