#!/usr/bin/python3
"""Regenerate ../form.vectors.json by running DRF 3.14's FormParser and MultiPartParser
(Django 3.2.25's QueryDict / MultiPartParser underneath) on CPython 3.11.2.

    /usr/bin/python3 src/drf/parsing/tools/gen-form-vectors.py
Outcomes: {"ok": {"fields": [[key, [values...]], ...], "files": [[key, [filenames...]], ...]}}
(QueryDict.lists() order), {"error": "<DRF ParseError detail>"}, or
{"raises": "<exception class>", "suspicious": bool} for what escapes DRF
(SuspiciousOperation -> Django's 400 page, anything else -> 500).
"""
import base64
import codecs
import io
import json
import os

import django
from django.conf import settings

settings.configure(DEFAULT_CHARSET='utf-8', ALLOWED_HOSTS=['*'])
django.setup()

from django.core.exceptions import SuspiciousOperation  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from rest_framework.exceptions import ParseError  # noqa: E402
from rest_framework.parsers import FormParser, MultiPartParser  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def request_encoding(charset):
    if charset is None:
        return 'utf-8'
    try:
        codecs.lookup(charset)
    except LookupError:
        return 'utf-8'
    return charset


def run(fn):
    try:
        return fn()
    except ParseError as exc:
        return {'error': str(exc.detail)}
    except SuspiciousOperation as exc:
        return {'raises': type(exc).__name__, 'suspicious': True}
    except Exception as exc:  # what DRF lets through: Django's 500
        return {'raises': type(exc).__name__, 'suspicious': False}


def urlencoded(body, charset):
    def go():
        q = FormParser().parse(io.BytesIO(body), 'application/x-www-form-urlencoded',
                               {'encoding': request_encoding(charset)})
        return {'ok': {'fields': [[k, v] for k, v in q.lists()], 'files': []}}
    return run(go)


def multipart(body, content_type):
    def go():
        req = RequestFactory().generic('POST', '/x', data=body, content_type=content_type)
        ctx = {'request': req, 'encoding': req.encoding or 'utf-8'}
        result = MultiPartParser().parse(req, content_type, ctx)
        return {'ok': {'fields': [[k, v] for k, v in result.data.lists()],
                       'files': [[k, [f.name for f in v]] for k, v in result.files.lists()]}}
    return run(go)


def body_fields(body):
    try:
        return {'body': body.decode('utf-8')}
    except UnicodeDecodeError:
        return {'bodyHex': body.hex()}


URLENCODED = []


class Runs(list):
    """A long body as [text, count] runs (text repeated count times), stored compactly."""

    def text(self):
        return ''.join(t * n for t, n in self)


def as_bytes(body):
    if isinstance(body, Runs):
        return body.text().encode('utf-8')
    return body.encode('utf-8') if isinstance(body, str) else body


def ue(body, charset=None, note=''):
    URLENCODED.append((body, charset, note))


ue('username=alice&password=secret')
ue('a=1&a=2&b=3&a=4', note='repeated key: all values kept, DRF reads the last')
ue('a', note='key without =')
ue('a=')
ue('=b')
ue('=')
ue('&&a=1&&b&&')
ue('a=1;b=2', note='; is not a separator (Python >= 3.9.2)')
ue('a=b=c')
ue('first+name=John+Smith')
ue('a%20b=c%20d%2Be')
ue('email=a%40b.co')
ue('x=%zz&y=%&z=%4&w=%%41')
ue('x=%C3%A9&y=%c3%a9')
ue('x=%C3&y=%C3%28&z=%FF%FE')
ue('x=%E2%82&y=%F0%9F%98%80')
ue('x=%ED%A0%80')
ue('x=%00%0A%0D')
ue('x=%u00e9')
ue('nom=J\u00fcrgen&\u00e9=\u00e9')
ue('x=%C3\u00e9%A9', note='percent bytes around a raw non-ASCII char are decoded separately')
ue(b'x=\xe9', note='invalid UTF-8 body: Django re-decodes it as latin-1')
ue(b'x=\xe9%C3%A9')
ue(b'x=%E9', 'iso-8859-1')
ue(b'x=\xe9', 'latin1')
ue(b'x=%80%81', 'cp1252')
ue(b'x=%E9', 'ascii')
ue(b'x=\xe9', 'ascii')
ue(b'x=%E9', 'no-such-charset')
ue('')
ue('&')
ue('+=+')
ue(Runs([('&', 999), ('b=2', 1)]), note='1000 fields (counted as 1 + number of "&"): the limit')
ue(Runs([('&', 1000)]), note='1001 fields by count of "&": TooManyFieldsSent')
ue(Runs([('a=', 1), ('x', 100000)]), note='no size limit on urlencoded bodies through DRF')

