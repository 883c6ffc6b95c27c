import { promises as fs } from 'fs';
import * as path from 'path';
import type { RecordedJwt, RecordedMail } from './types';

/**
 * Documented deviations live in COMPAT.md, so the document cannot drift from
 * the code: the replay reads them from there. Format:
 *
 *     ## Conformance deviations
 *
 *     ### [<stack>/]<config>/<scenario>#<step-name>
 *     One paragraph: why our answer differs from Djoser's.
 *
 *     ```json
 *     {"status": 200, "body": "", "headers": {"Content-Type": null}}
 *     ```
 *
 * The JSON holds our exact answer, only the parts that differ from the
 * fixture: `status`, `body` (text with the fixture's placeholders) or
 * `bodyBase64`, `headers` (name → value; `null` = header absent), `mails`
 * (the complete list), `jwts`. The section ends at the next `#`/`##` heading.
 * Without a stack prefix (`current/`, `2.1/`) an entry applies to the fixtures of
 * both stacks (our answer differs from both); with one, only to that stack's.
 */

export interface DeviationAnswer {
  status?: number;
  body?: string;
  bodyBase64?: string;
  headers?: Record<string, string | null>;
  mails?: RecordedMail[];
  jwts?: Record<string, RecordedJwt>;
}

export interface Deviation {
  /** `[<stack>/]<config>/<scenario>#<step-name>`, the heading */
  key: string;
  /** `<config>/<scenario>#<step-name>`, the exchange it applies to */
  exchange: string;
  /** Only this stack's fixtures; undefined = both. */
  stack?: string;
  config: string;
  scenario: string;
  step: string;
  reason: string;
  answer: DeviationAnswer;
  /** 1-based line of the heading, for error messages. */
  line: number;
}

export const DEVIATIONS_HEADING = 'Conformance deviations';
export const DEFAULT_COMPAT_PATH = path.resolve(__dirname, '../../COMPAT.md');

const KEY = /^(?:(current|2\.1)\/)?([A-Za-z0-9_-]+)\/([A-Za-z0-9_.-]+)#([A-Za-z0-9_.-]+)$/;
const ANSWER_KEYS = new Set(['status', 'body', 'bodyBase64', 'headers', 'mails', 'jwts']);

export class DeviationFormatError extends Error {}

