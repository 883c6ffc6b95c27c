/**
 * Issues tokens with OUR codec for every configuration of token-codec.vectors.json and
 * prints them as JSON, for gen-token-vectors.py --ours to run through SimpleJWT.
 *   npx ts-node --transpile-only src/auth/tokens/tools/issue-ours.ts > /tmp/ours.json
 */
import { randomUUID } from 'crypto';
import vectors from '../token-codec.vectors.json';
import { JwtSettings } from '../jwt-settings';
import { TokenPayload } from '../claim-value';
import { TokenCodec } from '../token-codec';

const EXTRA = '{"username":"\\u00fcn\\u00ef","roles":["a",1.0,null],"n":1e16,"big":123456789012345678901}';

async function main(): Promise<void> {
  const out: unknown[] = [];
  // a recent, non-round instant: the tokens must still be unexpired when SimpleJWT decodes them at this time
  const nowMs = 1763800000123;
  for (const [config, settings] of Object.entries(vectors.configs)) {
    if (config === 'headers') continue;
    for (const [userId, extra] of [
      [42, '{}'],
      ['user-é', EXTRA],
    ] as const) {
      const jtis: string[] = [];
      const codec = new TokenCodec(settings as JwtSettings, () => nowMs, () => {
        const jti = randomUUID().replace(/-/g, '');
        jtis.push(jti);
        return jti;
      });
      const pair = await codec.issuePair(userId, JSON.parse(extra) as TokenPayload);
      out.push({ config, now: nowMs / 1000, jtis, userId, extra, refresh: pair.refresh, access: pair.access });
    }
  }
  process.stdout.write(JSON.stringify(out, null, 1));
}

if (require.main === module) void main();
