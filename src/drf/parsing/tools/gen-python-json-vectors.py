#!/usr/bin/python3
"""Regenerate ../python-json.vectors.json by running DRF 3.14's real JSONParser.

Run with Debian's interpreter (the one the reference stack uses):
    /usr/bin/python3 src/drf/parsing/tools/gen-python-json-vectors.py
Each vector: the request body (as text when it is valid UTF-8, else hex), the
charset parameter of the Content-Type (None = absent), and DRF's outcome: either
the parsed value (typed, see encode()) or the text after "JSON parse error - ".
"""
import codecs
import io
import json
import os
import random
import sys

import django
from django.conf import settings

settings.configure(DEFAULT_CHARSET='utf-8')
django.setup()

from rest_framework.exceptions import ParseError  # noqa: E402
from rest_framework.parsers import JSONParser  # noqa: E402

PREFIX = 'JSON parse error - '


def encode(v):
    """Typed, order-preserving encoding of a Python value (ints/floats tagged)."""
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, int):
        return {'int': str(v)}
    if isinstance(v, float):
        return {'float': repr(v)}
    if isinstance(v, str):
        return v
    if isinstance(v, list):
        return {'list': [encode(x) for x in v]}
    if isinstance(v, dict):
        return {'dict': [[k, encode(x)] for k, x in v.items()]}
    raise TypeError(type(v))


def request_encoding(charset):
    """What Django's HttpRequest._set_content_type_params keeps (unknown -> default)."""
    if charset is None:
        return 'utf-8'
    try:
        codecs.lookup(charset)
    except LookupError:
        return 'utf-8'
    return charset


def outcome(body, charset):
    ctx = {'encoding': request_encoding(charset)}
    try:
        value = JSONParser().parse(io.BytesIO(body), 'application/json', ctx)
    except ParseError as exc:
        text = str(exc.detail)
        assert text.startswith(PREFIX), text
        return {'error': text[len(PREFIX):]}
    except RecursionError:
        return {'raises': 'RecursionError'}
    # encode() itself recurses (two frames per level): give it room, then restore
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(20000)
    try:
        return {'ok': encode(value)}
    finally:
        sys.setrecursionlimit(limit)


CASES = []


def case(body, charset=None, note=''):
    if isinstance(body, str):
        body = body.encode('utf-8')
    CASES.append((body, charset, note))


# --- well-formed ---------------------------------------------------------------
case('{}')
case('[]')
case('{"username":"alice","password":"Str0ng-Passw0rd!"}')
case(' \t\r\n{ "a" : "b" } \n\r\t ', note='JSON whitespace around and inside')
case('null')
case('true')
case('false')
case('"just a string"')
case('0')
case('-0', note='int -0 prints as 0')
case('-0.0')
case('1.5')
case('1e20')
case('1E+20')
case('1e-5')
case('1.0')
case('1e16')
case('1e15')
case('123456789012345678.0')
case('100000000000000000000.0')
case('0.1')
case('0.0001')
case('0.00001')
case('5e-324')
case('1.7976931348623157e308')
case('1e400', note='overflows to inf without error')
case('-1e400')
case('1e-400', note='underflows to 0.0')
case('123456789012345678901234567890123456789012345678901234567890')
case('-98765432109876543210')
case('[0,-0,1,-1,0.5,-0.5,1e5,1E5,1e+5,1e-5,2.0,10.25e2]')
case('{"a":1,"b":2,"a":3}', note='duplicate keys: last value, first position')
case('{"b":1,"2":2,"1":3,"a":4}', note='integer-like keys keep document order in Python')
case('{"__proto__":{"x":1},"constructor":2,"toString":3}')
case('{"name":"Jürgen ☃ 😀 日本語"}')
case('{"a":"\\u00e9\\ud83d\\ude00\\u00E9"}', note='escapes incl. surrogate pair')
case('{"a":"\\ud800"}', note='lone high surrogate escape')
case('{"a":"\\udc00\\ud800"}', note='reversed pair stays two lone surrogates')
case('{"a":"\\ud800\\u0041"}')
case('"\\ud83d\\ud83d\\ude00"', note='high + pair')
case('"\\ud800\\n"')
case('"\\"\\\\\\/\\b\\f\\n\\r\\t"', note='every simple escape')
case('"\\u0000"', note='escaped NUL is fine')
case('{"a":[1,{"b":[null,true,false,"x"]}],"c":{}}')
case('[' * 500 + ']' * 500, note='deep but below the recursion limit')
case('{"a":' * 300 + '1' + '}' * 300)
case('"\u2028\u2029\u0085\u00a0"', note='non-ASCII whitespace inside strings is data')
case('{"k":"v"}\n\n\n', note='trailing newlines')
case('"' + 'x' * 5000 + '"', note='long string')
case('["\U0001F600", 1]')
case('{"":""}', note='empty key')
case('{"a":"b\\/c"}')

