import { parseRate } from './rate';

describe('parseRate', () => {
  it('reads DRF rates and allauth-style multiplied periods', () => {
    expect(parseRate('10/min')).toEqual({ limit: 10, windowMs: 60_000 });
    expect(parseRate('5/5min')).toEqual({ limit: 5, windowMs: 300_000 });
    expect(parseRate('100/day')).toEqual({ limit: 100, windowMs: 86_400_000 });
    expect(parseRate('3/s')).toEqual({ limit: 3, windowMs: 1000 });
    expect(parseRate('2/12h')).toEqual({ limit: 2, windowMs: 43_200_000 });
  });

  it('treats empty as no limit and refuses garbage', () => {
    expect(parseRate('')).toBeUndefined();
    expect(parseRate('ten/min')).toBeNull();
    expect(parseRate('0/min')).toBeNull();
    expect(parseRate('5/fortnight')).toBeNull();
    expect(parseRate('5/0min')).toBeNull();
  });
});
