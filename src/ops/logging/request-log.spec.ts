import type { IncomingMessage } from 'node:http';
import { requestIdOf } from './request-id';
import { stripParamRegexes } from './request-log';

const req = (id?: string) => ({ headers: id === undefined ? {} : { 'x-request-id': id } }) as unknown as IncomingMessage;

describe('request id', () => {
  it('keeps a sane X-Request-Id', () => {
    expect(requestIdOf(req('4bf92f35-77b3-4da6-a3ce-929d0e0e4736'))).toBe('4bf92f35-77b3-4da6-a3ce-929d0e0e4736');
    expect(requestIdOf(req('Root=1-67891233-abcdef012345678912345678'))).toBe('Root=1-67891233-abcdef012345678912345678');
  });

  it.each([['has space'], ['quote"d'], ['x'.repeat(129)], [''], ['new\nline']])('replaces %j with a UUID', (given) => {
    expect(requestIdOf(req(given))).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('is decided once per request', () => {
    const r = req();
    expect(requestIdOf(r)).toBe(requestIdOf(r));
    expect(requestIdOf(req())).not.toBe(requestIdOf(r));
  });
});

describe('route labels', () => {
  it('drop parameter regexes, keep parameter names', () => {
    expect(stripParamRegexes('/auth/users/:id(^(?!(?:me|activation)$)[^.]+$)')).toBe('/auth/users/:id');
    expect(stripParamRegexes('/auth/jwt/create')).toBe('/auth/jwt/create');
  });
});
