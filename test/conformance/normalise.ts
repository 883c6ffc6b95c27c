import { createHmac, timingSafeEqual } from 'crypto';
import { SHARED_SECRET_KEY, ConformanceSettings } from './configs';
import { formatJsonPath, JsonPath, JsonScalar, rewriteJsonScalars } from './json-scan';
import type { CapturedMail } from './target';
import { RECORDED_HEADERS, RecordedAnswer, RecordedHeader, RecordedJwt, RecordedMail } from './types';

/**
 * Placeholder algorithm. Volatile values (user ids, uids, e-mail tokens, DRF
 * auth tokens, JWTs and their jti, JWT times) are replaced by names derived
 * from where the value first appeared in the scenario, e.g.
 * `{{register-alice.body.id}}`, `{{login.body.auth_token}}`,
 * `{{register-alice.mail[0].token}}`, `{{jwt-create.body.access.jti}}`.
 * A value seen again later gets the name it got the first time, so the
 * fixtures pin which answers carry the same value. Only values of the
 * expected shape are replaced: a token of the wrong form stays visible.
 */

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  mails: CapturedMail[];
}

export type LinkKind = 'activation' | 'password_reset' | 'username_reset';

export interface Volatile {
  value: string | number;
  placeholder: string;
}

export interface MailLink {
  kind: LinkKind;
  uid: Volatile;
  token: Volatile;
}

const JWT_SHAPE = /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;
const AUTH_TOKEN_SHAPE = /^[0-9a-f]{40}$/;
const JTI_SHAPE = /^[0-9a-f]{32}$/;
const UID_SHAPE = /^[A-Za-z0-9_-]+$/;
const MAIL_TOKEN_SHAPE = /^[0-9a-z]+-[0-9a-f]+$/;
const ID_KEYS = new Set(['id', 'user_id']);
export const ADMIN_ID = 1;
export const ADMIN_ID_PLACEHOLDER = '{{admin.id}}';
const TIME_KEYS = new Set(['exp', 'iat', 'nbf']);
// Django's three link templates (the reference uses them without "#/").
const LINK = /(https?:\/\/[^\s"'<>]*?\/(?:#\/)?)(activate|password\/reset\/confirm|username\/reset\/confirm)\/([^/\s"'<>]+)\/([^/\s"'<>]+)/g;
const LINK_KINDS: Record<string, LinkKind> = {
  activate: 'activation',
  'password/reset/confirm': 'password_reset',
  'username/reset/confirm': 'username_reset',
};
/** Values this long are also replaced wherever they occur as plain text. */
const MIN_TEXT_REPLACE = 16;
/** JWT times within this many seconds of "now + lifetime" count as that. */
const TIME_SLACK_S = 5;

export class Normaliser {
  private readonly names = new Map<string, string>();
  private readonly taken = new Set<string>();
  private readonly longValues = new Map<string, string>();

  constructor(private readonly settings: ConformanceSettings) {
    // the seeded staff user has id 1 on every target (start.sh / our seed)
    this.freshName('id', String(ADMIN_ID), 'admin.id');
  }

  /** The placeholder already given to a value, if any. */
  known(value: string | number, kind: 'id' | 'string' = typeof value === 'number' ? 'id' : 'string'): string | undefined {
    return this.names.get(registryKey(kind, value));
  }

  answer(step: string, raw: RawAnswer, nowS: number): { answer: RecordedAnswer; links: MailLink[] } {
    const jwts: Record<string, RecordedJwt> = {};
    const headers: Partial<Record<RecordedHeader, string>> = {};
    for (const name of RECORDED_HEADERS) {
      const v = raw.headers[name.toLowerCase()];
      if (v !== undefined) headers[name] = this.replaceLongValues(v);
    }
    const answer: RecordedAnswer = { status: raw.status, headers, body: '', mails: [] };
    const text = raw.body.toString('utf8');
    if (Buffer.from(text, 'utf8').equals(raw.body)) {
      answer.body = this.body(step, text, nowS, jwts);
    } else {
      answer.bodyBase64 = raw.body.toString('base64');
    }
    const links: MailLink[] = [];
    raw.mails.forEach((mail, i) => answer.mails.push(this.mail(`${step}.mail[${i}]`, mail, links)));
    if (Object.keys(jwts).length > 0) answer.jwts = jwts;
    return { answer, links };
  }

  private body(step: string, text: string, nowS: number, jwts: Record<string, RecordedJwt>): string {
    const json = rewriteJsonScalars(text, (path, scalar) => this.scalar(`${step}.body`, path, scalar, nowS, jwts, false));
    return json ?? this.replaceLongValues(text);
  }

