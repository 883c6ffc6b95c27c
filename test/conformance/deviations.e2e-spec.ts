import { compareExchange } from './compare';
import { DeviationFormatError, parseDeviations } from './deviations';
import type { RecordedExchange } from './types';

// The parser is tested on literal markdown, never on the real COMPAT.md.

const fence = '```';

const COMPAT = `# Compatibility

Intro text with a \`### fake/heading#x\` mention.

## Deliberate differences

### Not a deviation entry
Prose sections outside the conformance section are ignored.

## Conformance deviations

Entries below are read by test/conformance/deviations.ts.

${fence}text
### not/a#heading inside a code fence
${fence}

### default/users-me#me-head
Djoser answers HEAD on users/me/ with a 500
because \`me\` returns None; we answer like GET without a body.

${fence}json
{"status": 200, "headers": {"Content-Type": "application/json", "Allow": "GET, PUT, PATCH, DELETE, HEAD, OPTIONS", "Vary": "Accept"}}
${fence}

### retype/resend-activation#unknown
Djoser >= 2.2.1 answers 204.

${fence}json
{
  "status": 204,
  "body": "",
  "headers": {"Content-Type": null}
}
${fence}

## Next section

### default/other#ignored
Outside the section.

${fence}json
{"status": 500}
${fence}
`;

const section = (body: string) => `# T\n\n## Conformance deviations\n\n${body}\n`;
const entry = (heading: string, reason: string, json: string) => `### ${heading}\n${reason}\n\n${fence}json\n${json}\n${fence}\n`;

