import { PasswordUserAttributes, validatePassword } from './password-validators';

const SIMILAR_USERNAME = 'The password is too similar to the username.';
const SIMILAR_FIRST_NAME = 'The password is too similar to the first name.';
const SIMILAR_LAST_NAME = 'The password is too similar to the last name.';
const SIMILAR_EMAIL = 'The password is too similar to the email address.';
const TOO_SHORT = 'This password is too short. It must contain at least 8 characters.';
const TOO_COMMON = 'This password is too common.';
const NUMERIC = 'This password is entirely numeric.';

// [password, user attributes (null = no user), messages] recorded from Django 3.2.25's
// validate_password(password, User(**attributes) or None) with the four default validators
// in settings order (/usr/bin/python3, Debian's common-passwords.txt.gz).
const DJANGO_VECTORS: [string, PasswordUserAttributes | null, string[]][] = [
  ["password", null, [TOO_COMMON]],
  ["PASSWORD", null, [TOO_COMMON]],
  ["  Password  ", null, [TOO_COMMON]],
  ["\u3000password\u2028", null, [TOO_COMMON]],
  ["\ufeffpassword", null, []],
  ["12345678", null, [TOO_COMMON, NUMERIC]],
  ["qwerty", null, [TOO_SHORT, TOO_COMMON]],
  ["abc", null, [TOO_SHORT, TOO_COMMON]],
  ["", null, [TOO_SHORT]],
  ["        ", null, []],
  ["correct horse battery staple", null, []],
  ["1234567", null, [TOO_SHORT, TOO_COMMON, NUMERIC]],
  ["\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660", null, [NUMERIC]],
  ["\u00b2\u00b2\u00b2\u00b2\u00b2\u00b2\u00b2\u00b2", null, [NUMERIC]],
  ["\u2460\u2461\u2462\u2463\u2464\u2465\u2466\u2467", null, [NUMERIC]],
  ["\ud835\udfcf\ud835\udfd0\ud835\udfd1\ud835\udfd2\ud835\udfd3\ud835\udfd4\ud835\udfd5\ud835\udfd6", null, [NUMERIC]],
  ["12345678a", null, [TOO_COMMON]],
  ["1234 5678", null, []],
  ["\u0663", null, [TOO_SHORT, NUMERIC]],
  ["\u00bd\u00bd\u00bd\u00bd\u00bd\u00bd\u00bd\u00bd", null, []],
  ["\u216b\u216b\u216b\u216b\u216b\u216b\u216b\u216b", null, []],
  ["\uff19\uff18\uff17\uff16\uff15\uff14\uff13\uff12\uff11\uff10", null, [NUMERIC]],
  ["\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00", null, [TOO_SHORT]],
  ["\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00", null, []],
  ["ab\u0301cdefg", null, []],
  ["dragon", null, [TOO_SHORT, TOO_COMMON]],
  ["Dragon12", null, [TOO_COMMON]],
  ["trustno1", null, [TOO_COMMON]],
  ["alice123", { username: "alice", email: "alice@example.com" }, [SIMILAR_USERNAME, TOO_COMMON]],
  ["Alice12345", { username: "ALICE", email: "" }, []],
  ["johndoe99", { username: "jd", email: "john.doe@example.com" }, []],
  ["example.com", { username: "zed", email: "john.doe@example.com" }, [SIMILAR_EMAIL]],
  ["\u00e9milie2020", { username: "u1", first_name: "\u00c9milie", last_name: "Dupont" }, [SIMILAR_FIRST_NAME]],
  ["dupont-paris", { username: "u2", first_name: "\u00c9milie", last_name: "Dupont" }, []],
  ["abcdefgxyz", { username: "abcdefgpqr" }, [SIMILAR_USERNAME]],
  ["abcdefgxyzw", { username: "abcdefgpqr" }, []],
  ["abcdefghij", { username: "a" }, [TOO_COMMON]],
  ["abcdefghij", { username: "abc" }, [TOO_COMMON]],
  ["abcdefghijklmnopqrst", { username: "ab" }, []],
  ["aaaaaaaaaaaaaaaaaaaa", { username: "aa" }, []],
  ["aaaaaaaaaaaaaaaaaaaaa", { username: "aaaaaaa" }, []],
  ["", { username: "bob" }, [TOO_SHORT]],
  ["", { username: "", email: "" }, [TOO_SHORT]],
  ["x", { username: "x" }, [SIMILAR_USERNAME, TOO_SHORT, TOO_COMMON]],
  ["\u039f\u0394\u039f\u03a31234", { username: "\u03bf\u03b4\u03bf\u03c2" }, []],
  ["\u03bf\u03b4\u03bf\u03c31234", { username: "\u039f\u0394\u039f\u03a3" }, []],
  ["\u0130stanbul1", { username: "istanbul" }, [SIMILAR_USERNAME]],
  ["istanbul1", { username: "\u0130STANBUL" }, [SIMILAR_USERNAME]],
  ["STRASSE99", { username: "stra\u00dfe" }, []],
  ["jeanluc_pic", { username: "jean-luc_picard" }, [SIMILAR_USERNAME]],
  ["picard7777", { username: "jean-luc_picard" }, []],
  ["caf\u00e9-latte", { username: "cafe\u0301" }, []],
  ["cafe123456", { username: "cafe\u0301" }, []],
  ["mixedUP99", { username: "nobody", first_name: null, last_name: null, email: null }, []],
  ["exa-mple", { username: "q", email: "x+y@exa-mple.co.uk" }, []],
  ["co.uk.co.uk", { username: "q", email: "x+y@exa-mple.co.uk" }, []],
  ["\u6771\u4eac\u30bf\u30ef\u30fc123", { username: "\u6771\u4eac\u30bf\u30ef\u30fc" }, [SIMILAR_USERNAME]],
  ["\u216b\u216b\u216b7", { username: "\u216b\u216b\u216b" }, [SIMILAR_USERNAME, TOO_SHORT]],
  ["\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663", { username: "\u0663\u0663\u0663\u0663\u0663\u0663" }, [SIMILAR_USERNAME, NUMERIC]],
  ["12345678", { username: "12345678" }, [SIMILAR_USERNAME, TOO_COMMON, NUMERIC]],
  ["password", { username: "password" }, [SIMILAR_USERNAME, TOO_COMMON]],
  ["password", { username: "someone", email: "password@example.com" }, [SIMILAR_EMAIL, TOO_COMMON]],
  ["Kate@example.com", { username: "kate", email: "Kate@EXAMPLE.COM" }, [SIMILAR_EMAIL]],
  ["dezember2024", { username: "u", last_name: "Dezember" }, [SIMILAR_LAST_NAME]],
  ["short", { username: "long-unrelated-name" }, [TOO_SHORT]],
  ["very long passphrase with many words in it", { username: "with" }, []],
  ["tab\tsep\tpw", { username: "tab\tsep" }, [SIMILAR_USERNAME]],
  ["under_score", { username: "under_score_name" }, [SIMILAR_USERNAME]],
  ["@@@@@@@@", { username: "@@@" }, []],
  ["@@@@@@@@", { username: "@@@", email: "@" }, []],
  ["", { username: "@@@" }, [SIMILAR_USERNAME, TOO_SHORT]],
  ["\u039f\u0394\u039f\u03a312", { username: "\u03bf\u03b4\u03bf\u03c2" }, [SIMILAR_USERNAME, TOO_SHORT]],
  ["\u039f\u0394\u039f\u03a3\u03911", { username: "\u03bf\u03b4\u03bf\u03c3\u03b1" }, [SIMILAR_USERNAME, TOO_SHORT]],
  ["\u03a3\u0391\u03a31", { username: "\u03c3\u03b1\u03c2" }, [SIMILAR_USERNAME, TOO_SHORT]],
  ["\u03a3", { username: "\u03c2" }, [TOO_SHORT]],
  ["\u01c5emal123", { username: "\u01c6emal" }, [SIMILAR_USERNAME]],
  ['x'.repeat(70) + 'bob', { username: "bob", email: "bob@bob.bob" }, []],
  ["\u00df\u00df\u00df\u00df\u00df\u00df\u00df\u00df\u00df", { username: "ss" }, []],
];

describe('validatePassword', () => {
  it.each(DJANGO_VECTORS)('%j with %j', (password, user, messages) => {
    expect(validatePassword(password, user)).toEqual(messages);
  });

  it('uses the whole bundled list (last entry of the file)', () => {
    expect(validatePassword('chobits', null)).toEqual([TOO_SHORT, TOO_COMMON]);
  });
});
