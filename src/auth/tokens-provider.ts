import type { Provider } from '@nestjs/common';
import { SETTINGS } from '../config/config.module';
import type { Settings } from '../config/settings';
import type { JwtAlgorithm, JwtSettings } from './tokens/jwt-settings';
import { TokenCodec } from './tokens/token-codec';

/** The SIMPLE_JWT_* settings in the codec's terms (an empty claim name is Python's `None`: check disabled). */
export function jwtSettingsFrom(settings: Settings): JwtSettings {
  const s = settings.simpleJwt;
  return {
    accessTokenLifetime: s.accessTokenLifetime,
    refreshTokenLifetime: s.refreshTokenLifetime,
    algorithm: s.algorithm as JwtAlgorithm,
    signingKey: s.signingKey,
    verifyingKey: s.verifyingKey,
    audience: s.audience,
    issuer: s.issuer,
    leeway: s.leeway,
    authHeaderTypes: s.authHeaderTypes,
    userIdField: s.userIdField,
    userIdClaim: s.userIdClaim,
    tokenTypeClaim: s.tokenTypeClaim || null,
    jtiClaim: s.jtiClaim || null,
    release: settings.compat,
  };
}

/** One codec per app, built from its settings. */
export const TOKEN_CODEC_PROVIDER: Provider = {
  provide: TokenCodec,
  inject: [SETTINGS],
  useFactory: (settings: Settings) => new TokenCodec(jwtSettingsFrom(settings)),
};
