import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'dotenv';

/**
 * The process environment merged over `.env` (when present), as Django projects
 * using django-environ do: a variable set in the real environment always wins.
 */
export function loadEnvironment(envFile = '.env', env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const fromFile = existsSync(envFile) ? parse(readFileSync(envFile)) : {};
  return { ...fromFile, ...env };
}
