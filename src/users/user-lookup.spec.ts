import { parseUserPk } from './user-lookup';

// Python int(value) bounded by PostgreSQL's integer range, from /usr/bin/python3 (null = Django's 404).
const VECTORS: [string, number | null][] = [
  ['1', 1], ['01', 1], [' 1', 1], ['+1', 1], ['1_0', 10], ['١', 1], ['abc', null], ['1.0', null],
  ['99999999999', null], ['2147483647', 2147483647], ['2147483648', null], ['-1', -1], ['0', 0],
  ['1 ', 1], ['1e3', null], ['', null], [' ', null], ['٣٤', 34],
];

describe('parseUserPk', () => {
  it.each(VECTORS)('%j → %j', (value, pk) => {
    expect(parseUserPk(value)).toBe(pk);
  });
});
