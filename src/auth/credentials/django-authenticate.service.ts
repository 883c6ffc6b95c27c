import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { RequestContext } from '../../drf/request';
import { User } from '../../users/user.entity';
import { CLEANSED_SUBSTITUTE, USER_LOGIN_FAILED, UserLoginFailedEvent } from '../auth.signals';
import { runStrategy } from '../passport/run-strategy';
import { ModelBackendStrategy } from './model-backend.strategy';
import { UserLookup } from './user-lookup';

/**
 * `django.contrib.auth.authenticate()` and `update_last_login()`: credentials go
 * through the ModelBackend strategy; when no user results, `user_login_failed` is
 * emitted with the password masked, as Django does.
 */
@Injectable()
export class DjangoAuthenticate {
  constructor(
    private readonly backend: ModelBackendStrategy,
    private readonly lookup: UserLookup,
    private readonly events: EventEmitter2,
    @InjectRepository(User) private readonly users: Repository<User>,
  ) {}

  /** The credential field name (`User.USERNAME_FIELD`). */
  get usernameField(): 'username' | 'email' {
    return this.lookup.usernameField;
  }

  /** Missing values are allowed (Djoser's token/login): they simply fail. */
  async authenticate(request: RequestContext, username: string | undefined, password: string | undefined): Promise<User | null> {
    const result = await runStrategy<User>(this.backend, { body: { username, password }, query: {} });
    if (result) return result.user;
    const event: UserLoginFailedEvent = {
      request,
      credentials: { [this.usernameField]: username, password: CLEANSED_SUBSTITUTE },
    };
    this.events.emit(USER_LOGIN_FAILED, event);
    return null;
  }

  /** `update_last_login`: Django's receiver of `user_logged_in`, run here so the answer waits for it. */
  async updateLastLogin(user: User): Promise<void> {
    user.lastLogin = new Date();
    await this.users.update({ id: user.id }, { lastLogin: user.lastLogin });
  }
}
