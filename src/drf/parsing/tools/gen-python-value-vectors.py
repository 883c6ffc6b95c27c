#!/usr/bin/python3
"""Regenerate ../python-value.vectors.json: CPython 3.11 str() of ints and floats.

    /usr/bin/python3 src/drf/parsing/tools/gen-python-value-vectors.py
Floats are given by their repr (which round-trips to the same double in JS).
"""
import json
import os
import random
import struct

random.seed(20240601)

floats = [0.0, -0.0, 1.0, -1.0, 1.5, 0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3, 100.0, 1e20, 1e21, 1e22, 1e16, 1e15,
          9999999999999998.0, 999999999999999.9, 1234567890123456.7, 12345678901234567.0, 123456789012345678.0,
          1e-4, 1e-5, 0.00011, 0.000123456, 1.5e-7, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
          2.0 ** 53, 2.0 ** 53 + 2, 2.0 ** 63, 2.0 ** 64, 2.0 ** -1074, 123.456, -0.5, 4.35, 0.3, 1e100, 1e-100,
          float('inf'), float('-inf')]
floats += [10.0 ** e for e in range(-30, 31)]
floats += [1.0 + 10.0 ** e for e in range(-16, 0)]
while len(floats) < 600:
    bits = random.getrandbits(64)
    f = struct.unpack('<d', bits.to_bytes(8, 'little'))[0]
    if f == f and f not in (float('inf'), float('-inf')):
        floats.append(f)
for _ in range(200):
    floats.append(round(random.uniform(-1e6, 1e6), random.randint(0, 8)))
    floats.append(random.random() * 10 ** random.randint(-25, 25))

ints = ['0', '-0', '7', '-7', '007', '-000', '+5', '  42 ', '123456789012345678901234567890',
        '-99999999999999999999999999999999999999']

out = {
    'generator': 'tools/gen-python-value-vectors.py (CPython 3.11.2)',
    'floatRepr': [repr(f) for f in floats],
    'intStr': [[t, str(int(t))] for t in ints],
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'python-value.vectors.json')
with open(path, 'w') as f:
    json.dump(out, f)
    f.write('\n')
print(len(floats), 'floats,', len(ints), 'ints ->', os.path.normpath(path))
