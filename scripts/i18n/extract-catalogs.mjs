#!/usr/bin/env node
/**
 * Writes src/i18n/catalogs/<stack>.json: the upstream translations (Django, DRF, Djoser,
 * SimpleJWT) of the messages this server can send, for each language the stack's Django
 * can activate.
 *
 *   node scripts/i18n/extract-catalogs.mjs [--ref ../shared/djoser-ref] [--current /opt/djoser-ref-current] [--check]
 *
 * --check writes nothing and needs no Python (steps 1-2 only): it prints, per stack, the msgids
 * our sources now select that the committed file lacks (`missing`), those it lists that they no
 * longer select (`stale`) and catalog keys outside its list (`unlisted`); exit 1 when any is
 * non-empty (src/i18n/catalogs.spec.ts runs it).
 *
 * 1. gettext-parser reads every .mo (and .po) of the stack's packages: the English msgids,
 *    their msgid_plural and each language's Plural-Forms.
 * 2. Only msgids whose fixed text occurs in our sources (src/**\/*.ts, the mail templates)
 *    are kept, plus the lazily interpolated verbose names (EXTRA_MSGIDS).
 * 3. django_gettext.py asks that stack's Django (translation.override + gettext/ngettext),
 *    so merge order, pt_BR -> pt fallbacks and .po-only catalogs are the stack's own.
 * 4. Plural entries are stored as forms indexed by the Plural-Forms expression, checked
 *    against Django's ngettext for n = 0..COUNTS-1. `msgids` records every msgid of step 2,
 *    translated or not, so --check can compare it with what the sources select now.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mo, po } from 'gettext-parser';
import pluralForms from '@tannin/plural-forms';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const REF = resolve(arg('ref', join(ROOT, '..', 'shared', 'djoser-ref')));
const CURRENT = resolve(arg('current', '/opt/djoser-ref-current'));
const STACKS = {
  '2.1': { site: '/usr/lib/python3/dist-packages', env: {} },
  current: {
    site: join(CURRENT, 'usr/lib/python3/dist-packages'),
    env: { PYTHONPATH: join(CURRENT, 'usr/lib/python3/dist-packages') },
  },
};
const PACKAGES = ['django/conf', 'django/contrib/auth', 'django/contrib/contenttypes', 'rest_framework', 'djoser', 'rest_framework_simplejwt'];
const COUNTS = 200;
/** Model verbose names Django interpolates (lazily, so translated) into %(model_name)s / %(field_label)s / %(verbose_name)s. */
const EXTRA_MSGIDS = ['user', 'username', 'email address', 'first name', 'last name', 'password'];
const PLACEHOLDER = /%\([A-Za-z_]+\)[sd]|\{[A-Za-z_0-9]*\}|%[sd]/g;

function files(dir, pred, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, pred, out);
    else if (pred(p)) out.push(p);
  }
  return out;
}