MULTIPART = []


def mp(body, content_type='multipart/form-data; boundary=XyZ', note=''):
    MULTIPART.append((body, content_type, note))


def part(name, value, extra_headers='', disposition=None):
    disp = disposition if disposition is not None else 'form-data; name="%s"' % name
    head = 'Content-Disposition: %s\r\n%s' % (disp, extra_headers)
    return '--XyZ\r\n' + head + '\r\n' + value + '\r\n'


END = '--XyZ--\r\n'
mp(part('username', 'alice') + part('password', ' secret ') + END)
mp(part('a', '1') + part('a', '2') + part('b', '') + END, note='repeated key, empty value')
mp(part('email', 'x@y.co', disposition='form-data; name="email"; filename=""') + END,
   note='empty filename: still a text field')
mp(part('email', 'file body', 'Content-Type: text/plain\r\n', 'form-data; name="email"; filename="a.txt"')
   + part('username', 'bob') + END, note='file part')
mp(part('email', 'x@y.co') + part('email', 'file body', '', 'form-data; name="email"; filename="a.txt"') + END,
   note='file after text field with the same name')
mp(part('x', '1', disposition='form-data') + part('y', '2') + END, note='no name')
mp('--XyZ\r\nContent-Type: text/plain\r\n\r\norphan\r\n' + part('y', '2') + END, note='no disposition')
mp(part('a', '1') + part('b', 'unterminated'), note='no closing boundary')
mp(part('a', '1') + '--XyZ', note='ends with the bare separator')
mp(part('a', '1').replace('\r\n', '\n') + END.replace('\r\n', '\n'), note='LF line endings')
mp('preamble text\r\n' + part('a', '1') + END + 'epilogue\r\n')
mp(part('a', '1') + END + 'Content-Disposition: form-data; name="late"\r\n\r\nafter-close\r\n',
   note='a part after the close delimiter')
mp(part('a', '1'), 'multipart/form-data; boundary="XyZ"', note='quoted boundary')
mp(part('a', '1'), 'multipart/form-data', note='no boundary')
mp(part('a', '1'), 'multipart/form-data; boundary=""')
mp(part('a', '1'), 'multipart/form-data; boundary="a b "')
mp(part('a', '1'), 'multipart/form-data; boundary=' + 'b' * 201, note='201 chars: longest valid boundary')
mp(part('a', '1'), 'multipart/form-data; boundary=' + 'b' * 202)
mp(part('a', '1'), 'multipart/form-data; charset=utf-8; boundary=XyZ')
mp(part('a', '1'), 'multipart/form-data; boundary=XyZ\u00e9', note='non-ASCII Content-Type')
mp(part('a', '1'), 'multipart/form-data; Boundary=XyZ', note='parameter names are case-insensitive')
mp(part('a', '1'), 'multipart/form-data;boundary=XyZ;')
mp(b'--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n\xe9\r\n--XyZ--\r\n',
   'multipart/form-data; boundary=XyZ; charset=latin1', note='charset parameter decodes values')