# --- malformed -----------------------------------------------------------------
case('{bad json')
case('{"username": "alice", "password": "secret"} trailing', note='Extra data')
case('{"a":1}{"b":2}')
case('[1,2,3]]')
case('{"a" 1}')
case('{"a":1 "b":2}')
case('[1 2]')
case('[1,]')
case('{"a":1,}')
case('[,1]')
case('{,}')
case('[')
case('{')
case(']')
case('}')
case('{"a"')
case('{"a":')
case('{"a":}')
case('{"a":1')
case('[1,2')
case('"abc')
case('"abc\\')
case('"\\x"')
case('"\\u12"')
case('"\\u12G4"')
case('"\\u123')
case('"\\u1234')
case('"\\u1234"')
case('"\\ud800\\u12G4"')
case('"\\ud800\\')
case('"\\ud800\\u')
case('"\\ud800\\udc0')
case('"\\ud800\\udc00')
case('"\\ud800\\udc00"')
case('"\\ud800\\x"')
case('{"username":"x\ty"}', note='raw TAB in string')
case('{\n"a":\n"x\ny"}', note='raw newline in string, multi-line position')
case('"\x00"')
case('"\x1f"')
case('"\x7f"', note='DEL is allowed raw')
case('{\n  "a": 1,\n  "b": \n}', note='line 4')
case('{\r\n"a":\r\n}', note='CR does not count as a line break')
case('NaN')
case('Infinity')
case('-Infinity')
case('[NaN]')
case('{"a":NaN}')
case('{"a":-Infinity, "b": x}')
case('[1, Infinity]')
case('nan')
case('Nan')
case('Infinit')
case('-Inf')
case('-Infinityx')
case('tru')
case('nul')
case('nulll')
case('True')
case('None')
case("{'a':1}")
case('01')
case('-')
case('-a')
case('--1')
case('1.')
case('.5')
case('1e')
case('1e+')
case('1.5e')
case('1.5e-')
case('1E5x')
case('+1')
case('0x10')
case('1_000')
case('00')
case('-01')
case('1' * 4300, note='largest int Python 3.11 converts')
case('1' * 4301, note='int_max_str_digits limit')
case('-' + '1' * 4301)
case('[1, ' + '9' * 5000 + ']')
case('1.' + '1' * 5000, note='floats have no digit limit')
case('// comment\n{}')
case('{"a":1} // comment')
case('')
case('   ')
case('\n\n  \n')
case('\x0c{}', note='form feed is not JSON whitespace')
case('\x0b{}')
case('\u00a0{}', note='NBSP is not JSON whitespace')
case('{}\u00a0')
case('\ufeff{}', note='BOM after decoding -> Unexpected UTF-8 BOM')
case('{\x00}')
case('\x00')
case('{"ä":1,}', note='code-point positions')
case('["😀" x]', note='astral char counts as one column')
case('["😀😀😀", "日本"  ,, ]')
case('{"a":"ü\n"}')
case('{"a": [1, 2, {"b": [3, 4, }]}')
case('[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23 24]')
case('{"a":1}\n{"b":2}\n')
case('"\\u00"')
case('"\\uZZZZ"')
case('"\\U0041"')
case('"\\\'"')
case('["a",\n\n\n  "b" "c"]')
case('[' * 50, note='unterminated deep array')
case('{"a":' * 50)
case('[' * 10 + '1' + ']' * 9)
case('{"a":true,"b":false,"c":null,"d":fals}')
case('\t')
case('"')
case('"\\')
case('""')
case('["\\u"]')

