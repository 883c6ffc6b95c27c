import { nextLastLogin } from './username.service';

describe('nextLastLogin', () => {
  const now = new Date('2024-05-06T07:08:09.400Z');

  it('is now when there was no login, or the last one was in an earlier second', () => {
    expect(nextLastLogin(null, now)).toBe(now);
    expect(nextLastLogin(new Date('2024-05-06T07:08:08.999Z'), now)).toBe(now);
  });

  it('moves to the next whole second when the last login lies in the current one (or later)', () => {
    expect(nextLastLogin(new Date('2024-05-06T07:08:09.000Z'), now).toISOString()).toBe('2024-05-06T07:08:10.000Z');
    expect(nextLastLogin(new Date('2024-05-06T07:08:09.900Z'), now).toISOString()).toBe('2024-05-06T07:08:10.000Z');
    expect(nextLastLogin(new Date('2024-05-06T07:08:11.500Z'), now).toISOString()).toBe('2024-05-06T07:08:12.000Z');
  });
});