mp(b'--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n\xff\xc3(\r\n--XyZ--\r\n', note='invalid UTF-8 value')
mp(part('na\\"me', 'v') + END, note='escaped quote in name')
mp(part('', 'v', disposition='form-data; name="  spaced  "') + END)
mp(part('', 'v', disposition="form-data; name*=utf-8''%C3%A9t%C3%A9") + END, note='RFC 2231 name')
mp(part('', 'v', disposition="form-data; name*=bogus''%C3%A9") + END, note='unknown RFC 2231 charset')
mp(part('', 'v', disposition="form-data; name*=bogus''plain") + END)
mp(part('', 'v', disposition="form-data; name=\"x\"; name*=utf-8''y") + END)
mp('--XyZ\r\ncontent-disposition: form-data; name="lower"\r\n\r\nv\r\n' + END)
mp('--XyZ\r\nContent-Disposition : form-data; name="sp"\r\n\r\nv\r\n' + END, note='space before colon')
mp(part('att', 'v', disposition='attachment; name="att"') + END, note='disposition type is not checked')
mp(part('n', 'v', disposition='form-data; name="a;b"; x=1') + END)
mp(part('b64', base64.b64encode(b'hello \xc3\xa9').decode(), 'Content-Transfer-Encoding: base64\r\n') + END)
mp(part('b64', 'not*base64!', 'Content-Transfer-Encoding: base64\r\n') + END, note='undecodable: raw value')
mp(part('b64', 'aGVsbG8', 'Content-Transfer-Encoding: base64\r\n') + END, note='bad padding: raw value')
mp(part('b64', 'aGVs bG8=\r\n', 'Content-Transfer-Encoding: base64\r\n') + END)
mp(part('b64', 'QQ==QUJD', 'Content-Transfer-Encoding: base64\r\n') + END, note='data after padding')
mp(part('b64', 'Q', 'Content-Transfer-Encoding: base64\r\n') + END)
mp(part('b64', 'aGVsbG8=', 'Content-Transfer-Encoding: BASE64\r\n') + END, note='encoding name is case-sensitive')
mp(part('f', 'aGVsbG8', 'Content-Transfer-Encoding: base64\r\n', 'form-data; name="f"; filename="a.bin"') + END,
   note='base64 file with bad length: parse error')
mp(part('f', '!!!!', 'Content-Transfer-Encoding: base64\r\n', 'form-data; name="f"; filename="a.bin"') + END)
mp(part('f', 'aGVsbG8=', 'Content-Transfer-Encoding: base64\r\n', 'form-data; name="f"; filename="a.bin"') + END)
mp(part('f', 'x', '', 'form-data; name="f"; filename="../.."') + part('g', 'y') + END, note='filename sanitized away')
mp(part('f', 'x', '', 'form-data; name="f"; filename="C:\\\\dir\\\\a&amp;b.txt"') + END)
mp('--XyZ\r\nContent-Disposition: form-data; name="big"\r\nX-Pad: ' + 'p' * 1100 + '\r\n\r\nv\r\n'
   + part('small', 'ok') + END, note='headers longer than 1024 bytes: part skipped')
mp(part('a', 'has --XyZ inside') + END, note='separator inside a value splits it')
mp(part('a', 'x\r\n\r\ny') + END, note='blank line inside the value')
mp(part('a', '') + END)
mp('--XyZ\r\n\r\nno headers\r\n' + part('a', '1') + END)
mp('--XyZ--\r\n', note='no parts')
mp('garbage without any boundary', note='no separator at all')
mp(part('J\u00fcrgen', '\u00e9t\u00e9 \U0001F600') + END)
NAMELESS = '--XyZ\r\nContent-Disposition: form-data\r\n\r\nv\r\n'
mp(Runs([(NAMELESS, 999), (part('last', 'x') + END, 1)]),
   note='1002 items counting preamble and epilogue: the limit (nameless parts count too)')
mp(Runs([(NAMELESS, 1000), (part('last', 'x') + END, 1)]), note='one more: TooManyFieldsSent')
mp(Runs([(part('f', 'x', '', 'form-data; name="f"; filename="a.txt"'), 100), (END, 1)]), note='100 files: the limit')
mp(Runs([(part('f', 'x', '', 'form-data; name="f"; filename="a.txt"'), 101), (END, 1)]),
   note='101 files: TooManyFilesSent')
BIG_HEAD = '--XyZ\r\nContent-Disposition: form-data; name="big"\r\n\r\n'
mp(Runs([(BIG_HEAD, 1), ('x', 2621440 - 5), ('\r\n' + END, 1)]),
   note='exactly DATA_UPLOAD_MAX_MEMORY_SIZE counting len(name) + 2')