# --- bytes that are not valid UTF-8 ----------------------------------------------
case(b'{"username":"\xff"}')
case(b'{"a":"\xfe"}')
case(b'{"a":"\xc3"}', note='truncated sequence mid-body')
case(b'{"a":"\xc3\x28"}')
case(b'{"a":"\xe2\x82\x28"}', note='two valid bytes then a bad one')
case(b'{"a":"\xe2\x28\xa1"}')
case(b'{"a":"\xf0\x9f\x98\x28"}')
case(b'{"a":"\xf0\x28\x8c\x28"}')
case(b'{"a":"\xc0\x80"}', note='overlong')
case(b'{"a":"\xe0\x80\x80"}')
case(b'{"a":"\xf0\x80\x80\x80"}')
case(b'{"a":"\xf4\x90\x80\x80"}', note='above U+10FFFF')
case(b'{"a":"\xf5\x80\x80\x80"}')
case(b'{"a":"\xf8\x88\x80\x80\x80"}')
case(b'{"a":"\xed\xa0\x80"}', note='encoded surrogate')
case(b'{"a":"\xed\xbf\xbf"}')
case(b'{"a":"\x80"}', note='lone continuation byte')
case(b'{}\xc3', note='incomplete sequence at the very end is dropped (stream reader)')
case(b'{}\xe2\x82')
case(b'{}\xf0\x9f\x98')
case(b'{}\xed\xa0', note='truncated surrogate at the end is dropped')
case(b'{}\xed\x9f')
case(b'{}\xe0\x80', note='invalid prefix at the end is an error')
case(b'{}\xf0\x80')
case(b'{}\xf4\x90')
case(b'{}\xf0\x9f\x28')
case(b'{}\xc0')
case(b'{}\xff')
case(b'{"a":"\xc3')
case(b'\xef\xbb\xbf{}', note='UTF-8 BOM bytes')
case(b'\xef\xbb\xbf{}', 'utf-8-sig')
case(b'\xef\xbb', note='partial BOM')
case(b'\xef\xbb', 'utf-8-sig')
case(b'\xef\xbb\xbf{"a":"\xff"}', 'utf-8-sig', note='position counted after the BOM')
case(b'{"a":"\xff"}', 'utf-8-sig')
case(b'\xff\xfe', note='UTF-16 BOM read as UTF-8')

# --- charsets --------------------------------------------------------------------
case(b'{"a":"\xe9"}', 'iso-8859-1')
case(b'{"a":"\xe9"}', 'latin1')
case(b'{"a":"\xe9"}', 'ISO_8859-1')
case(b'{"a":"\xe9"}', 'ascii')
case(b'{"a":"\xe9\xe8"}', 'us-ascii')
case(b'{"a":"\x80\x81"}', 'cp1252')
case(b'{"a":"\x80\x9f"}', 'windows-1252')
case('{"a":"é"}', 'UTF-8')
case('{"a":"é"}', 'utf8')
case(b'{"a":"\xff"}', 'UTF8')
case(b'{"a":"\xff"}', 'no-such-charset', note='unknown charset: Django falls back to utf-8')
case(b'{"a":"\xe9"}', '', note='empty charset parameter')

random.seed(1234)
FLOATS = ['%r' % random.uniform(-1e6, 1e6) for _ in range(8)]
FLOATS += ['%r' % (random.random() * 10 ** random.randint(-30, 30)) for _ in range(8)]
case('[' + ','.join(FLOATS) + ']', note='random doubles: repr round-trip')


def body_fields(body):
    try:
        return {'body': body.decode('utf-8')}
    except UnicodeDecodeError:
        return {'bodyHex': body.hex()}


vectors = []
for body, charset, note in CASES:
    v = body_fields(body)
    if charset is not None:
        v['charset'] = charset
    if note:
        v['note'] = note
    v.update(outcome(body, charset))
    vectors.append(v)

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'python-json.vectors.json')
sys.setrecursionlimit(20000)  # the deep vectors nest 500 levels of tagged values
with open(out, 'w', encoding='utf-8') as f:
    # one vector per line keeps the file small and diffable
    f.write('{"generator": "tools/gen-python-json-vectors.py (DRF 3.14 JSONParser, CPython 3.11.2)",\n')
    f.write(' "vectors": [\n')
    f.write(',\n'.join(json.dumps(v, ensure_ascii=True) for v in vectors))
    f.write('\n]}\n')
print(len(vectors), 'vectors written to', os.path.normpath(out))
