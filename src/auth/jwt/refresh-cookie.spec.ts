import { parseCookies } from './refresh-cookie';

describe('parseCookies', () => {
  it('reads name=value pairs, trimming spaces and one pair of quotes', () => {
    expect([...parseCookies('a=1; b="two" ;c = 3')]).toEqual([
      ['a', '1'],
      ['b', 'two'],
      ['c', '3'],
    ]);
  });

  it('keeps the first of repeated names (the browser sends the most specific Path first)', () => {
    expect(parseCookies('refresh_token=specific; refresh_token=planted').get('refresh_token')).toBe('specific');
  });

  it('ignores pairs without a name or "=", and a missing header', () => {
    expect([...parseCookies('=x; novalue; ;k=v=w')]).toEqual([['k', 'v=w']]);
    expect(parseCookies(undefined).size).toBe(0);
  });
});
