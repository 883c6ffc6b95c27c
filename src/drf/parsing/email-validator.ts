/**
 * Django 3.2 `EmailValidator()` (django/core/validators.py), as DRF's EmailField runs it:
 * the verdict behind `Enter a valid email address.`.
 *
 * The patterns are Python `re` with IGNORECASE, where `[A-Z]` also matches U+0130 'İ',
 * U+0131 'ı', U+017F 'ſ' and U+212A 'K' (they case-fold into A-Z); the classes below spell
 * that out instead of relying on JS's /i, which folds differently.
 */
import { isValidIPv46 } from './python-ipaddress';
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

function validateDomainPart(domain: string): boolean {
  if (DOMAIN_REGEX.test(domain)) return true;
  const literal = LITERAL_REGEX.exec(domain);
  return literal !== null && isValidIPv46(literal[1]);
}

/** True when Django 3.2's `EmailValidator()(value)` does not raise. */
export function isValidDjangoEmail(value: string): boolean {
  // RFC 3696 section 3 length limit, in code points
  if (!value || !value.includes('@') || pyLen(value) > 320) return false;
  const at = value.lastIndexOf('@');
  const userPart = value.slice(0, at);
  const domainPart = value.slice(at + 1);
  if (!USER_REGEX.test(userPart)) return false;
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