function sourceText(pred) {
  const parts = files(join(ROOT, 'src'), pred);
  return parts.map((p) => readFileSync(p, 'utf8')).join('\n').replace(/\\(['"`])/g, '$1');
}

/** The English msgids (with msgid_plural) and Plural-Forms per locale of one stack's catalogs. */
function readCatalogs(site) {
  if (!existsSync(join(site, 'django'))) throw new Error(`no Django in ${site}: install the stack (../shared/djoser-ref/install.sh, install-current.sh)`);
  const msgids = new Map();
  const pluralExpr = {};
  for (const pkg of PACKAGES) {
    const base = join(site, pkg, 'locale');
    if (!existsSync(base)) continue;
    for (const locale of readdirSync(base)) {
      const dir = join(base, locale, 'LC_MESSAGES');
      for (const file of ['django.mo', 'django.po']) {
        const path = join(dir, file);
        if (!existsSync(path)) continue;
        const parsed = (file.endsWith('.mo') ? mo : po).parse(readFileSync(path));
        const forms = parsed.headers['Plural-Forms'] ?? parsed.headers['plural-forms'];
        const expr = forms && /plural=([^;]+)/.exec(forms)?.[1].trim();
        if (expr) (pluralExpr[locale] ??= new Set()).add(expr);
        for (const entries of Object.values(parsed.translations)) {
          for (const e of Object.values(entries)) {
            if (!e.msgid || e.msgctxt) continue;
            if (!msgids.has(e.msgid) || e.msgid_plural) msgids.set(e.msgid, e.msgid_plural);
          }
        }
      }
    }
  }
  return { msgids, pluralExpr };
}

function sent(msgid, plural, source) {
  if (EXTRA_MSGIDS.includes(msgid)) return true;
  return [msgid, plural].some((text) => text && fixedTextIn(text, source));
}

function fixedTextIn(msgid, source) {
  const fragments = msgid.split(PLACEHOLDER);
  if (fragments.join('').replace(/[^A-Za-z]/g, '').length < 6) return false; // "The %(site_name)s team" has 7
  return fragments.every((f) => !f || source.includes(f));
}

const toLocale = (code) => {
  const [lang, country, ...rest] = code.split('-');
  if (!country) return lang;
  return [lang, country.length > 2 ? country[0].toUpperCase() + country.slice(1) : country.toUpperCase(), ...rest].join('_');
};

/** Forms indexed by `expr`, or undefined when `expr` disagrees with ngettext's answers for n = 0, 1, ... */
function formsFor(expr, answers) {
  const index = pluralForms(expr);
  const forms = [];
  for (const [n, text] of answers.entries()) {
    const i = index(n);
    if (forms[i] !== undefined && forms[i] !== text) return undefined;
    forms[i] = text;
  }
  return forms;
}

const source = sourceText((p) => (p.endsWith('.ts') && !p.endsWith('.spec.ts')) || p.endsWith('.hbs'));
// The mails are translated line by line, with only the texts of the templates (never a user's value).
const mailSource = sourceText((p) => p.endsWith('.hbs'));
const catalogPath = (stack) => join(ROOT, 'src/i18n/catalogs', `${stack}.json`);

/** Steps 1-2: the stack's msgids our sources can send (with their English plural), and each locale's Plural-Forms. */
function selectMessages(site) {
  const { msgids, pluralExpr } = readCatalogs(site);
  const messages = [...msgids].filter(([id, plural]) => sent(id, plural, source)).map(([msgid, plural]) => (plural ? { msgid, plural } : { msgid }));
  return { messages, pluralExpr };
}

function check() {
  const report = {};
  for (const [stack, { site }] of Object.entries(STACKS)) {
    const selected = selectMessages(site).messages.map((m) => m.msgid);
    const doc = JSON.parse(readFileSync(catalogPath(stack), 'utf8'));
    const listed = new Set(doc.msgids ?? []);
    const keys = new Set([...Object.values(doc.catalogs).flatMap(Object.keys), ...Object.keys(doc.plurals), ...doc.mail]);
    report[stack] = {
      missing: selected.filter((id) => !listed.has(id)),
      stale: [...listed].filter((id) => !selected.includes(id)),
      unlisted: [...keys].filter((id) => !listed.has(id)),
    };
  }
  console.log(JSON.stringify(report, null, 2));
  return Object.values(report).every((r) => Object.values(r).every((ids) => ids.length === 0));
}

function generate() {
  mkdirSync(join(ROOT, 'src/i18n/catalogs'), { recursive: true });
  for (const [stack, { site, env }] of Object.entries(STACKS)) {
    const { messages, pluralExpr } = selectMessages(site);
    const answer = JSON.parse(
      execFileSync('/usr/bin/python3', [join(ROOT, 'scripts/i18n/django_gettext.py'), REF], {
        input: JSON.stringify({ messages, counts: COUNTS }),
        env: { ...process.env, ...env },
        maxBuffer: 1 << 28,
      }).toString('utf8'),
    );
    const plurals = Object.fromEntries(messages.filter((m) => m.plural).map((m) => [m.msgid, m.plural]));
    const catalogs = {};
    for (const [code, entries] of Object.entries(answer.catalogs)) {
      const out = {};
      for (const [msgid, value] of Object.entries(entries)) {
        if (typeof value === 'string') {
          out[msgid] = value;
          continue;
        }
        // The Plural-Forms of the catalog that holds the message: the first of the locale's that agrees with ngettext.
        const locale = toLocale(code);
        const candidates = [...(pluralExpr[locale] ?? []), ...(pluralExpr[locale.split('_')[0]] ?? []), 'n != 1'];
        const fit = candidates.map((expr) => ({ expr, forms: formsFor(expr, value) })).find((c) => c.forms);
        if (!fit) {
          // Left out (answered in English) and reported: no shipped expression reproduces the catalog.
          console.warn(`${stack} ${code} "${msgid}": no Plural-Forms of ${locale} agrees with ngettext; left out`);
          continue;
        }
        const { expr, forms } = fit;
        out[msgid] = { plural: expr, forms };
      }
      if (Object.keys(out).length) catalogs[code] = out;
    }
    const file = catalogPath(stack);
    const doc = {
      generated: `scripts/i18n/extract-catalogs.mjs from Django ${answer.django} (${site}); see src/i18n/catalogs/NOTICE.md`,
      languages: answer.languages,
      available: answer.available,
      fallbacks: answer.fallbacks,
      msgids: messages.map((m) => m.msgid),
      plurals,
      mail: messages.map((m) => m.msgid).filter((id) => id.includes(' ') && fixedTextIn(id, mailSource)),
      catalogs,
    };
    writeFileSync(file, JSON.stringify(doc, null, 0) + '\n');
    console.log(`${stack}: ${messages.length} msgids, ${Object.keys(catalogs).length} languages with translations -> ${file}`);
  }
}

if (process.argv.includes('--check')) process.exitCode = check() ? 0 : 1;
else generate();
