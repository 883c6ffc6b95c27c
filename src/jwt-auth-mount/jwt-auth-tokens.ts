import { JwtService } from '@nestjs/jwt';
import type { JwtAuthMountSettings } from './jwt-auth-settings';

export interface JwtAuthClaims {
  role: string;
  /** The user's primary key as a string, as the package writes it. */
  userid: string;
  exp: number;
}

export type Decoded = { ok: true; claims: JwtAuthClaims; expired: boolean } | { ok: false };

/** The package's PyJWT tokens (`jwt.encode({'role', 'userid', 'exp'}, JWT_SECRET, JWT_ALGORITHM)`), through @nestjs/jwt. */
export class JwtAuthTokens {
  private readonly jwt: JwtService;

  /** `uuidIds`: the user model's key is a uuid (AUTH_USER_MODEL_FILE), so `userid` is `str(uuid)`, not digits. */
  constructor(
    private readonly s: JwtAuthMountSettings,
    private readonly uuidIds = false,
  ) {
    this.jwt = new JwtService({
      secret: s.secret,
      signOptions: { algorithm: s.algorithm, noTimestamp: true },
    });
  }

  sign(userId: number): string {
    const claims: JwtAuthClaims = {
      role: this.s.role,
      userid: String(userId),
      exp: Math.floor(Date.now() / 1000) + this.s.expMinutes * 60,
    };
    return this.jwt.sign(claims);
  }

  /** Signature and shape checked; expiry reported, not enforced (refresh accepts expired tokens). */
  decode(token: string): Decoded {
    try {
      const claims = this.jwt.verify<JwtAuthClaims>(token, {
        algorithms: [this.s.algorithm],
        ignoreExpiration: true,
      });
      const id = this.uuidIds ? /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/ : /^\d+$/;
      if (typeof claims.userid !== 'string' || !id.test(claims.userid) || typeof claims.exp !== 'number') return { ok: false };
      return { ok: true, claims, expired: claims.exp <= Date.now() / 1000 };
    } catch {
      return { ok: false };
    }
  }
}
