/**
 * Django's `EmailValidator()` (django/core/validators.py) of 3.2 and of 5.2, as DRF's
 * EmailField runs it: the verdict behind `Enter a valid email address.`.
 *
 * The patterns are Python `re` with IGNORECASE, where `[A-Z]` also matches U+0130 'İ',
 * U+0131 'ı', U+017F 'ſ' and U+212A 'K' (they case-fold into A-Z); the classes below spell
 * that out instead of relying on JS's /i, which folds differently.
 */
import { isIPv4, isIPv6 } from 'net';
import { pyIdnaEncode, PyIdnaError } from './python-idna';
import { pyLen } from './python-text';

const FOLDS = '\u0130\u0131\u017f\u212a';
const ATOM = `[-!#$%&'*+/=?^_\`{}|~0-9A-Za-z${FOLDS}]`;
const USER_REGEX = new RegExp(
  `^(?:${ATOM}+(?:\\.${ATOM}+)*` +
    `|"(?:[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f!#-\\[\\]-\\x7f${FOLDS}]|\\\\[\\x01-\\x09\\x0b\\x0c\\x0e-\\x7f${FOLDS}])*")$`,
);
const ALNUM = `[A-Za-z0-9${FOLDS}]`;
const LABEL_CHARS = `[-A-Za-z0-9${FOLDS}]`;
const DOMAIN_REGEX = new RegExp(`^(?:${ALNUM}(?:${LABEL_CHARS}{0,61}${ALNUM})?\\.)+${LABEL_CHARS}{2,63}(?<!-)$`);
// [A-f0-9:.] with IGNORECASE: A-Z, [\]^_` , a-z (via folding), digits, ':' and '.'
const LITERAL_REGEX = new RegExp(`^\\[([A-Za-z\\[\\]\\\\^_\`0-9:.${FOLDS}]+)\\]$`);

const DOMAIN_ALLOWLIST = ['localhost'];

/**
 * Django's `validate_ipv46_address`: `ipaddress.IPv4Address`, or at most 39 characters and
 * `ipaddress.IPv6Address`. Node's parser gives CPython 3.11's verdicts (no leading zeros in
 * IPv4, one `::`, an IPv4 tail); its only extra, a `%zone`, never passes the literal pattern.
 */
export const isValidIPv46 = (s: string): boolean => isIPv4(s) || (s.length <= 39 && isIPv6(s));

function validateDomainPart(domain: string): boolean {
  if (DOMAIN_REGEX.test(domain)) return true;
  const literal = LITERAL_REGEX.exec(domain);
  return literal !== null && isValidIPv46(literal[1]);
}

/** Which Django's validator (COMPAT_STACK: 3.2 for 2.1, 5.2 for current). */
export type DjangoEmailRules = '3.2' | '5.2';

// Django >= 5.1: DomainNameValidator's hostname / domain / TLD patterns (Unicode letters
// U+00A1..U+FFFF allowed, no digits in the TLD, no punycode fallback); `u` so that astral
// characters stay outside the BMP range as in Python.
const UL = '\u00a1-\uffff';
const HOST = `[a-zA-Z${UL}0-9](?:[a-zA-Z${UL}0-9-]{0,61}[a-zA-Z${UL}0-9])?`;
const DOMAIN = `(?:\\.(?!-)[a-zA-Z${UL}0-9-]{1,63}(?<!-))*`;
const TLD = `\\.(?!-)(?:[a-zA-Z${UL}-]{2,63}|xn--[a-zA-Z0-9]{1,59})(?<!-)`;
const DOMAIN_REGEX_52 = new RegExp(`^${HOST}${DOMAIN}${TLD}$`, 'u');
const LITERAL_REGEX_52 = /^\[([A-Fa-f0-9:.]+)\]$/;

function validateDomainPart52(domain: string): boolean {
  if (DOMAIN_REGEX_52.test(domain)) return true;
  const literal = LITERAL_REGEX_52.exec(domain);
  return literal !== null && isValidIPv46(literal[1]);
}

/** True when Django's `EmailValidator()(value)` does not raise. */
export function isValidDjangoEmail(value: string, rules: DjangoEmailRules = '3.2'): boolean {
  // RFC 3696 section 3 length limit, in code points
  if (!value || !value.includes('@') || pyLen(value) > 320) return false;
  const at = value.lastIndexOf('@');
  const userPart = value.slice(0, at);
  const domainPart = value.slice(at + 1);
  if (!USER_REGEX.test(userPart)) return false;
  if (rules === '5.2') return DOMAIN_ALLOWLIST.includes(domainPart) || validateDomainPart52(domainPart);
  if (DOMAIN_ALLOWLIST.includes(domainPart) || validateDomainPart(domainPart)) return true;
  // maybe an internationalised domain name
  let ascii: string;
  try {
    ascii = pyIdnaEncode(domainPart);
  } catch (e) {
    if (e instanceof PyIdnaError) return false;
    throw e;
  }
  return validateDomainPart(ascii);
}
