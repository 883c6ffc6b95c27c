/**
 * CPython's `str.encode('idna')` (IDNA 2003: nameprep + punycode, encodings/idna.py), which
 * Django's EmailValidator tries on a non-matching domain. Tables (prohibited characters, bidi
 * classes, Unicode 3.2 assignments) are CPython's; the case-fold/NFKC mapping uses the JS
 * engine's Unicode data, which agrees with CPython for every character assigned in Unicode 3.2
 * (MAPPING_OVERRIDES holds the six exceptions).
 */
import { A1_UNASSIGNED, B1_MAP_TO_NOTHING, D1_RAND_AL, D2_L, MAPPING_OVERRIDES, PROHIBITED } from './idna-tables';

/** Python's `UnicodeError` from the idna codec. */
export class PyIdnaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PyIdnaError';
  }
}

function inRanges(flat: readonly number[], cp: number): boolean {
  let lo = 0;
  let hi = flat.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < flat[2 * mid]) hi = mid - 1;
    else if (cp > flat[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

const isAscii = (s: string) => /^[\x00-\x7f]*$/.test(s);
/** Full case folding, as stringprep's B.2 does it (ß -> ss, ᾀ -> ἀι). */
const fold = (s: string) => Array.from(s, (ch) => ch.toUpperCase().toLowerCase()).join('');

/** RFC 3491 nameprep: map (B.1, B.2), NFKC, prohibit (C.*), bidi check (D.1/D.2). */
export function nameprep(label: string): string {
  // characters unassigned in Unicode 3.2 are lower-cased but left alone by CPython's NFKC 3.2
  const segments: { text: string; normalize: boolean }[] = [];
  for (const ch of label) {
    const cp = ch.codePointAt(0) as number;
    if (inRanges(B1_MAP_TO_NOTHING, cp)) continue;
    const unassigned = inRanges(A1_UNASSIGNED, cp);
    const mapped = MAPPING_OVERRIDES.get(cp) ?? (unassigned ? ch.toLowerCase() : fold(fold(ch).normalize('NFKC')));
    const last = segments[segments.length - 1];
    if (last && last.normalize === !unassigned) last.text += mapped;
    else segments.push({ text: mapped, normalize: !unassigned });
  }
  const result = segments.map((s) => (s.normalize ? s.text.normalize('NFKC') : s.text)).join('');
  const cps = Array.from(result, (ch) => ch.codePointAt(0) as number);
  const bad = cps.find((cp) => inRanges(PROHIBITED, cp));
  if (bad !== undefined) throw new PyIdnaError(`Invalid character U+${bad.toString(16)}`);
  if (cps.some((cp) => inRanges(D1_RAND_AL, cp))) {
    if (cps.some((cp) => inRanges(D2_L, cp))) throw new PyIdnaError('Violation of BIDI requirement 2');
    if (!inRanges(D1_RAND_AL, cps[0]) || !inRanges(D1_RAND_AL, cps[cps.length - 1])) {
      throw new PyIdnaError('Violation of BIDI requirement 3');
    }
  }
  return result;
}

/** RFC 3492 punycode of a label (CPython's `punycode` codec output). */
export function punycode(label: string): string {
  const input = Array.from(label, (ch) => ch.codePointAt(0) as number);
  const digit = (d: number) => String.fromCharCode(d < 26 ? 0x61 + d : 0x30 + d - 26);
  const adapt = (delta: number, numPoints: number, first: boolean) => {
    delta = first ? Math.floor(delta / 700) : delta >> 1;
    delta += Math.floor(delta / numPoints);
    let k = 0;
    while (delta > 455) {
      delta = Math.floor(delta / 35);
      k += 36;
    }
    return k + Math.floor((36 * delta) / (delta + 38));
  };
  const basic = input.filter((cp) => cp < 0x80);
  let output = String.fromCharCode(...basic);
  const b = basic.length;
  if (b > 0) output += '-';
  let n = 128;
  let delta = 0;
  let bias = 72;
  let h = b;
  while (h < input.length) {
    const m = Math.min(...input.filter((cp) => cp >= n));
    delta += (m - n) * (h + 1);
    n = m;
    for (const c of input) {
      if (c < n) delta++;
      if (c !== n) continue;
      let q = delta;
      for (let k = 36; ; k += 36) {
        const t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;
        if (q < t) break;
        output += digit(t + ((q - t) % (36 - t)));
        q = Math.floor((q - t) / (36 - t));
      }
      output += digit(q);
      bias = adapt(delta, h + 1, h === b);
      delta = 0;
      h++;
    }
    delta++;
    n++;
  }
  return output;
}

/** encodings.idna.ToASCII */
function toAscii(label: string): string {
  const checked = (ascii: string) => {
    if (ascii.length > 0 && ascii.length < 64) return ascii;
    throw new PyIdnaError('label empty or too long');
  };
  if (isAscii(label)) return checked(label);
  const prepped = nameprep(label);
  if (isAscii(prepped)) return checked(prepped);
  if (prepped.startsWith('xn--')) throw new PyIdnaError('Label starts with ACE prefix');
  return checked(`xn--${punycode(prepped)}`);
}

/** `domain.encode('idna').decode('ascii')` */
export function pyIdnaEncode(domain: string): string {
  if (!domain) return '';
  if (isAscii(domain)) {
    const labels = domain.split('.');
    for (const label of labels.slice(0, -1)) {
      if (!(label.length > 0 && label.length < 64)) throw new PyIdnaError('label empty or too long');
    }
    if (labels[labels.length - 1].length >= 64) throw new PyIdnaError('label too long');
    return domain;
  }
  const labels = domain.split(/[.\u3002\uff0e\uff61]/);
  let trailingDot = '';
  if (labels.length && !labels[labels.length - 1]) {
    trailingDot = '.';
    labels.pop();
  }
  return labels.map(toAscii).join('.') + trailingDot;
}
