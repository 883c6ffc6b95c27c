/**
 * PyJWT's `base64url_decode` on CPython 3.11: pad with '=' up to a multiple of 4
 * (counting every byte, valid or not), map '-'/'_' to '+'/'/', then
 * `binascii.a2b_base64` in its lenient mode, which
 * - skips bytes outside the base64 alphabet (so '+', '/' and junk are tolerated),
 * - stops reading at the first complete padding ("xx==", "xxx="),
 * - ignores the unused low bits of the last character,
 * - fails only on a dangling single character or missing padding.
 */

/** `binascii.Error`: PyJWT reports it as a DecodeError. */
export class PyBase64Error extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PyBase64Error';
  }
}

const PAD = 0x3d; // '='
const DECODE_TABLE = (() => {
  const table = new Int8Array(256).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  // urlsafe_b64decode translates '-' -> '+' and '_' -> '/' first
  table[0x2d] = 62;
  table[0x5f] = 63;
  return table;
})();

export function pyBase64UrlDecode(input: Uint8Array): Buffer {
  const rem = input.length % 4;
  const padded = rem > 0 ? Buffer.concat([input, Buffer.alloc(4 - rem, PAD)]) : input;
  return a2bBase64(padded);
}

/** `binascii.a2b_base64(data, strict_mode=False)` (Modules/binascii.c). */
function a2bBase64(data: Uint8Array): Buffer {
  const out = Buffer.alloc(Math.floor((data.length * 3) / 4) + 3);
  let n = 0;
  let quadPos = 0;
  let leftchar = 0;
  let pads = 0;
  for (let i = 0; i < data.length; i++) {
    const ch = data[i];
    if (ch === PAD) {
      if (quadPos >= 2 && quadPos + ++pads >= 4) return out.subarray(0, n);
      continue;
    }
    const v = DECODE_TABLE[ch];
    if (v < 0) continue;
    pads = 0;
    switch (quadPos) {
      case 0:
        quadPos = 1;
        leftchar = v;
        break;
      case 1:
        quadPos = 2;
        out[n++] = (leftchar << 2) | (v >> 4);
        leftchar = v & 0x0f;
        break;
      case 2:
        quadPos = 3;
        out[n++] = ((leftchar << 4) | (v >> 2)) & 0xff;
        leftchar = v & 0x03;
        break;
      default:
        quadPos = 0;
        out[n++] = ((leftchar << 6) | v) & 0xff;
        leftchar = 0;
    }
  }
  if (quadPos === 1) throw new PyBase64Error('Invalid base64-encoded string');
  if (quadPos !== 0) throw new PyBase64Error('Incorrect padding');
  return out.subarray(0, n);
}

/** PyJWT's `base64url_encode`: URL-safe alphabet, no padding. */
export function base64UrlEncode(data: Uint8Array): string {
  return Buffer.from(data).toString('base64url');
}
