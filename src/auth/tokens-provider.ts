import type { Provider } from '@nestjs/common';
import { JwtModule, JwtService } from '@nestjs/jwt';
import { SETTINGS } from '../config/config.module';
import type { Settings } from '../config/settings';
import { JwtOptions, jwtOptions } from './tokens/jwt-options';
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

const built = new WeakMap<Settings, JwtOptions>();

/** The app's one JWT configuration (JwtModule, the codec and the passport-jwt strategy share it). */
export function jwtOptionsOf(settings: Settings): JwtOptions {
  let options = built.get(settings);
  if (!options) built.set(settings, (options = jwtOptions(jwtSettingsFrom(settings))));
  return options;
}

export const JWT_MODULE = JwtModule.registerAsync({ inject: [SETTINGS], useFactory: jwtOptionsOf });

/** One codec per app, on JwtModule's JwtService. */
export const TOKEN_CODEC_PROVIDER: Provider = {
  provide: TokenCodec,
  inject: [SETTINGS, JwtService],
  useFactory: (settings: Settings, jwt: JwtService) =>
    new TokenCodec(jwtSettingsFrom(settings), Date.now, undefined, jwtOptionsOf(settings), jwt),
};
