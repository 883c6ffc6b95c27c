import { Throttled } from '../drf/exceptions';

describe('Throttled (DRF 3.14 wording)', () => {
  it('says "seconds", or "second" for one, and sets Retry-After', () => {
    const many = Throttled(42);
    expect(many.status).toBe(429);
    expect(many.data).toEqual({ detail: 'Request was throttled. Expected available in 42 seconds.' });
    expect(many.headers).toEqual({ 'Retry-After': '42' });
    expect(Throttled(1).data).toEqual({ detail: 'Request was throttled. Expected available in 1 second.' });
  });
});
