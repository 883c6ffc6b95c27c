import { promises as fs } from 'fs';
import * as path from 'path';
import type { ConformanceConfig, ConformanceStack } from './configs';
import type { RunExchange } from './runner';
import type { RecordedExchange, Scenario, ScenarioFixture } from './types';

export const FIXTURES_DIR = path.resolve(__dirname, 'fixtures');

/** fixtures/<stack>/<config>/<scenario>.json */
export function fixturePath(stack: ConformanceStack, config: string, scenario: string): string {
  return path.join(FIXTURES_DIR, stack, config, `${scenario}.json`);
}

export function toFixture(scenario: Scenario, config: ConformanceConfig, exchanges: RunExchange[]): ScenarioFixture {
  return {
    scenario: scenario.name,
    area: scenario.area,
    config: config.name,
    description: scenario.description,
    exchanges: exchanges.map(({ missingVars: _unused, ...exchange }): RecordedExchange => exchange),
  };
}

export async function writeFixture(stack: ConformanceStack, fixture: ScenarioFixture): Promise<void> {
  const file = fixturePath(stack, fixture.config, fixture.scenario);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, JSON.stringify(fixture, null, 2) + '\n');
}

export async function readFixture(stack: ConformanceStack, config: string, scenario: string): Promise<ScenarioFixture | undefined> {
  try {
    return JSON.parse(await fs.readFile(fixturePath(stack, config, scenario), 'utf8')) as ScenarioFixture;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
