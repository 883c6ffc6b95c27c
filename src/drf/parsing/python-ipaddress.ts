/** CPython 3.11 `ipaddress.IPv4Address(str)` / `IPv6Address(str)` acceptance, plus Django's extra rules. */

/** `IPv4Address._ip_int_from_string`: 4 dot-separated ASCII decimal octets, no leading zeros, <= 255. */
export function isValidIPv4(s: string): boolean {
  const octets = s.split('.');
  if (!s || octets.length !== 4) return false;
  return octets.every((o) => /^[0-9]{1,3}$/.test(o) && (o === '0' || o[0] !== '0') && Number(o) <= 255);
}

/** `IPv6Address._ip_int_from_string` (no scope id: '%' never reaches here). */
function parsesAsIPv6(s: string): boolean {
  if (!s) return false;
  const parts = s.split(':');
  if (parts.length < 3) return false;
  if (parts[parts.length - 1].includes('.')) {
    if (!isValidIPv4(parts.pop() as string)) return false;
    parts.push('0', '0'); // the IPv4 tail stands for two hextets
  }
  if (parts.length > 9) return false;
  let skipIndex: number | null = null;
  for (let i = 1; i < parts.length - 1; i++) {
    if (!parts[i]) {
      if (skipIndex !== null) return false; // more than one '::'
      skipIndex = i;
    }
  }
  let hi: number;
  let lo: number;
  if (skipIndex !== null) {
    hi = skipIndex;
    lo = parts.length - skipIndex - 1;
    if (!parts[0] && --hi) return false; // leading ':' only as part of '::'
    if (!parts[parts.length - 1] && --lo) return false;
    if (8 - (hi + lo) < 1) return false;
  } else {
    if (parts.length !== 8 || !parts[0] || !parts[parts.length - 1]) return false;
    hi = parts.length;
    lo = 0;
  }
  const hextets = [...parts.slice(0, hi), ...parts.slice(parts.length - lo)];
  return hextets.every((h) => /^[0-9a-fA-F]{1,4}$/.test(h));
}

/** Django's `is_valid_ipv6_address`: at most 39 characters, then `ipaddress.IPv6Address`. */
export function isValidIPv6(s: string): boolean {
  return s.length <= 39 && parsesAsIPv6(s);
}

/** Django's `validate_ipv46_address` succeeding. */
export function isValidIPv46(s: string): boolean {
  return isValidIPv4(s) || isValidIPv6(s);
}
