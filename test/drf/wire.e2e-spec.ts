import { startTestApp, TestApp } from '../support/test-app';
import { ProbeModule } from './probe.module';

/**
 * DRF's wire rules (spec §1.3, §1.4) on a probe view that declares Djoser's
 * UserCreateSerializer fields. Expected bodies are the spec's captures from the
 * reference (register endpoint, same fields and messages).
 */
describe('DRF wire layer: bodies, parsing and field rules', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, [ProbeModule]);
  });
  afterAll(() => t.close());

  const post = async (body: string | Buffer | undefined, contentType?: string, path = '/probe/fields/') => {
    const headers: Record<string, string> = {};
    if (contentType !== undefined) headers['Content-Type'] = contentType;
    const res = await fetch(`${t.url}${path}`, { method: 'POST', headers, body });
    return { status: res.status, body: await res.text(), headers: res.headers };
  };
  const json = (value: unknown) => post(JSON.stringify(value), 'application/json');

  it('an empty JSON object reports every required field, in declaration order', async () => {
    expect(await json({})).toMatchObject({ status: 400, body: '{"username":["This field is required."],"password":["This field is required."]}' });
  });

  it('an empty body is {} whatever the media type', async () => {
    expect((await post(undefined, 'application/json')).body).toBe('{"username":["This field is required."],"password":["This field is required."]}');
    expect((await post('', 'text/plain')).status).toBe(400);
  });

  it('blank fields (whitespace too) may not be blank; blank e-mail is allowed', async () => {
    expect((await json({ email: '', username: '', password: '   ' })).body).toBe(
      '{"username":["This field may not be blank."],"password":["This field may not be blank."]}',
    );
  });

  it('nulls may not be null', async () => {
    expect((await json({ email: null, username: null, password: null })).body).toBe(
      '{"email":["This field may not be null."],"username":["This field may not be null."],"password":["This field may not be null."]}',
    );
  });

  it('lists and objects are "Not a valid string."', async () => {
    expect((await json({ username: ['a'], password: { x: 1 } })).body).toBe('{"username":["Not a valid string."],"password":["Not a valid string."]}');
  });

  it('numbers are coerced with Python str() and strings are trimmed, passwords included', async () => {
    const res = await post('{"username":123,"password":12345678.5,"email":"a@b.co"}', 'application/json');
    expect(res.body).toBe('{"email":"a@b.co","username":"123","password":"12345678.5"}');
    expect((await post('{"username":1e20,"password":"  Str0ng-Passw0rd!  "}', 'application/json')).body).toBe(
      '{"username":"1e+20","password":"Str0ng-Passw0rd!"}',
    );
  });

  it('a bad e-mail and a bad username are both reported', async () => {
    expect((await json({ email: 'not-an-email', username: 'bad name!', password: 'x' })).body).toBe(
      '{"email":["Enter a valid email address."],"username":["Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters."]}',
    );
  });

  it('collects validator and max_length messages in DRF order', async () => {
    expect((await json({ username: 'a'.repeat(150) + '!', password: 'x' })).body).toBe(
      '{"username":["Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.","Ensure this field has no more than 150 characters."]}',
    );
  });

  it('e-mails over 254 characters', async () => {
    const email = `${'a'.repeat(70)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.com`;
    expect((await json({ email, username: 'u', password: 'x' })).body).toBe('{"email":["Ensure this field has no more than 254 characters."]}');
  });

  it('null characters are not allowed', async () => {
    expect((await json({ username: 'ab', password: 'a\u0000b' })).body).toBe('{"password":["Null characters are not allowed."]}');
  });

  it('non-ASCII is answered as raw UTF-8, U+2028 escaped', async () => {
    const res = await json({ username: 'ünïcødé', password: 'a\u2028b' });
    expect(res.body).toBe('{"username":"ünïcødé","password":"a\\u2028b"}');
  });

  it('JSON null → No data provided; other non-objects name their Python type', async () => {
    expect((await post('null', 'application/json')).body).toBe('{"non_field_errors":["No data provided"]}');
    expect((await post('[1]', 'application/json')).body).toBe('{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}');
    expect((await post('"s"', 'application/json')).body).toBe('{"non_field_errors":["Invalid data. Expected a dictionary, but got str."]}');
    expect((await post('1', 'application/json')).body).toBe('{"non_field_errors":["Invalid data. Expected a dictionary, but got int."]}');
    expect((await post('1.5', 'application/json')).body).toBe('{"non_field_errors":["Invalid data. Expected a dictionary, but got float."]}');
    expect((await post('true', 'application/json')).body).toBe('{"non_field_errors":["Invalid data. Expected a dictionary, but got bool."]}');
  });

  it("malformed JSON answers CPython's message (captured)", async () => {
    expect(await post('{bad json', 'application/json')).toMatchObject({
      status: 400,
      body: '{"detail":"JSON parse error - Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"}',
    });
    expect((await post('{"username": NaN}', 'application/json')).body).toBe(
      '{"detail":"JSON parse error - Out of range float values are not JSON compliant: \'NaN\'"}',
    );
    expect((await post(Buffer.from([0x7b, 0x22, 0x75, 0x22, 0x3a, 0x22, 0x61, 0x22, 0x2c, 0x22, 0x70, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]), 'application/json')).body).toBe(
      '{"detail":"JSON parse error - \'utf-8\' codec can\'t decode byte 0xff in position 14: invalid start byte"}',
    );
  });

  it('duplicate keys: the last wins; charset parameter accepted', async () => {
    expect((await post('{"username":"a","username":"b","password":"p"}', 'application/json; charset=utf-8')).body).toBe(
      '{"username":"b","password":"p"}',
    );
  });

  it('other media types are 415, naming the type (empty when absent)', async () => {
    expect(await post('x', 'text/plain')).toMatchObject({ status: 415, body: '{"detail":"Unsupported media type \\"text/plain\\" in request."}' });
    expect(await post('{}', 'application/vnd.api+json')).toMatchObject({ status: 415 });
    const res = await fetch(`${t.url}/probe/fields/`, { method: 'POST', body: new Uint8Array(Buffer.from('x')) });
    // fetch sets no Content-Type for a byte body
    expect(res.status).toBe(415);
    expect(await res.text()).toBe('{"detail":"Unsupported media type \\"\\" in request."}');
  });

  it('form bodies work like JSON ones, the last value of a repeated key wins', async () => {
    expect((await post('username=al%20ice&username=bob&password=p%40ss', 'application/x-www-form-urlencoded')).body).toBe(
      '{"username":"bob","password":"p@ss"}',
    );
    const form = new FormData();
    form.append('username', 'carol');
    form.append('password', 'secret');
    const res = await fetch(`${t.url}/probe/fields/`, { method: 'POST', body: form });
    expect(await res.text()).toBe('{"username":"carol","password":"secret"}');
  });

  it('a view that never reads the body ignores garbage (lazy request.data)', async () => {
    const res = await post('{garbage', 'application/json', '/probe/ignores-body/');
    expect(res.status).toBe(204);
    expect(res.headers.get('content-type')).toBeNull();
    expect(res.body).toBe('');
  });

  it('error responses carry Allow and Vary too', async () => {
    const res = await json({});
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
    expect(res.headers.get('vary')).toBe('Accept');
    expect(res.headers.get('content-type')).toBe('application/json');
  });

  it('405 for a mapped path and an unmapped method', async () => {
    const res = await fetch(`${t.url}/probe/fields/`);
    expect(res.status).toBe(405);
    expect(await res.text()).toBe('{"detail":"Method \\"GET\\" not allowed."}');
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
  });

  it("a router path without its trailing slash is Django's 301, for every method", async () => {
    for (const method of ['GET', 'POST', 'PUT']) {
      const res = await fetch(`${t.url}/probe/fields?x=1`, { method, redirect: 'manual' });
      expect(res.status).toBe(301);
      expect(res.headers.get('location')).toBe('/probe/fields/?x=1');
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await res.text()).toBe('');
    }
  });
});