describe('parseDeviations', () => {
  it('reads a stack prefix: the entry applies to that stack only; without one, to both', () => {
    const list = parseDeviations(
      section(entry('current/default/users-me#me-head', 'Only the current stack.', '{"status":200}') + '\n' + entry('open/users-me#me-head', 'Both.', '{"status":200}')),
    );
    expect(list.map((d) => [d.key, d.stack, d.exchange, d.config])).toEqual([
      ['current/default/users-me#me-head', 'current', 'default/users-me#me-head', 'default'],
      ['open/users-me#me-head', undefined, 'open/users-me#me-head', 'open'],
    ]);
  });

  it('refuses a shared entry and a stack entry for the same exchange', () => {
    const both = entry('2.1/default/users-me#me-head', 'One.', '{"status":200}') + '\n' + entry('default/users-me#me-head', 'Two.', '{"status":200}');
    expect(() => parseDeviations(section(both))).toThrow(/apply to the same exchange/);
  });

  it('reads every entry of the conformance section with its key, reason and answer', () => {
    const list = parseDeviations(COMPAT);
    expect(list.map((d) => d.key)).toEqual(['default/users-me#me-head', 'retype/resend-activation#unknown']);
    const [head, resend] = list;
    expect(head).toMatchObject({ config: 'default', scenario: 'users-me', step: 'me-head' });
    expect(head.reason).toBe('Djoser answers HEAD on users/me/ with a 500 because `me` returns None; we answer like GET without a body.');
    expect(head.answer).toEqual({
      status: 200,
      headers: { 'Content-Type': 'application/json', Allow: 'GET, PUT, PATCH, DELETE, HEAD, OPTIONS', Vary: 'Accept' },
    });
    expect(resend.answer).toEqual({ status: 204, body: '', headers: { 'Content-Type': null } });
    expect(resend.line).toBe(COMPAT.split('\n').indexOf('### retype/resend-activation#unknown') + 1);
  });

  it('returns no deviations when the section is absent', () => {
    expect(parseDeviations('# Compat\n\n## Deliberate differences\n\n### x/y#z\ntext\n')).toEqual([]);
  });

  it('accepts an empty section', () => {
    expect(parseDeviations(section('Nothing documented yet.'))).toEqual([]);
  });

  it.each([
    ['a heading that is not <config>/<scenario>#<step>', entry('default users-me', 'Reason.', '{"status":200}'), /not \[<stack>\/\]<config>\/<scenario>#<step-name>/],
    ['a missing code block', '### default/s#step\nReason only.\n', /no ```json block/],
    ['a code block of another language', `### default/s#step\nReason.\n\n${fence}js\n{}\n${fence}\n`, /must be ```json/],
    ['an unterminated code block', `### default/s#step\nReason.\n\n${fence}json\n{"status":200}\n`, /unterminated code block/],
    ['two code blocks', `${entry('default/s#step', 'Reason.', '{"status":200}')}\n${fence}json\n{}\n${fence}\n`, /more than one code block/],
    ['a missing reason', entry('default/s#step', '', '{"status":200}'), /reason paragraph is missing/],
    ['invalid JSON', entry('default/s#step', 'Reason.', '{status: 200}'), /invalid JSON/],
    ['a JSON array', entry('default/s#step', 'Reason.', '[]'), /must be an object/],
    ['an empty object', entry('default/s#step', 'Reason.', '{}'), /names no difference/],
    ['an unknown key', entry('default/s#step', 'Reason.', '{"code":200}'), /unknown key "code"/],
    ['a status that is not a code', entry('default/s#step', 'Reason.', '{"status":"200"}'), /"status" must be an HTTP status code/],
    ['a non-string body', entry('default/s#step', 'Reason.', '{"body":{"a":1}}'), /"body" must be a string/],
    ['body and bodyBase64 together', entry('default/s#step', 'Reason.', '{"body":"","bodyBase64":""}'), /not both/],
    ['a header value that is a number', entry('default/s#step', 'Reason.', '{"headers":{"Allow":1}}'), /"headers" must map names/],
    ['malformed mails', entry('default/s#step', 'Reason.', '{"mails":[{"to":"a@b.c"}]}'), /"mails" must be a list/],
  ])('rejects %s', (_what, body, message) => {
    expect(() => parseDeviations(section(body))).toThrow(DeviationFormatError);
    expect(() => parseDeviations(section(body))).toThrow(message);
  });

  it('rejects the same exchange listed twice', () => {
    const twice = entry('default/s#step', 'One.', '{"status":200}') + '\n' + entry('default/s#step', 'Two.', '{"status":201}');
    expect(() => parseDeviations(section(twice))).toThrow(/listed twice/);
  });

  it('reports the line of the faulty entry', () => {
    expect(() => parseDeviations(section(entry('bad heading', 'Reason.', '{}')))).toThrow(/^COMPAT.md line 5: /);
  });
});

describe('compareExchange with documented deviations', () => {
  const fixture: RecordedExchange = {
    step: 'me-head',
    request: { method: 'HEAD', path: '/auth/users/me/', headers: { Authorization: 'Token {{login.body.auth_token}}' } },
    status: 500,
    headers: { 'Content-Type': 'text/html' },
    body: '',
    mails: [],
  };
  const ours: RecordedExchange = {
    ...fixture,
    status: 200,
    headers: { 'Content-Type': 'application/json', Allow: 'GET, PUT, PATCH, DELETE, HEAD, OPTIONS', Vary: 'Accept' },
  };
  const [documented] = parseDeviations(COMPAT);

  it('passes a difference that equals the documented answer', () => {
    expect(compareExchange(fixture, ours, documented.answer)).toEqual({ outcome: 'deviation' });
  });

  it('fails a difference nobody documented, naming what differs', () => {
    const result = compareExchange(fixture, ours, undefined);
    expect(result.outcome).toBe('mismatch');
    expect(result.diff).toContain('status: expected 500, got 200');
    expect(result.diff).toContain('header Allow: expected (absent), got "GET, PUT, PATCH, DELETE, HEAD, OPTIONS"');
  });

  it('fails an answer that differs from the documented one too', () => {
    const other = { ...ours, status: 204 };
    const result = compareExchange(fixture, other, documented.answer);
    expect(result.outcome).toBe('mismatch');
    expect(result.diff).toContain('differs from the documented deviation');
    expect(result.diff).toContain('status: expected 200, got 204');
  });

  it('flags a documented deviation that is no longer needed', () => {
    expect(compareExchange(fixture, { ...fixture }, documented.answer)).toEqual({ outcome: 'identical', deviationUnused: true });
  });

  it('never excuses a request that differs from the recorded one', () => {
    const changed = { ...ours, request: { ...ours.request, path: '/auth/users/me' } };
    const result = compareExchange(fixture, changed, documented.answer);
    expect(result.outcome).toBe('mismatch');
    expect(result.diff).toContain('request differs from the fixture');
  });
});
