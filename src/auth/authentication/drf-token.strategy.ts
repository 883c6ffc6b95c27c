import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { InjectRepository } from '@nestjs/typeorm';
import { Strategy as CustomStrategy } from 'passport-custom';
import { Repository } from 'typeorm';
import { AuthenticationFailed } from '../../drf/exceptions';
import type { DrfRequest } from '../../drf/request';
import { User } from '../../users/user.entity';
import { userByTokenKey } from '../../perf/prepared-users';
import { parseDrfTokenAuthorization } from '../tokens/auth-header';

export const DRF_TOKEN_STRATEGY = 'drf-token';

/** DRF keys are 40 characters (`varchar(40)` primary key): a longer one cannot exist. */
const MAX_KEY_LENGTH = 40;

/**
 * DRF's `TokenAuthentication` as a Passport strategy (passport-custom):
 * `Authorization: Token <key>` (keyword case-insensitive), the key looked up together
 * with its user in one primary-key query. Resolves `[user, key]`, `null` when the header
 * is not a Token header, or throws DRF's 401.
 */
@Injectable()
export class DrfTokenStrategy extends PassportStrategy(CustomStrategy, DRF_TOKEN_STRATEGY) {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {
    super();
  }

  async validate(req: DrfRequest): Promise<[User, string] | null> {
    const header = parseDrfTokenAuthorization(req.headers.authorization);
    if (header.kind === 'skip') return null;
    if (header.kind === 'error') throw AuthenticationFailed(header.detail);
    const user = await this.userForKey(header.key);
    if (!user) throw AuthenticationFailed('Invalid token.');
    if (!user.isActive) throw AuthenticationFailed('User inactive or deleted.');
    return [user, header.key];
  }

  /** `Token.objects.select_related("user").get(key=key)`. */
  private async userForKey(key: string): Promise<User | null> {
    // PostgreSQL text cannot hold NUL, and no stored key is longer than 40: neither can match
    if (key.length > MAX_KEY_LENGTH || key.includes('\0')) return null;
    return userByTokenKey(this.users.manager.connection, key);
  }
}
