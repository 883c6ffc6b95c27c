#!/usr/bin/python3
"""Regenerate ../python-codecs.vectors.json from CPython 3.11.2's codecs.

    /usr/bin/python3 src/drf/parsing/tools/gen-python-codecs-vectors.py
Per input (hex): bytes.decode(codec) (text or error message), bytes.decode(codec, 'replace'),
and codecs.getreader(codec)(stream).read() (what DRF's JSONParser reads).
"""
import codecs
import io
import json
import os
import random

random.seed(7)


def attempt(fn):
    try:
        return fn()
    except UnicodeDecodeError as exc:
        return {'error': str(exc)}


def row(codec, data):
    return {
        'codec': codec,
        'hex': data.hex(),
        'strict': attempt(lambda: data.decode(codec)),
        'replace': data.decode(codec, 'replace'),
        'stream': attempt(lambda: codecs.getreader(codec)(io.BytesIO(data)).read()),
    }


UTF8 = [b'', b'abc', 'é€😀'.encode(), b'\x80', b'\xbf', b'\xc0\x80', b'\xc1\xbf', b'\xc2', b'\xc2\x41', b'\xc2\x80',
        b'\xdf\xbf', b'\xe0', b'\xe0\x80', b'\xe0\x9f\x80', b'\xe0\xa0', b'\xe0\xa0\x80', b'\xe0\xa0\x41', b'\xe1\x80',
        b'\xed\x9f\xbf', b'\xed\xa0', b'\xed\xa0\x80', b'\xed\xbf\xbf', b'\xee\x80\x80', b'\xef\xbf\xbf', b'\xf0',
        b'\xf0\x8f', b'\xf0\x90', b'\xf0\x90\x80', b'\xf0\x90\x80\x80', b'\xf0\x90\x41', b'\xf0\x90\x80\x41',
        b'\xf4\x8f\xbf\xbf', b'\xf4\x90\x80\x80', b'\xf4\x90', b'\xf5\x80\x80\x80', b'\xf8\x88\x80\x80\x80', b'\xff',
        b'\xfe\xff', b'a\xffb\xc3\xa9c', b'\xe2\x82', b'\xe2\x82\xac\xe2', b'x\xed\xa0', b'x\xed\xa0y',
        b'\xef\xbb\xbfhi', b'\xef\xbb']
for _ in range(150):
    n = random.randint(1, 8)
    data = bytes(random.choice([random.randint(0, 0x7f), random.randint(0x80, 0xbf), random.randint(0xc0, 0xff),
                                0xe0, 0xed, 0xf0, 0xf4]) for _ in range(n))
    UTF8.append(data)

rows = [row('utf-8', d) for d in UTF8]
rows += [row('utf-8-sig', d) for d in [b'\xef\xbb\xbfhi', b'\xef\xbb\xbf\xff', b'\xef\xbb', b'\xef', b'hi', b'\xff']]
ALL = bytes(range(256))
for codec in ('ascii', 'latin-1', 'cp1252'):
    rows.append(row(codec, ALL))
    rows.append(row(codec, b'ok'))
    rows.append(row(codec, b'abc\x81\x9d'))

LABELS = ['utf-8', 'UTF-8', 'utf8', 'UTF 8', 'utf_8', ' utf-8 ', 'utf--8', 'u8', 'utf', 'cp65001', 'utf.8', 'UTF8-SIG',
          'utf-8-sig', 'latin-1', 'latin1', 'Latin 1', 'iso-8859-1', 'ISO_8859-1', 'iso8859_1', 'l1', 'latin', '8859',
          'iso-ir-100', 'cp819', 'ascii', 'us-ascii', 'US_ASCII', '646', 'ansi_x3.4-1968', 'cp1252', 'windows-1252',
          '1252', '', 'no-such-charset', 'unicode-1-1-utf-8', 'x-user-defined']


def lookup(label):
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


out = {
    'generator': 'tools/gen-python-codecs-vectors.py (CPython 3.11.2)',
    'decode': rows,
    'lookup': [[label, lookup(label)] for label in LABELS],
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'python-codecs.vectors.json')
with open(path, 'w') as f:
    f.write('{"generator": %s,\n "lookup": %s,\n "decode": [\n' % (json.dumps(out['generator']), json.dumps(out['lookup'])))
    f.write(',\n'.join(json.dumps(r) for r in out['decode']))
    f.write('\n]}\n')
print(len(rows), 'decode rows,', len(LABELS), 'labels ->', os.path.normpath(path))
