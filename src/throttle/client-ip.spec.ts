import { ClientIp } from './client-ip';

describe('ClientIp', () => {
  it('ignores X-Forwarded-For without trusted proxies', () => {
    expect(new ClientIp([]).resolve('203.0.113.5', '198.51.100.1')).toBe('203.0.113.5');
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(new ClientIp(['10.0.0.0/8']).resolve('203.0.113.5', '198.51.100.1')).toBe('203.0.113.5');
  });

  it('takes the rightmost untrusted hop behind trusted proxies', () => {
    const ip = new ClientIp(['10.0.0.0/8', '127.0.0.1']);
    expect(ip.resolve('::ffff:127.0.0.1', '1.2.3.4, 198.51.100.7, 10.1.2.3')).toBe('198.51.100.7');
    expect(ip.resolve('10.0.0.2', ['198.51.100.9'])).toBe('198.51.100.9');
    expect(ip.resolve('10.0.0.2', '10.0.0.3')).toBe('10.0.0.3');
    expect(ip.resolve('10.0.0.2', 'not-an-ip')).toBe('10.0.0.2');
  });

  it('matches IPv6 subnets', () => {
    expect(new ClientIp(['fd00::/8']).resolve('fd00::1', '2001:db8::5')).toBe('2001:db8::5');
  });
});
