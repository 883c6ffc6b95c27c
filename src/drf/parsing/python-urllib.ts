/** CPython 3.11 `urllib.parse.unquote` / `parse_qsl`, as Django's QueryDict uses them. */
import { DecodeErrors, decodeToString, PyCodec } from './python-codecs';

const HEX = /^[0-9A-Fa-f]{2}$/;

/** `unquote_to_bytes` of an ASCII-only string: `%XX` (either case) to a byte; anything else stays. */
export function unquoteToBytes(ascii: string): Buffer {
  const bits = ascii.split('%');
  let out = bits[0];
  for (const item of bits.slice(1)) {
    const pair = item.slice(0, 2);
    out += HEX.test(pair) ? String.fromCharCode(parseInt(pair, 16)) + item.slice(2) : `%${item}`;
  }
  return Buffer.from(out, 'latin1');
}

/**
 * `unquote(s, encoding, errors)`: each run of ASCII characters is percent-decoded to bytes and
 * decoded on its own; non-ASCII characters pass through (so `%C3é%A9` gives `\uFFFDé\uFFFD`).
 */
export function pyUnquote(s: string, codec: PyCodec, errors: DecodeErrors = 'replace'): string {
  if (!s.includes('%')) return s;
  return s.replace(/[\x00-\x7f]+/g, (run) => decodeToString(unquoteToBytes(run), codec, errors));
}

/** `parse_qsl(qs, keep_blank_values=True)` with the '&' separator only (Python >= 3.9.2). */
export function parseQsl(qs: string, codec: PyCodec): [string, string][] {
  const pairs: [string, string][] = [];
  if (!qs) return pairs;
  for (const field of qs.split('&')) {
    if (!field) continue;
    const eq = field.indexOf('=');
    const name = eq < 0 ? field : field.slice(0, eq);
    const value = eq < 0 ? '' : field.slice(eq + 1);
    pairs.push([pyUnquote(name.replace(/\+/g, ' '), codec), pyUnquote(value.replace(/\+/g, ' '), codec)]);
  }
  return pairs;
}
