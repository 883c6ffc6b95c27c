import { createHmac } from 'crypto';
import { DecodedTokens } from './decoded-tokens';
import type { TokenPayload } from './claim-value';
import { defaultJwtSettings } from './jwt-settings';
import { TokenCodec, TokenError } from './token-codec';

const KEY = 'decoded-tokens-spec-key';
const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
function sign(claims: object): string {
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
  return `${input}.${createHmac('sha256', KEY).update(input).digest('base64url')}`;
}

describe('DecodedTokens (the per-second memo of PyJWT decodes)', () => {
  const payload = { a: 1 } as unknown as TokenPayload;
  const bytes = Buffer.from('abc');

  it('answers only within the same second and the same depth limit', () => {
    const memo = new DecodedTokens();
    memo.put(10, bytes, 5, payload);
    expect(memo.get(10, Buffer.from('abc'), 5)).toBe(payload);
    expect(memo.get(10, bytes, 6)).toBeUndefined();
    expect(memo.get(11, bytes, 5)).toBeUndefined();
    memo.put(11, Buffer.from('xyz'), 5, payload);
    expect(memo.get(10, bytes, 5)).toBeUndefined(); // the old second is gone
  });

  it('the codec answers as without the memo: a hit within the second, expiry in the next', async () => {
    let nowMs = 1_000_000_000_500;
    const codec = new TokenCodec(defaultJwtSettings(KEY), () => nowMs);
    const token = sign({ token_type: 'access', exp: 1_000_000_001, jti: 'j', user_id: 1 });
    const first = await codec.decode(token, 'access');
    expect(first.user_id).toBe(1);
    nowMs = 1_000_000_000_900;
    expect(await codec.decode(token, 'access')).toBe(first); // memo hit
    await expect(codec.decode(token, 'refresh')).rejects.toEqual(new TokenError('Token has wrong type'));
    nowMs = 1_000_000_001_000;
    await expect(codec.decode(token, 'access')).rejects.toEqual(new TokenError('Token is invalid or expired'));
  });
});