/** Reads the deviations from a COMPAT.md file; a missing file documents none. */
export async function loadDeviations(compatPath: string = DEFAULT_COMPAT_PATH): Promise<Deviation[]> {
  let text: string;
  try {
    text = await fs.readFile(compatPath, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return parseDeviations(text);
}

export function parseDeviations(markdown: string): Deviation[] {
  const lines = markdown.split(/\r?\n/);
  const section = findSection(lines);
  if (!section) return [];
  const entries = splitEntries(lines, section.start, section.end);
  const seen = new Set<string>();
  return entries.map((entry) => {
    const deviation = parseEntry(entry);
    if (seen.has(deviation.key)) fail(entry.line, `deviation ${deviation.key} is listed twice`);
    // one entry per exchange and stack: a shared entry and a stack's own cannot both apply
    const clash = deviation.stack ? seen.has(deviation.exchange) : [...seen].some((k) => k.endsWith(`/${deviation.exchange}`));
    if (clash) fail(entry.line, `deviation ${deviation.key} and another entry apply to the same exchange`);
    seen.add(deviation.key);
    return deviation;
  });
}

interface RawEntry {
  heading: string;
  line: number;
  body: string[];
}

/** Lines of the `## Conformance deviations` section, headings in code fences ignored. */
function findSection(lines: string[]): { start: number; end: number } | undefined {
  let inFence = false;
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    if (isFence(lines[i])) inFence = !inFence;
    if (inFence) continue;
    const h = /^(#{1,2})\s+(.*?)\s*#*\s*$/.exec(lines[i]);
    if (!h) continue;
    if (start >= 0) return { start, end: i };
    if (h[1] === '##' && h[2] === DEVIATIONS_HEADING) start = i + 1;
  }
  return start >= 0 ? { start, end: lines.length } : undefined;
}

function splitEntries(lines: string[], start: number, end: number): RawEntry[] {
  const entries: RawEntry[] = [];
  let inFence = false;
  for (let i = start; i < end; i++) {
    const line = lines[i];
    if (isFence(line)) inFence = !inFence;
    const h = inFence ? null : /^###\s+(.*?)\s*$/.exec(line);
    if (h) entries.push({ heading: h[1], line: i + 1, body: [] });
    else if (entries.length > 0) entries[entries.length - 1].body.push(line);
    // text before the first entry is an introduction
  }
  return entries;
}

function parseEntry(entry: RawEntry): Deviation {
  const key = KEY.exec(entry.heading);
  if (!key) fail(entry.line, `heading "${entry.heading}" is not [<stack>/]<config>/<scenario>#<step-name>`);
  const fenceStart = entry.body.findIndex(isFence);
  if (fenceStart < 0) fail(entry.line, `${entry.heading}: no \`\`\`json block`);
  if (!/^\s*```\s*json\s*$/i.test(entry.body[fenceStart])) fail(entry.line, `${entry.heading}: the code block must be \`\`\`json`);
  const fenceEnd = entry.body.findIndex((l, i) => i > fenceStart && isFence(l));
  if (fenceEnd < 0) fail(entry.line, `${entry.heading}: unterminated code block`);
  const after = entry.body.slice(fenceEnd + 1).filter((l) => l.trim() !== '');
  if (after.some(isFence)) fail(entry.line, `${entry.heading}: more than one code block`);
  const reason = entry.body
    .slice(0, fenceStart)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ');
  if (reason === '') fail(entry.line, `${entry.heading}: the reason paragraph is missing`);
  const jsonText = entry.body.slice(fenceStart + 1, fenceEnd).join('\n');
  let answer: unknown;
  try {
    answer = JSON.parse(jsonText);
  } catch (err) {
    fail(entry.line, `${entry.heading}: invalid JSON (${(err as Error).message})`);
  }
  return {
    key: entry.heading,
    exchange: `${key[2]}/${key[3]}#${key[4]}`,
    stack: key[1],
    config: key[2],
    scenario: key[3],
    step: key[4],
    reason,
    answer: validateAnswer(answer, entry),
    line: entry.line,
  };
}

function validateAnswer(answer: unknown, entry: RawEntry): DeviationAnswer {
  const where = entry.heading;
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) fail(entry.line, `${where}: the JSON must be an object`);
  const a = answer as Record<string, unknown>;
  const keys = Object.keys(a);
  if (keys.length === 0) fail(entry.line, `${where}: the JSON names no difference`);
  for (const k of keys) {
    if (!ANSWER_KEYS.has(k)) fail(entry.line, `${where}: unknown key "${k}" (allowed: ${[...ANSWER_KEYS].join(', ')})`);
  }
  if ('status' in a && !(Number.isInteger(a.status) && (a.status as number) >= 100 && (a.status as number) <= 599)) {
    fail(entry.line, `${where}: "status" must be an HTTP status code`);
  }
  if ('body' in a && typeof a.body !== 'string') fail(entry.line, `${where}: "body" must be a string`);
  if ('bodyBase64' in a && typeof a.bodyBase64 !== 'string') fail(entry.line, `${where}: "bodyBase64" must be a string`);
  if ('body' in a && 'bodyBase64' in a) fail(entry.line, `${where}: give "body" or "bodyBase64", not both`);
  if ('headers' in a) {
    const h = a.headers;
    const ok =
      h !== null &&
      typeof h === 'object' &&
      !Array.isArray(h) &&
      Object.values(h as object).every((v) => v === null || typeof v === 'string');
    if (!ok) fail(entry.line, `${where}: "headers" must map names to strings or null`);
  }
  if ('mails' in a) {
    const ok =
      Array.isArray(a.mails) &&
      a.mails.every(
        (m: unknown) =>
          m !== null &&
          typeof m === 'object' &&
          Array.isArray((m as RecordedMail).to) &&
          typeof (m as RecordedMail).subject === 'string' &&
          typeof (m as RecordedMail).text === 'string',
      );
    if (!ok) fail(entry.line, `${where}: "mails" must be a list of {to, subject, text}`);
  }
  if ('jwts' in a && (a.jwts === null || typeof a.jwts !== 'object' || Array.isArray(a.jwts))) {
    fail(entry.line, `${where}: "jwts" must be an object`);
  }
  return a as DeviationAnswer;
}

function isFence(line: string): boolean {
  return /^\s*```/.test(line);
}

function fail(line: number, message: string): never {
  throw new DeviationFormatError(`COMPAT.md line ${line}: ${message}`);
}
