import { ApiException } from './exceptions';
import { negotiate } from './negotiation';

/** DRF 3.14 DefaultContentNegotiation (spec §1.1; Content-Type and indent checked on the reference). */
describe('negotiate', () => {
  it.each([
    [undefined, null],
    ['*/*', null],
    ['application/json', null],
    ['application/*', null],
    ['application/json; indent=4', 4],
    ['application/json; indent=20', 8],
    ['application/json; indent=0', null],
    ['application/json; indent=x', null],
    ['text/html', null],
    ['text/html, application/json; indent=2', 2],
    ['*/*; q=0.5', null],
  ])('Accept %p renders JSON with indent %p', (accept, indent) => {
    expect(negotiate(accept, undefined)).toEqual({ contentType: 'application/json', indent });
  });

  const status = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return [(e as ApiException).status, (e as ApiException).data];
    }
    return null;
  };

  it.each(['application/xml', 'text/csv', 'image/*'])('Accept %p is 406', (accept) => {
    expect(status(() => negotiate(accept, undefined))).toEqual([406, { detail: 'Could not satisfy the request Accept header.' }]);
  });

  it('?format=json and ?format=api are known; others are 404', () => {
    expect(negotiate(undefined, 'json').indent).toBeNull();
    expect(negotiate(undefined, 'api').contentType).toBe('application/json');
    expect(status(() => negotiate(undefined, 'xml'))).toEqual([404, { detail: 'Not found.' }]);
  });

  it('?format=json with an Accept only HTML satisfies is 406', () => {
    expect(status(() => negotiate('text/html', 'json'))).toEqual([406, { detail: 'Could not satisfy the request Accept header.' }]);
  });
});
