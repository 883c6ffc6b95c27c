#!/usr/bin/python3
"""Regenerate ../email-validator.vectors.json with Django 3.2.25's EmailValidator verdicts
and CPython 3.11.2's `str.encode('idna')` results.

    /usr/bin/python3 src/drf/parsing/tools/gen-email-vectors.py
"""
import json
import os

import django
from django.conf import settings

settings.configure()
django.setup()

from django.core.exceptions import ValidationError  # noqa: E402
from django.core.validators import EmailValidator  # noqa: E402

validate = EmailValidator()


def valid(address):
    try:
        validate(address)
        return True
    except ValidationError:
        return False


ADDRESSES = [
    # plain
    'user@example.com', 'a@b.co', 'first.last@sub.example.org', "o'brien@example.ie", 'user+tag@example.com',
    "!#$%&'*+/=?^_`{}|~-@example.com", 'USER@EXAMPLE.COM', 'user@example.com.au', 'x@x.io', '1@2.34',
    'user@127.0.0.1', 'user@127.0.0.12', 'user@x.123', 'user@x-y.com', 'user@x--y.com', 'a' * 64 + '@example.com',
    'a' * 100 + '@example.com',
    # shape
    '', 'user', '@example.com', 'user@', 'a@b@c.com', '"a@b"@c.com', 'user@@example.com',
    '.user@example.com', 'user.@example.com', 'us..er@example.com', 'us er@example.com', ' user@example.com',
    'user@example.com ', 'user@example.com\n', 'us\x00er@example.com', 'user@exam ple.com', 'user()@example.com',
    'user[]@example.com', 'user,name@example.com', 'user;@example.com', 'user\\@example.com',
    # quoted local part
    '"john doe"@example.com', '"a\\"b"@example.com', '"a\\\\b"@example.com', '"a"b"@example.com', '""@example.com',
    '"\x7f"@example.com', '"\n"@example.com', '"\\\n"@example.com', '"\\\t"@example.com', '"\t"@example.com',
    '"a\x00"@example.com', '"\x01"@example.com', '"unterminated@example.com', 'a"b"@example.com',
    # domain part
    'user@localhost', 'user@LOCALHOST', 'user@localhost.', 'user@x', 'user@x.c', 'user@x.co-', 'user@-x.com',
    'user@x-.com', 'user@x..com', 'user@.x.com', 'user@x.com.', 'user@x_y.com', 'user@x.c_m', 'user@x.com-',
    'user@' + 'a' * 63 + '.com', 'user@' + 'a' * 64 + '.com', 'user@x.' + 'a' * 63, 'user@x.' + 'a' * 64,
    'user@' + '.'.join(['abcdefghij'] * 28) + '.com',
    'x@' + 'a' * 63 + '.' + 'b' * 63 + '.' + 'c' * 63 + '.' + 'd' * 60 + '.' + 'e' * 60 + '.com',
    'x@' + 'a' * 63 + '.' + 'b' * 63 + '.' + 'c' * 63 + '.' + 'd' * 63 + '.' + 'e' * 53 + '.com',
    # literals
    'user@[127.0.0.1]', 'user@[255.255.255.255]', 'user@[256.1.1.1]', 'user@[01.1.1.1]', 'user@[1.2.3]',
    'user@[1.2.3.4.5]', 'user@[::1]', 'user@[::]', 'user@[IPv6:::1]', 'user@[::ffff:1.2.3.4]',
    'user@[1:2:3:4:5:6:7:8]', 'user@[1:2:3:4:5:6:7:8:9]', 'user@[1::2::3]', 'user@[:1::]', 'user@[1:2:3:4:5:6:7::]',
    'user@[::2:3:4:5:6:7:8]', 'user@[1:2:3:4:5:6:7]', 'user@[g::1]', 'user@[fe80::1%eth0]', 'user@[12345::1]',
    'user@[0000:0000:0000:0000:0000:0000:0000:0001]', 'user@[0000:0000:0000:0000:0000:0000:0000:00001]',
    'user@[1::1.2.3.4]', 'user@[1::1.2.3.256]', 'user@[::1.2.3.04]', 'user@[A::B]', 'user@[a:b:c:d:e:f:1.2.3.4]',
    'user@[a:b:c:d:e:f:0:1.2.3.4]', 'user@127.0.0.1]', 'user@[127.0.0.1', 'user@[]', 'user@[1:2]',
    # length limit (320 code points)
    'a' * 64 + '@' + '.'.join(['b' * 63] * 3) + '.' + 'c' * 61, 'a' * 64 + '@' + '.'.join(['b' * 63] * 3) + '.' + 'c' * 62,
    'a' * 200 + '@' + 'b' * 60 + '.' + 'c' * 59, 'a' * 200 + '@' + 'b' * 60 + '.' + 'c' * 58,
    # non-ASCII
    'user@bücher.de', 'user@BÜCHER.DE', 'user@例え.テスト', 'üser@example.com', 'user@ＥＸＡＭＰＬＥ.com',
    'user@exam\u00adple.com', 'user@\U0001F600.com', 'user@xn--bcher-kva.de', 'user@xn--bücher.de',
    'user@bü_cher.de', 'user@müller.de.', 'user@münchen..de', 'user@bücher.de\u3002com', 'user@bücher\uff0ede',
    'user@\u212aelvin.com', '\u017f@example.com', 'user@\u0131.com', 'user@\u0130stanbul.com',
    'user@مثال.إختبار', 'user@aمثال.com', 'user@مثالa.com', 'user@ß.de', 'user@strasse-ß.de', 'user@\u01c5x.com',
    'user@\u200dx.com', 'user@é\u2024com', 'user@é\ue000.com', 'user@é\u3000x.com', 'user@ⓐé.com',
    'user@' + 'ü' * 60 + '.de', 'user@' + 'ü' * 30 + '.de', 'user@é' + 'a' * 58 + '.de', 'user@é' + 'a' * 57 + '.de',
    'user@\ud800.com', 'user@é\udc00.com', 'user@ǰ.com', 'user@ᾀ.gr', 'user@\u2f868é.com', 'user@\U0002F868.com',
    'user@\u0345x.com', 'user@\u3371.com', 'user@é.\u2474', 'user@\u10d50.com', 'user@\U00010D50.com',
    'user@\u2c00.com', 'user@\u08a0x.com', 'user@\u0627\u0644\u0639\u0631\u0628\u064a\u0629.com',
    'user@\u05d0\u05d1.\u05d2\u05d3', 'user@\u05d0\u05d11.com', 'user@1\u05d0.com',
    'user@\u0301é.com', 'user@é\ufe0f.com', 'user@xn--é.com', 'user@é.xn--', 'user@\u00e9-.com', 'user@-\u00e9.com',
    'Jürgen@example.com', 'user@é', 'user@é.c', 'user@é.co', 'user@.é.co',
]

