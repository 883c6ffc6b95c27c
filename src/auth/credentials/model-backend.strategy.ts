import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { InjectRepository } from '@nestjs/typeorm';
import { Strategy as LocalStrategy } from 'passport-local';
import { Repository } from 'typeorm';
import { User } from '../../users/user.entity';
import { PasswordHasher } from '../../users/passwords/password-hasher';
import { UserLookup } from './user-lookup';

export const MODEL_BACKEND_STRATEGY = 'django-model-backend';

/**
 * Django's ModelBackend as a passport-local strategy: `authenticate(request,
 * username=..., password=...)`. The strategy reads `username` / `password` from the
 * credentials object it is given (see DjangoAuthenticate), never from the query string.
 * An unknown user (or one whose password is unusable) costs the same hashing work as
 * a real check, so response time does not reveal which accounts exist.
 */
@Injectable()
export class ModelBackendStrategy extends PassportStrategy(LocalStrategy, MODEL_BACKEND_STRATEGY) {
  constructor(
    private readonly lookup: UserLookup,
    private readonly hasher: PasswordHasher,
    @InjectRepository(User) private readonly users: Repository<User>,
  ) {
    super({ usernameField: 'username', passwordField: 'password' });
  }

  async validate(username: string, password: string): Promise<User | null> {
    const user = await this.lookup.byNaturalKey(username);
    if (!user || !this.hasher.isUsable(user.password)) {
      await this.hasher.verifyDummy(password);
      return null;
    }
    const check = await this.hasher.verify(password, user.password);
    if (!check.valid) return null;
    if (check.needsRehash) {
      // Django's check_password setter: upgrade the stored hash to the current hasher.
      user.password = await this.hasher.hash(password);
      await this.users.update({ id: user.id }, { password: user.password });
    }
    // ModelBackend.user_can_authenticate
    return user.isActive ? user : null;
  }
}
