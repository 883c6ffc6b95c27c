/** CPython 3.11 `base64.b64decode(s)` (= `binascii.a2b_base64(s, strict_mode=False)`). */

/** `binascii.Error` */
export class PyBinasciiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PyBinasciiError';
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(256).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/** Non-alphabet bytes are skipped; enough '=' after 2+ data characters ends the input. */
export function pyB64decode(data: Uint8Array): Buffer {
  const out: number[] = [];
  let quadPos = 0;
  let leftchar = 0;
  let pads = 0;
  for (const byte of data) {
    if (byte === 0x3d /* = */) {
      if (quadPos >= 2 && quadPos + ++pads >= 4) return Buffer.from(out);
      continue;
    }
    const v = DECODE[byte];
    if (v < 0) continue;
    pads = 0;
    switch (quadPos) {
      case 0:
        leftchar = v;
        break;
      case 1:
        out.push(((leftchar << 2) | (v >> 4)) & 0xff);
        leftchar = v & 0x0f;
        break;
      case 2:
        out.push(((leftchar << 4) | (v >> 2)) & 0xff);
        leftchar = v & 0x03;
        break;
      default:
        out.push(((leftchar << 6) | v) & 0xff);
        leftchar = 0;
    }
    quadPos = (quadPos + 1) % 4;
  }
  if (quadPos === 1) {
    const dataChars = Math.floor(out.length / 3) * 4 + 1;
    throw new PyBinasciiError(
      `Invalid base64-encoded string: number of data characters (${dataChars}) cannot be 1 more than a multiple of 4`,
    );
  }
  if (quadPos !== 0) throw new PyBinasciiError('Incorrect padding');
  return Buffer.from(out);
}
