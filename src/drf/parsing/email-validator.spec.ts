import { readFileSync } from 'fs';
import { join } from 'path';
import { isValidDjangoEmail, isValidIPv46 } from './email-validator';
import { nameprep, punycode, pyIdnaEncode, PyIdnaError } from './python-idna';

// read at run time (importing the JSON would make tsc parse it; the JSON vectors nest 500 deep)
const vectors = JSON.parse(readFileSync(join(__dirname, 'email-validator.vectors.json'), 'utf8')) as { emails: [string, boolean][]; idna: [string, string | { error: string }][] };

// Vectors: tools/gen-email-vectors.py (Django 3.2.25 EmailValidator, CPython 3.11.2 idna codec).
const { emails, idna } = vectors;

describe('isValidDjangoEmail against Django EmailValidator', () => {
  it('has a broad table', () => {
    expect(emails.length).toBeGreaterThanOrEqual(150);
    expect(emails.filter(([, ok]) => ok).length).toBeGreaterThanOrEqual(60);
  });

  it.each(emails)('%j -> %j', (address, expected) => {
    expect(isValidDjangoEmail(address)).toBe(expected);
  });
});

describe('pyIdnaEncode against str.encode("idna")', () => {
  it.each(idna)('%j -> %j', (domain, expected) => {
    if (typeof expected === 'string') expect(pyIdnaEncode(domain)).toBe(expected);
    else expect(() => pyIdnaEncode(domain)).toThrow(PyIdnaError);
  });

  it('punycode matches RFC 3492 sample (5.3 A: Arabic)', () => {
    expect(punycode('\u0644\u064a\u0647\u0645\u0627\u0628\u062a\u0643\u0644\u0645\u0648\u0634\u0639\u0631\u0628\u064a\u061f')).toBe(
      'egbpdaj6bu4bxfgehfvwxn',
    );
  });

  it('nameprep folds case the stringprep way and rejects prohibited characters', () => {
    expect(nameprep('Straße')).toBe('strasse');
    expect(() => nameprep('a\ue000')).toThrow(PyIdnaError);
  });
});

describe('literal address checks: ipaddress verdicts from node:net', () => {
  it('IPv4: exactly four decimal octets without leading zeros', () => {
    expect(['0.0.0.0', '1.2.3.4', '255.255.255.255'].every(isValidIPv46)).toBe(true);
    expect(['', '1.2.3', '01.2.3.4', '256.1.1.1', '1.2.3.4.', ' 1.2.3.4', '1.2.3.٤'].some(isValidIPv46)).toBe(false);
  });

  it('IPv6: Python parsing plus Django 39-character cap', () => {
    const ok = ['::', '::1', '1::', '1:2:3:4:5:6:7:8', '::ffff:1.2.3.4', '1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:7::', '::1:2:3:4:5:6:7'];
    expect(ok.filter((s) => !isValidIPv46(s))).toEqual([]);
    const bad = ['1:2', ':1::', '1::2::3', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7::8', '12345::', 'g::', '::1.2.3.04', ':::', '1:2:3:4:5:6:7:1.2.3.4'];
    expect(bad.filter(isValidIPv46)).toEqual([]);
    expect(isValidIPv46('0000:0000:0000:0000:0000:0000:0000:0001')).toBe(true);
    expect(isValidIPv46('0000:0000:0000:0000:0000:0000:0000:0:1')).toBe(false);
  });
});
