import { readFileSync } from 'fs';
import { join } from 'path';
import { codePointsToString, decodeToString, lookupPyCodec, PyUnicodeDecodeError, requestCodec } from './python-codecs';

// read at run time (importing the JSON would make tsc parse it; the JSON vectors nest 500 deep)
const vectors = JSON.parse(readFileSync(join(__dirname, 'python-codecs.vectors.json'), 'utf8')) as { decode: Row[]; lookup: [string, string | null][] };

// Vectors: tools/gen-python-codecs-vectors.py (CPython 3.11.2 bytes.decode / codecs.getreader).
type Outcome = string | { error: string };
interface Row {
  codec: string;
  hex: string;
  strict: Outcome;
  replace: string;
  stream: Outcome;
}
const rows = vectors.decode;

function outcome(run: () => string): Outcome {
  try {
    return run();
  } catch (e) {
    if (e instanceof PyUnicodeDecodeError) return { error: e.message };
    throw e;
  }
}

describe('decoders against CPython', () => {
  it.each(rows.map((r) => [r.codec, r.hex, r] as const))('%s %s', (codecName, hex, r) => {
    const codec = lookupPyCodec(codecName)!;
    const bytes = Buffer.from(hex, 'hex');
    expect(outcome(() => decodeToString(bytes, codec, 'strict'))).toEqual(r.strict);
    expect(decodeToString(bytes, codec, 'replace')).toBe(r.replace);
    expect(outcome(() => codePointsToString(codec.decodeStream(bytes)))).toEqual(r.stream);
  });
});

describe('lookupPyCodec against codecs.lookup', () => {
  it.each(vectors.lookup)('%j -> %j', (label, name) => {
    expect(lookupPyCodec(label)?.name ?? null).toBe(name);
  });

  it('requestCodec falls back to utf-8 like Django for unknown or missing charsets', () => {
    expect(requestCodec(undefined).name).toBe('utf-8');
    expect(requestCodec('no-such-charset').name).toBe('utf-8');
    expect(requestCodec('latin1').name).toBe('iso8859-1');
  });

  it('decodes other Python codecs through TextDecoder', () => {
    expect(decodeToString(Buffer.from([0xc1, 0xc2]), lookupPyCodec('koi8-r')!, 'strict')).toBe('\u0430\u0431');
  });
});
