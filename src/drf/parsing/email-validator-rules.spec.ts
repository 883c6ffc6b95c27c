import { isValidDjangoEmail } from './email-validator';

// Verdicts of Django 3.2.25's and 5.2.17's validate_email (the two reference stacks), run by hand.
const VECTORS: Array<[string, boolean, boolean]> = [
  ['a@example.123', true, false],
  ['a@example.co1', true, false],
  ['a@example.com', true, true],
  ['a@exämple.com', true, true],
  ['a@[1.2.3.4]', true, true],
  ['a@localhost', true, true],
  ['a@ex-.com', false, false],
  ['a@xn--bcher-kva.ch', true, true],
  ['a@b.c-', false, false],
  ['a@𝒳.com', true, false],
];

describe('isValidDjangoEmail: Django 3.2 and 5.2 rules (COMPAT_STACK)', () => {
  it.each(VECTORS)('%s: 3.2 %s, 5.2 %s', (value, v32, v52) => {
    expect(isValidDjangoEmail(value, '3.2')).toBe(v32);
    expect(isValidDjangoEmail(value, '5.2')).toBe(v52);
  });
});