IDNA_DOMAINS = [
    'bücher.de', 'BÜCHER.de', '例え.テスト', 'ＥＸＡＭＰＬＥ.com', 'exam\u00adple.com', '\U0001F600.com',
    'xn--bücher.de', 'bü_cher.de', 'müller.de.', 'münchen..de', 'bücher.de\u3002com', 'ß.de', 'ᾀ.gr',
    'مثال.إختبار', 'aمثال.com', '\u200dx.com', 'é\u2024com', 'é\ue000.com', 'ⓐé.com', 'ü' * 60 + '.de',
    'ü' * 30 + '.de', 'é' + 'a' * 58 + '.de', 'é' + 'a' * 57 + '.de', 'ǰ.com', '\u2c00.com', 'ąęśćżźńół.pl',
    'ÄÖÜäöü.de', 'ѐ-Ѝ.рф', 'россия.рф', '中国.中国', 'ひらがな.jp', '\u0627\u0644\u0639\u0631\u0628\u064a\u0629.com',
    'd\u00e9j\u00e0-vu.fr', 'é', 'é..x', 'a' * 64 + '.é', 'é.' + 'a' * 64, 'é.' + 'a' * 63,
]


def idna(domain):
    try:
        return domain.encode('idna').decode('ascii')
    except UnicodeError as exc:
        return {'error': str(exc)}


out = {
    'generator': 'tools/gen-email-vectors.py (Django 3.2.25 EmailValidator, CPython 3.11.2)',
    'emails': [[a, valid(a)] for a in ADDRESSES],
    'idna': [[d, idna(d)] for d in IDNA_DOMAINS],
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'email-validator.vectors.json')
with open(path, 'w') as f:
    f.write('{"generator": %s,\n "emails": [\n' % json.dumps(out['generator']))
    f.write(',\n'.join(json.dumps(e) for e in out['emails']))
    f.write('\n],\n "idna": [\n')
    f.write(',\n'.join(json.dumps(e) for e in out['idna']))
    f.write('\n]}\n')
print(len(out['emails']), 'emails,', sum(v for _, v in out['emails']), 'valid;', len(out['idna']), 'idna ->',
      os.path.normpath(path))
