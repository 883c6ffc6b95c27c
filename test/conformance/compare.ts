import { isDeepStrictEqual } from 'util';
import type { DeviationAnswer } from './deviations';
import { RECORDED_HEADERS, RecordedAnswer, RecordedExchange } from './types';

export type Outcome = 'identical' | 'deviation' | 'mismatch';

export interface Comparison {
  outcome: Outcome;
  /** Readable explanation when the outcome is a mismatch. */
  diff?: string;
  /** A deviation was documented but our answer equals the fixture. */
  deviationUnused?: boolean;
}

/** The answer a documented deviation says we give: the fixture with the listed parts replaced. */
export function applyDeviation(expected: RecordedAnswer, dev: DeviationAnswer): RecordedAnswer {
  const out: RecordedAnswer = { ...expected, headers: { ...expected.headers } };
  if (dev.status !== undefined) out.status = dev.status;
  if (dev.body !== undefined) {
    out.body = dev.body;
    delete out.bodyBase64;
  }
  if (dev.bodyBase64 !== undefined) {
    out.body = '';
    out.bodyBase64 = dev.bodyBase64;
  }
  for (const [name, value] of Object.entries(dev.headers ?? {})) {
    const canonical = RECORDED_HEADERS.find((h) => h.toLowerCase() === name.toLowerCase());
    if (!canonical) continue;
    if (value === null) delete out.headers[canonical];
    else out.headers[canonical] = value;
  }
  if (dev.mails !== undefined) out.mails = dev.mails;
  if (dev.jwts !== undefined) out.jwts = dev.jwts;
  return out;
}

export function compareExchange(
  expected: RecordedExchange,
  actual: RecordedExchange & { missingVars?: string[] },
  deviation: DeviationAnswer | undefined,
): Comparison {
  const requestDiff = diffRequest(expected, actual);
  if (requestDiff) return { outcome: 'mismatch', diff: requestDiff };
  const plain = diffAnswers(expected, actual);
  if (plain.length === 0) return deviation ? { outcome: 'identical', deviationUnused: true } : { outcome: 'identical' };
  if (!deviation) return { outcome: 'mismatch', diff: plain.join('\n') };
  const documented = diffAnswers(applyDeviation(expected, deviation), actual);
  if (documented.length === 0) return { outcome: 'deviation' };
  return {
    outcome: 'mismatch',
    diff: ['our answer differs from the documented deviation:', ...documented].join('\n'),
  };
}

function diffRequest(expected: RecordedExchange, actual: RecordedExchange & { missingVars?: string[] }): string | undefined {
  const lines: string[] = [];
  if (actual.missingVars && actual.missingVars.length > 0) {
    lines.push(`request needs values an earlier answer did not provide: ${actual.missingVars.join(', ')}`);
  }
  if (!isDeepStrictEqual(expected.request, actual.request)) {
    lines.push('request differs from the fixture (earlier answer differed, or the scenario changed: re-record):');
    lines.push(`  fixture: ${JSON.stringify(expected.request)}`);
    lines.push(`  sent:    ${JSON.stringify(actual.request)}`);
  }
  return lines.length > 0 ? lines.join('\n') : undefined;
}

/** One line (or block) per differing part; empty when the answers are equal. */
export function diffAnswers(expected: RecordedAnswer, actual: RecordedAnswer): string[] {
  const out: string[] = [];
  if (expected.status !== actual.status) out.push(`status: expected ${expected.status}, got ${actual.status}`);
  for (const h of RECORDED_HEADERS) {
    const e = expected.headers[h];
    const a = actual.headers[h];
    if (e !== a) out.push(`header ${h}: expected ${show(e)}, got ${show(a)}`);
  }
  if ((expected.bodyBase64 ?? '') !== (actual.bodyBase64 ?? '')) {
    out.push(`body (base64): expected ${show(expected.bodyBase64)}, got ${show(actual.bodyBase64)}`);
  } else if (expected.body !== actual.body) {
    out.push(textDiff('body', expected.body, actual.body));
  }
  const em = expected.mails;
  const am = actual.mails;
  if (em.length !== am.length) out.push(`mails: expected ${em.length}, got ${am.length}`);
  for (let i = 0; i < Math.min(em.length, am.length); i++) {
    if (!isDeepStrictEqual(em[i].to, am[i].to)) out.push(`mail[${i}].to: expected ${show(em[i].to)}, got ${show(am[i].to)}`);
    if (em[i].subject !== am[i].subject) out.push(textDiff(`mail[${i}].subject`, em[i].subject, am[i].subject));
    if (em[i].text !== am[i].text) out.push(textDiff(`mail[${i}].text`, em[i].text, am[i].text));
  }
  for (let i = Math.min(em.length, am.length); i < Math.max(em.length, am.length); i++) {
    const m = em[i] ?? am[i];
    out.push(`mail[${i}] ${em[i] ? 'missing' : 'unexpected'}: to ${show(m.to)}, subject ${show(m.subject)}`);
  }
  const ej = expected.jwts ?? {};
  const aj = actual.jwts ?? {};
  for (const name of new Set([...Object.keys(ej), ...Object.keys(aj)])) {
    const e = ej[name];
    const a = aj[name];
    if (!e || !a) {
      out.push(`jwt ${name}: ${e ? 'missing' : 'unexpected'}`);
      continue;
    }
    if (e.header !== a.header) out.push(textDiff(`jwt ${name} header`, e.header, a.header));
    if (e.payload !== a.payload) out.push(textDiff(`jwt ${name} payload`, e.payload, a.payload));
    if (e.signature !== a.signature) out.push(`jwt ${name} signature: expected ${e.signature}, got ${a.signature}`);
  }
  return out;
}

function show(v: unknown): string {
  return v === undefined ? '(absent)' : JSON.stringify(v);
}

const CONTEXT = 40;
const MAX_SHOWN = 600;

/** Both texts plus a pointer to the first differing character. */
export function textDiff(label: string, expected: string, actual: string): string {
  let i = 0;
  while (i < expected.length && i < actual.length && expected[i] === actual[i]) i++;
  const from = Math.max(0, i - CONTEXT);
  const around = (s: string) => JSON.stringify(s.slice(from, i + CONTEXT));
  return [
    `${label} differs at char ${i}:`,
    `  expected: ${clip(JSON.stringify(expected))}`,
    `  actual:   ${clip(JSON.stringify(actual))}`,
    `  near:     expected ${around(expected)} / actual ${around(actual)}`,
  ].join('\n');
}

function clip(s: string): string {
  return s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN)}… (${s.length} chars)` : s;
}
