import { renderJson } from './renderer';

/** Python's json.dumps(ensure_ascii=False, separators=(',', ':')) + DRF's U+2028/9 escapes (spec §1.1). */
describe('renderJson', () => {
  it('is compact, raw UTF-8, Python escapes for controls', () => {
    expect(renderJson({ a: 'é"\\\n\t\u0001', b: [1, null, true] })).toBe('{"a":"é\\"\\\\\\n\\t\\u0001","b":[1,null,true]}');
  });

  it('escapes U+2028 and U+2029', () => {
    expect(renderJson(['\u2028\u2029'])).toBe('["\\u2028\\u2029"]');
  });

  it('indents like Python with separators (",", ": ")', () => {
    expect(renderJson({ detail: 'x', n: [1] }, 4)).toBe('{\n    "detail": "x",\n    "n": [\n        1\n    ]\n}');
    expect(renderJson({}, 4)).toBe('{}');
  });
});
