import { PyFormatError, pyFormat, PyObject, PyValue } from './py-format';

// Vectors recorded with Debian's /usr/bin/python3 (3.11): template.format(**context).
const user: PyObject = {
  pyType: 'User',
  attrs: { pk: 7, id: 7, username: 'bob', email: 'b@x.io', first_name: 'Bob', last_name: "O'Neil" },
  str: 'bob',
  repr: '<User: bob>',
};
const context: Record<string, PyValue> = {
  uid: 'Nw',
  token: 'dig9zr-822417',
  domain: 'd.example',
  site_name: 'S&S <x>',
  protocol: 'http',
  user,
  q: "it's",
  dq: 'say "hi"',
  both: 'a\'b"c',
  uni: 'Café✓\n',
};

describe('pyFormat (Python str.format)', () => {
  it.each([
    ["#/activate/{uid}/{token}", "#/activate/Nw/dig9zr-822417"],
    ["{{x}}{uid}}}", "{x}Nw}"],
    ["{user}|{user.pk}|{user.username}|{user.last_name}", "bob|7|bob|O'Neil"],
    ["{uid[1]}", "w"],
    ["{site_name!r}", "'S&S <x>'"],
    ["{q!r}|{dq!r}|{both!r}", "\"it's\"|'say \"hi\"'|'a\\'b\"c'"],
    ["{uni!r}", "'Café✓\\n'"],
    ["{uni!a}", "'Caf\\xe9\\u2713\\n'"],
    ["{uid:>6}|{uid:*^7}|{uid:.1}|{uid:<4}|", "    Nw|**Nw***|N|Nw  |"],
    ["{user.pk:03}|{user.pk:+}|{user.pk:x<4}|{user.pk:=+5}", "007|+7|7xxx|+   7"],
    ["{user!s:>5}", "  bob"],
  ])('formats %j as Python does', (template, expected) => {
    expect(pyFormat(template, context)).toBe(expected);
  });

  it.each([
    ["{}", "IndexError: Replacement index 0 out of range for positional args tuple"],
    ["{0}", "IndexError: Replacement index 0 out of range for positional args tuple"],
    ["{nope}", "KeyError: 'nope'"],
    ["{user.nope}", "AttributeError: 'User' object has no attribute 'nope'"],
    ["{uid", "ValueError: expected '}' before end of string"],
    ["a}b", "ValueError: Single '}' encountered in format string"],
    ["{uid.x}", "AttributeError: 'str' object has no attribute 'x'"],
    ["{uid[x]}", "TypeError: string indices must be integers, not 'str'"],
    ["{uid[9]}", "IndexError: string index out of range"],
    ["{user:>5}", "TypeError: unsupported format string passed to User.__format__"],
    ["{uid:+}", "ValueError: Sign not allowed in string format specifier"],
    ["{uid!z}", "ValueError: Unknown conversion specifier z"],
    ["{user[0]}", "TypeError: 'User' object is not subscriptable"],
  ])('refuses %j with Python\'s error', (template, message) => {
    expect(() => pyFormat(template, context)).toThrow(new PyFormatError(message));
  });
});
