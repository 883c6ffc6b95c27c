import { BlockList, isIP } from 'node:net';

/** `::ffff:10.0.0.1` → `10.0.0.1`, so IPv4 rules match IPv4 peers seen on a dual-stack socket. */
function plain(ip: string): string {
  const t = ip.trim();
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(t) ? t.slice(7) : t;
}

/**
 * The client address for rate limits. `X-Forwarded-For` is attacker-controlled unless a
 * proxy we trust wrote it, so it is read only when the socket peer is in TRUSTED_PROXIES;
 * then the chain is walked from the right (the hops our proxies appended) and the first
 * address that is not a trusted proxy is the client (Django-ipware / Rails semantics).
 */
export class ClientIp {
  private readonly trusted = new BlockList();
  private readonly any: boolean;

  constructor(proxies: string[]) {
    for (const p of proxies) {
      const [addr, bits] = p.split('/');
      const type = isIP(addr) === 6 ? 'ipv6' : 'ipv4';
      if (bits === undefined) this.trusted.addAddress(addr, type);
      else this.trusted.addSubnet(addr, Number(bits), type);
    }
    this.any = proxies.length > 0;
  }

  private isTrusted(ip: string): boolean {
    const family = isIP(ip);
    return family !== 0 && this.trusted.check(ip, family === 6 ? 'ipv6' : 'ipv4');
  }

  resolve(peer: string | undefined, forwardedFor: string | string[] | undefined): string {
    const socketIp = plain(peer ?? '');
    if (!this.any || !this.isTrusted(socketIp) || forwardedFor === undefined) return socketIp;
    const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
      .split(',')
      .map(plain)
      .filter(Boolean);
    for (let i = hops.length - 1; i >= 0; i--) {
      if (!isIP(hops[i])) return socketIp; // a garbled chain: do not let it pick the bucket
      if (!this.isTrusted(hops[i])) return hops[i];
    }
    return hops[0] ?? socketIp;
  }
}
