import { readFileSync } from 'fs';
import { join } from 'path';
import { parsePythonJson, PythonJsonError, PythonJsonRecursionError, REFERENCE_MAX_JSON_DEPTH, scanPythonJson } from './python-json';
import { isPyDict, PyFloat, PyInt, pyStr, PyValue } from './python-value';

// read at run time (importing the JSON would make tsc parse it; the JSON vectors nest 500 deep)
const vectorFile = JSON.parse(readFileSync(join(__dirname, 'python-json.vectors.json'), 'utf8')) as { vectors: Vector[] };

// Vectors: tools/gen-python-json-vectors.py ran DRF 3.14's JSONParser on CPython 3.11.2.
type Tagged = null | boolean | string | { int: string } | { float: string } | { list: Tagged[] } | { dict: [string, Tagged][] };
interface Vector {
  body?: string;
  bodyHex?: string;
  charset?: string;
  note?: string;
  ok?: Tagged;
  error?: string;
}
const vectors = vectorFile.vectors;

/** The tagged form the generator wrote, rebuilt from our value. */
function tag(v: PyValue): Tagged {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (v instanceof PyInt) return { int: pyStr(v) };
  if (v instanceof PyFloat) return { float: pyStr(v) };
  if (Array.isArray(v)) return { list: v.map(tag) };
  if (!isPyDict(v)) throw new Error('uploaded files never come from JSON');
  const dict = v;
  return { dict: Object.keys(dict).map((k) => [k, tag(dict[k])] as [string, Tagged]) };
}

const isArrayIndex = (k: string) => /^(0|[1-9]\d*)$/.test(k) && Number(k) < 2 ** 32 - 1;

/**
 * Python dicts keep insertion order; a JS object (our PyDict) lists array-index keys
 * ("0", "1", ...) first, ascending. Apply that one documented reordering to the expectation.
 */
function inJsKeyOrder(t: Tagged): Tagged {
  if (t === null || typeof t !== 'object') return t;
  if ('list' in t) return { list: t.list.map(inJsKeyOrder) };
  if ('dict' in t) {
    const entries = t.dict.map(([k, v]) => [k, inJsKeyOrder(v)] as [string, Tagged]);
    const indexed = entries.filter(([k]) => isArrayIndex(k)).sort((a, b) => Number(a[0]) - Number(b[0]));
    return { dict: [...indexed, ...entries.filter(([k]) => !isArrayIndex(k))] };
  }
  return t;
}

function bodyOf(v: Vector): Buffer {
  return v.bodyHex !== undefined ? Buffer.from(v.bodyHex, 'hex') : Buffer.from(v.body as string, 'utf8');
}

function label(v: Vector, i: number): string {
  const text = v.body ?? `hex:${v.bodyHex}`;
  const short = text.length > 50 ? `${text.slice(0, 47)}...` : text;
  return `#${i} ${JSON.stringify(short)}${v.charset !== undefined ? ` charset=${v.charset}` : ''}${v.note ? ` (${v.note})` : ''}`;
}

it('has a broad table of vectors', () => {
  expect(vectors.length).toBeGreaterThanOrEqual(200);
  expect(vectors.filter((v) => v.error !== undefined).length).toBeGreaterThanOrEqual(100);
});

// parsePythonJson answers most valid documents through JSON.parse; the scanner must still match every vector on its own
describe.each([
  ['parsePythonJson', parsePythonJson],
  ['scanPythonJson (the scanner alone)', scanPythonJson],
])('%s against DRF JSONParser vectors', (_, parse) => {
  vectors.forEach((v, i) => {
    it(label(v, i), () => {
      const run = () => parse(bodyOf(v), v.charset);
      if (v.error !== undefined) {
        expect(run).toThrow(PythonJsonError);
        expect(run).toThrow(new PythonJsonError(v.error));
      } else {
        expect(tag(run())).toEqual(inJsKeyOrder(v.ok as Tagged));
      }
    });
  });
});

describe('parsePythonJson details', () => {
  it('builds prototype-less dicts where a repeated key keeps its last value', () => {
    const v = parsePythonJson(Buffer.from('{"__proto__":1,"a":1,"a":2}'));
    expect(isPyDict(v)).toBe(true);
    expect(Object.getPrototypeOf(v)).toBeNull();
    const expected = Object.create(null);
    expected['__proto__'] = new PyInt('1');
    expected['a'] = new PyInt('2');
    expect(v).toEqual(expected);
    expect(Object.keys(v as object)).toEqual(['__proto__', 'a']);
  });

  it('keeps the integer literal text and the float value', () => {
    expect(parsePythonJson(Buffer.from('[-0, 12345678901234567890123, 1e20]'))).toEqual([
      new PyInt('-0'),
      new PyInt('12345678901234567890123'),
      new PyFloat(1e20),
    ]);
  });

  it('keeps lone surrogates from \\u escapes as lone UTF-16 units', () => {
    expect(parsePythonJson(Buffer.from('"\\ud800x"'))).toBe('\ud800x');
  });

  it('error message is exactly the text DRF puts after "JSON parse error - "', () => {
    // spec §1.3 [captured] examples
    expect(() => parsePythonJson(Buffer.from('{bad json'))).toThrow(
      'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)',
    );
    expect(() => parsePythonJson(Buffer.from('NaN'))).toThrow("Out of range float values are not JSON compliant: 'NaN'");
  });

  describe('nesting depth (reference server: 943 nested containers parse, the 944th gives HTTP 500)', () => {
    it('parses 943 levels', () => {
      const v = parsePythonJson(Buffer.from('['.repeat(REFERENCE_MAX_JSON_DEPTH) + ']'.repeat(REFERENCE_MAX_JSON_DEPTH)));
      expect(Array.isArray(v)).toBe(true);
    });

    it('reports an unterminated 943-level array as a parse error (reference: 400 "Expecting value: line 1 column 944 (char 943)")', () => {
      expect(() => parsePythonJson(Buffer.from('['.repeat(943)))).toThrow(
        new PythonJsonError('Expecting value: line 1 column 944 (char 943)'),
      );
    });

    it('raises PythonJsonRecursionError on the 944th level, for arrays and objects alike', () => {
      expect(() => parsePythonJson(Buffer.from('['.repeat(944)))).toThrow(PythonJsonRecursionError);
      expect(() => parsePythonJson(Buffer.from('{"a":'.repeat(944)))).toThrow(PythonJsonRecursionError);
    });

    it('does not overflow the JS stack on 100k nested brackets', () => {
      expect(() => parsePythonJson(Buffer.from('['.repeat(100_000)))).toThrow(PythonJsonRecursionError);
      const deep = '['.repeat(100_000) + ']'.repeat(100_000);
      expect(Array.isArray(parsePythonJson(Buffer.from(deep), undefined, { maxDepth: Infinity }))).toBe(true);
    });

    it('a syntax error before the 944th level wins', () => {
      expect(() => parsePythonJson(Buffer.from('[1 ' + '['.repeat(2000)))).toThrow(
        new PythonJsonError("Expecting ',' delimiter: line 1 column 4 (char 3)"),
      );
    });
  });
});