  private scalar(
    base: string,
    path: JsonPath,
    s: JsonScalar,
    nowS: number,
    jwts: Record<string, RecordedJwt>,
    inJwt: boolean,
  ): string | undefined {
    const key = path.length > 0 ? path[path.length - 1] : undefined;
    const where = base + formatJsonPath(path);
    if (typeof key === 'string' && ID_KEYS.has(key)) {
      if ((s.kind === 'number' && Number.isInteger(s.value)) || (s.kind === 'string' && /^\d+$/.test(String(s.value)))) {
        return this.name('id', String(s.value), where);
      }
    }
    if (inJwt && typeof key === 'string' && TIME_KEYS.has(key) && s.kind === 'number') {
      return this.time(s.value as number, nowS);
    }
    if (s.kind !== 'string') return undefined;
    const v = s.value as string;
    if (JWT_SHAPE.test(v)) {
      const known = this.known(v);
      if (known) return known;
      const name = this.name('string', v, where);
      jwts[name] = this.jwt(where, v, nowS, jwts);
      return name;
    }
    if (key === 'auth_token' && AUTH_TOKEN_SHAPE.test(v)) return this.name('string', v, where);
    if (inJwt && key === 'jti' && JTI_SHAPE.test(v)) return this.name('string', v, where);
    return this.known(v);
  }

  private jwt(where: string, token: string, nowS: number, jwts: Record<string, RecordedJwt>): RecordedJwt {
    const [h, p, sig] = token.split('.');
    const header = Buffer.from(h, 'base64url').toString('utf8');
    const payloadText = Buffer.from(p, 'base64url').toString('utf8');
    const payload =
      rewriteJsonScalars(payloadText, (path, scalar) => this.scalar(where, path, scalar, nowS, jwts, true)) ?? payloadText;
    return { header, payload, signature: hs256Valid(header, `${h}.${p}`, sig) ? 'valid' : 'invalid' };
  }

  /** `{{now}}`, `{{now+300}}` … relative to when the answer arrived. */
  private time(t: number, nowS: number): string | undefined {
    const offsets = [0, this.settings.accessTokenLifetimeS, this.settings.refreshTokenLifetimeS];
    for (const d of offsets) {
      if (Math.abs(t - (nowS + d)) <= TIME_SLACK_S) return d === 0 ? '{{now}}' : `{{now+${d}}}`;
    }
    return undefined;
  }

  private mail(where: string, mail: CapturedMail, links: MailLink[]): RecordedMail {
    let n = 0;
    const text = mail.text.replace(LINK, (_m, prefix: string, route: string, uid: string, token: string) => {
      const suffix = n === 0 ? '' : String(n + 1);
      n++;
      const kind = LINK_KINDS[route];
      const uidName = UID_SHAPE.test(uid) ? this.name('uid', uid, `${where}.uid${suffix}`) : uid;
      // Tokens of one user made in the same second are equal (Django hashes
      // whole seconds); naming each by its own place keeps fixtures stable.
      const tokenName = MAIL_TOKEN_SHAPE.test(token) ? this.freshName('string', token, `${where}.token${suffix}`) : token;
      links.push({ kind, uid: { value: uid, placeholder: uidName }, token: { value: token, placeholder: tokenName } });
      return `${prefix}${route}/${uidName}/${tokenName}`;
    });
    return { to: mail.to, subject: mail.subject, text: this.replaceLongValues(text) };
  }

  /** The name of a value, registering it under `where` if it is new. */
  name(kind: string, value: string | number, where: string): string {
    const key = registryKey(kind, value);
    const existing = this.names.get(key);
    if (existing) return existing;
    return this.freshName(kind, value, where);
  }

  private freshName(kind: string, value: string | number, where: string): string {
    let name = `{{${where}}}`;
    for (let i = 2; this.taken.has(name); i++) name = `{{${where}~${i}}}`;
    this.taken.add(name);
    this.names.set(registryKey(kind, value), name);
    if (typeof value === 'string' && value.length >= MIN_TEXT_REPLACE) this.longValues.set(value, name);
    return name;
  }

  private replaceLongValues(text: string): string {
    let out = text;
    for (const [value, name] of this.longValues) {
      if (out.includes(value)) out = out.split(value).join(name);
    }
    return out;
  }
}

function registryKey(kind: string, value: string | number): string {
  return `${kind}:${String(value)}`;
}

function hs256Valid(headerText: string, signingInput: string, sig: string): boolean {
  try {
    if ((JSON.parse(headerText) as { alg?: unknown }).alg !== 'HS256') return false;
  } catch {
    return false;
  }
  const expected = createHmac('sha256', SHARED_SECRET_KEY).update(signingInput).digest();
  const given = Buffer.from(sig, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
