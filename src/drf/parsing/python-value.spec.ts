import { readFileSync } from 'fs';
import { join } from 'path';
import { isPyDict, newPyDict, PyFloat, PyInt, pyStr, pyTypeName, PyUploadedFile } from './python-value';

// read at run time (importing the JSON would make tsc parse it; the JSON vectors nest 500 deep)
const vectors = JSON.parse(readFileSync(join(__dirname, 'python-value.vectors.json'), 'utf8')) as { floatRepr: string[]; intStr: [string, string][] };

// Vectors: tools/gen-python-value-vectors.py (CPython 3.11.2 repr()/str()).

describe('pyStr', () => {
  it.each(vectors.intStr)('str(int(%j)) === %j', (text, expected) => {
    expect(pyStr(new PyInt(text))).toBe(expected);
  });

  it(`matches repr() for ${vectors.floatRepr.length} doubles`, () => {
    const mismatches = vectors.floatRepr
      .map((repr) => ({ repr, got: pyStr(new PyFloat(repr === 'inf' ? Infinity : repr === '-inf' ? -Infinity : Number(repr))) }))
      .filter(({ repr, got }) => repr !== got);
    expect(mismatches).toEqual([]);
  });

  it('covers the spec §1.4 examples', () => {
    expect(pyStr(new PyInt('123'))).toBe('123');
    expect(pyStr(new PyFloat(1.5))).toBe('1.5');
    expect(pyStr(new PyFloat(1e20))).toBe('1e+20');
    expect(pyStr(new PyFloat(NaN))).toBe('nan');
  });

  it('rejects text that is not an integer literal', () => {
    expect(() => pyStr(new PyInt('1.5'))).toThrow();
  });
});

describe('pyTypeName', () => {
  it('names each Python type as DRF prints it', () => {
    expect(pyTypeName(null)).toBe('NoneType');
    expect(pyTypeName(true)).toBe('bool');
    expect(pyTypeName('x')).toBe('str');
    expect(pyTypeName(new PyInt('1'))).toBe('int');
    expect(pyTypeName(new PyFloat(1))).toBe('float');
    expect(pyTypeName([])).toBe('list');
    expect(pyTypeName(newPyDict())).toBe('dict');
    expect(pyTypeName(new PyUploadedFile('a.txt', 'InMemoryUploadedFile'))).toBe('InMemoryUploadedFile');
  });
});

describe('newPyDict / isPyDict', () => {
  it('makes prototype-less dicts and tells them apart from other values', () => {
    const d = newPyDict();
    d['__proto__'] = 'data';
    expect(Object.getPrototypeOf(d)).toBeNull();
    expect(Object.keys(d)).toEqual(['__proto__']);
    expect(isPyDict(d)).toBe(true);
    const others = [null, 'x', [], new PyInt('1'), new PyFloat(1), false, new PyUploadedFile('f', 'TemporaryUploadedFile')];
    expect(others.some(isPyDict)).toBe(false);
  });
});