mp(Runs([(BIG_HEAD, 1), ('x', 2621440 - 4), ('\r\n' + END, 1)]), note='one byte over: RequestDataTooBig')
HEAD_A = '--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n'
for last, what in ((621429, 'exactly at'), (621430, 'one byte over')):
    # (1000000 + len("a") + 2) * 2 + last + len("big") + 2 vs 2621440
    mp(Runs([(HEAD_A, 1), ('y', 1000000), ('\r\n' + HEAD_A, 1), ('y', 1000000), ('\r\n' + BIG_HEAD, 1),
             ('y', last), ('\r\n' + END, 1)]), note='the limit is cumulative over fields (%s)' % what)
mp(Runs([('--XyZ\r\nContent-Type: text/plain\r\n\r\n', 1), ('z', 100000), ('\r\n' + part('after', 'big-skip') + END, 1)]),
   note='a skipped part longer than a 64 KiB read chunk')
GHOST_HEAD = '--XyZ\r\nContent-Disposition: form-data\r\n\r\n'
GHOST_TAIL = '\r\nContent-Disposition: form-data; name="ghost"\r\n\r\nboo\r\n' + part('after', 'x') + END
mp(Runs([(GHOST_HEAD, 1), ('z', 70000), (GHOST_TAIL, 1)]),
   note='skipped part spanning chunks; its tail is too far into the next read to be seen')
mp(Runs([(GHOST_HEAD, 1), ('z', 65530 - len(GHOST_HEAD)), (GHOST_TAIL, 1)]),
   note='skipped part spanning chunks; Django re-reads its tail as a new part')
mp(Runs([('--XyZ\r\nContent-Disposition: form-data; name="long"\r\n\r\n', 1), ('L', 200000),
         ('\r\n' + part('after', 'x') + END, 1)]), note='a value spanning several chunks')
B64_FILE = part('f', '%s', 'Content-Transfer-Encoding: base64\r\n', 'form-data; name="f"; filename="a.bin"')
mp(B64_FILE % 'QUJD!' + END, note='base64 file: a stray character breaks the 4-byte alignment')
mp(Runs([(B64_FILE % ('QUJD' * 300 + '!' + 'QUJD' * 300 + '==='), 1), (END, 1)]),
   note='base64 file decoded chunk by chunk')

vectors = []
def body_entry(body):
    if isinstance(body, Runs):
        return {'bodyRuns': [[t, n] for t, n in body]}
    return body_fields(as_bytes(body))


for body, charset, note in URLENCODED:
    v = {'type': 'urlencoded', **body_entry(body)}
    if charset is not None:
        v['charset'] = charset
    if note:
        v['note'] = note
    v.update(urlencoded(as_bytes(body), charset))
    vectors.append(v)
for body, content_type, note in MULTIPART:
    v = {'type': 'multipart', **body_entry(body), 'contentType': content_type}
    if note:
        v['note'] = note
    v.update(multipart(as_bytes(body), content_type))
    vectors.append(v)

# values above 4 KiB are stored as [[char, count], ...] runs to keep the file small
def compress(text):
    runs, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and text[j] == text[i]:
            j += 1
        runs.append([text[i], j - i])
        i = j
    return runs


for v in vectors:
    assert len(v.get('body', '')) < 8192, v.get('note')
    if 'ok' in v:
        for group in ('fields', 'files'):
            for entry in v['ok'][group]:
                entry[1] = [compress(x) if len(x) > 4096 else x for x in entry[1]]

path = os.path.join(HERE, '..', 'form.vectors.json')
with open(path, 'w') as f:
    f.write('{"generator": "tools/gen-form-vectors.py (DRF 3.14 FormParser/MultiPartParser, Django 3.2.25, '
            'CPython 3.11.2)",\n "vectors": [\n')
    f.write(',\n'.join(json.dumps(v, ensure_ascii=True) for v in vectors))
    f.write('\n]}\n')
print(len(vectors), 'vectors ->', os.path.normpath(path))
