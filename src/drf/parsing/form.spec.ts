import { readFileSync } from 'fs';
import { join } from 'path';
import {
  DjangoServerError,
  DjangoSuspiciousOperation,
  FormParseError,
  parseMultipart,
  parseMultipartForm,
  parseUrlEncoded,
  parseUrlEncodedPairs,
} from './form';
import { PyUploadedFile, pyTypeName } from './python-value';

// read at run time (importing the JSON would make tsc parse it; the JSON vectors nest 500 deep)
const vectorFile = JSON.parse(readFileSync(join(__dirname, 'form.vectors.json'), 'utf8')) as { vectors: Vector[] };

// Vectors: tools/gen-form-vectors.py ran DRF 3.14's FormParser / MultiPartParser (Django 3.2.25).
type Runs = [string, number][];
type Value = string | Runs; // long values are stored as [char, count] runs
interface Vector {
  type: 'urlencoded' | 'multipart';
  body?: string;
  bodyHex?: string;
  bodyRuns?: Runs;
  charset?: string;
  contentType?: string;
  note?: string;
  ok?: { fields: [string, Value[]][]; files: [string, Value[]][] };
  error?: string;
  raises?: string;
  suspicious?: boolean;
}
const vectors = vectorFile.vectors;

const expand = (v: Value): string => (typeof v === 'string' ? v : v.map(([t, n]) => t.repeat(n)).join(''));

function bodyOf(v: Vector): Buffer {
  if (v.bodyHex !== undefined) return Buffer.from(v.bodyHex, 'hex');
  return Buffer.from(v.bodyRuns ? expand(v.bodyRuns) : (v.body as string), 'utf8');
}

/** QueryDict.lists(): keys in first-appearance order, each with all its values. */
function lists(pairs: [string, string][]): [string, string[]][] {
  const grouped = new Map<string, string[]>();
  for (const [k, v] of pairs) grouped.set(k, [...(grouped.get(k) ?? []), v]);
  return [...grouped];
}

function parse(v: Vector): { fields: [string, string[]][]; files: [string, string[]][] } {
  const body = bodyOf(v);
  if (v.type === 'urlencoded') return { fields: lists(parseUrlEncodedPairs(body, v.charset)), files: [] };
  const form = parseMultipartForm(body, v.contentType as string);
  return { fields: lists(form.fields), files: lists(form.files.map(([k, f]) => [k, f.name])) };
}

function label(v: Vector, i: number): string {
  const text = v.body ?? (v.bodyHex !== undefined ? `hex:${v.bodyHex}` : `${expand(v.bodyRuns!).length} bytes`);
  const short = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  const ctx = v.type === 'urlencoded' ? (v.charset !== undefined ? ` charset=${v.charset}` : '') : ` ${v.contentType}`;
  return `#${i} ${v.type} ${JSON.stringify(short)}${ctx}${v.note ? ` (${v.note})` : ''}`;
}

describe('form parsing against DRF FormParser / MultiPartParser vectors', () => {
  it('has a broad table', () => {
    expect(vectors.filter((v) => v.type === 'urlencoded').length).toBeGreaterThanOrEqual(30);
    expect(vectors.filter((v) => v.type === 'multipart').length).toBeGreaterThanOrEqual(60);
  });

  vectors.forEach((v, i) => {
    it(label(v, i), () => {
      const run = () => parse(v);
      if (v.error !== undefined) {
        expect(run).toThrow(FormParseError);
        expect(run).toThrow(new FormParseError(v.error));
      } else if (v.raises !== undefined) {
        const cls = v.suspicious ? DjangoSuspiciousOperation : DjangoServerError;
        expect(run).toThrow(cls);
        try {
          run();
        } catch (e) {
          expect((e as DjangoSuspiciousOperation).pythonClass).toBe(v.raises);
        }
      } else {
        const ok = v.ok!;
        expect(run()).toEqual({
          fields: ok.fields.map(([k, vs]) => [k, vs.map(expand)]),
          files: ok.files.map(([k, vs]) => [k, vs.map(expand)]),
        });
      }
    });
  });
});

describe('dict views (DRF reads the last value of a key)', () => {
  it('parseUrlEncoded keeps the last value and builds a prototype-less dict', () => {
    const d = parseUrlEncoded(Buffer.from('a=1&__proto__=x&a=2&b'));
    expect(Object.getPrototypeOf(d)).toBeNull();
    expect({ ...d }).toEqual({ a: '2', ['__proto__']: 'x', b: '' });
  });

  it('parseUrlEncoded honours the charset parameter', () => {
    expect(parseUrlEncoded(Buffer.from('x=%E9'), 'latin-1')['x']).toBe('\u00e9');
  });

  it('parseMultipart: last text value wins, files are merged in after all text values', async () => {
    // reference: a file part named "email" makes DRF answer {"email":["Enter a valid email address."]}
    const body = Buffer.from(
      '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n' +
        '--b\r\nContent-Disposition: form-data; name="email"; filename="x.txt"\r\n\r\ndata\r\n' +
        '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n2\r\n' +
        '--b\r\nContent-Disposition: form-data; name="email"\r\n\r\nuser@example.com\r\n--b--\r\n',
    );
    const d = await parseMultipart(body, 'multipart/form-data; boundary=b');
    expect(Object.getPrototypeOf(d)).toBeNull();
    expect(Object.keys(d)).toEqual(['a', 'email']);
    expect(d['a']).toBe('2');
    expect(d['email']).toEqual(new PyUploadedFile('x.txt', 'InMemoryUploadedFile'));
    expect(pyTypeName(d['email'])).toBe('InMemoryUploadedFile');
  });

  it('parseMultipart rejects with DRF\'s exact detail', async () => {
    await expect(parseMultipart(Buffer.from('x'), 'multipart/form-data')).rejects.toThrow(
      new FormParseError('Multipart form parse error - Invalid boundary in multipart: None'),
    );
  });
});
