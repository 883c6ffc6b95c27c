import { propertyOf } from './model/user-entity';
import type { ModelField } from './model/user-model';
import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { SETTINGS } from '../config/config.module';
import type { Settings } from '../config/settings';
import { NotFound } from '../drf/exceptions';
import type { RequestContext } from '../drf/request';
import type { PyValue } from '../drf/parsing/python-value';
import { validateFields } from '../drf/serializer';
import { findAllUsers, findUserById } from './db/user-queries';
import { checkUserObjectPermission, type UserObjectAction } from './permissions';
import { UserFieldRules } from './user-field-rules';
import { isQueryablePk, parseUserPk } from './user-lookup';
import { USER_EVENTS, type UserEvent } from './user-events';
import { UserMailer } from './user-mailer';
import { representUser } from './user-representation';
import { userDeleteFields, userFields } from './user-serializers';
import { UserSessions } from './user-sessions';
import { User } from './user.entity';

type UserData = Record<string, string | number>;


/** Djoser's UserViewSet list / retrieve / update / destroy, and `me` (spec §3.2–§3.4). */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: UserFieldRules,
    private readonly mailer: UserMailer,
    private readonly sessions: UserSessions,
    private readonly events: EventEmitter2,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  /** GET users/: everyone for staff (or HIDE_USERS off), else only the requester. */
  async list(me: User): Promise<UserData[]> {
    const users = this.settings.djoser.hideUsers && !me.isStaff ? [me] : await findAllUsers(this.dataSource.manager);
    return users.map((u) => representUser(u, this.settings.djoser));
  }

  /** `get_object()`: the user of `users/{id}/` among all users (404), then the object permission. */
  async target(me: User, id: string, action: UserObjectAction): Promise<User> {
    const pk = parseUserPk(id, this.settings.userModel.pk.type);
    const user = pk === null ? null : await findUserById(this.dataSource.manager, pk);
    if (!user) throw NotFound(isQueryablePk(id, this.settings.userModel.pk.type) ? this.settings.compat.userNotFoundDetail : undefined);
    checkUserObjectPermission(me, user.id, action, this.settings.djoser.hideUsers);
    return user;
  }

  represent(user: User): UserData {
    return representUser(user, this.settings.djoser);
  }

  /** PUT/PATCH: UserSerializer.update, then Djoser ≥ 2.2.0's perform_update (signal; activation mail if left inactive). */
  async update(user: User, body: PyValue, partial: boolean, ctx: RequestContext): Promise<UserData> {
    const s = this.settings.djoser;
    const unique = s.userModel.custom ? (f: ModelField) => this.rules.modelUnique(f, user.id) : null;
    const data = await validateFields(userFields(s, unique), body, { partial });
    const changes: Partial<User> = {};
    if (s.userModel.custom) {
      // The writable fields of a described model's UserSerializer: its REQUIRED_FIELDS.
      for (const name of s.userModel.requiredFields)
        if (data[name] !== undefined) (changes as Record<string, unknown>)[propertyOf(name)] = data[name];
    } else {
      if (data.email !== undefined) changes.email = data.email;
      if (data.first_name !== undefined) changes.firstName = data.first_name;
      if (data.last_name !== undefined) changes.lastName = data.last_name;
    }
    // A new e-mail must be confirmed again: the account is inactive until the link is followed.
    if (s.sendActivationEmail && data.email !== undefined && data.email !== user.email) changes.isActive = false;

    const updated: User = { ...user, ...changes };
    await this.dataSource.transaction(async (m) => {
      if (Object.keys(changes).length) await m.getRepository(User).update({ id: user.id }, changes);
      if (user.isActive && !updated.isActive) await this.sessions.deactivated(user.id, m);
      if (s.sendActivationEmail && !updated.isActive) await this.mailer.send('activation', updated, ctx, m);
    });
    await this.events.emitAsync(USER_EVENTS.updated, { user: updated, request: ctx } satisfies UserEvent);
    return this.represent(updated);
  }

  /** DELETE: current_password of the requester, logout when deleting oneself, then the cascade. 204. */
  async destroy(me: User, user: User, body: PyValue, ctx: RequestContext): Promise<void> {
    await validateFields(userDeleteFields(this.rules.currentPassword(me)), body);
    const self = user.id === me.id;
    await this.dataSource.transaction(async (m) => {
      await this.sessions.deleteUser(user.id, m);
    });
    if (self) await this.events.emitAsync(USER_EVENTS.loggedOut, { user: me, request: ctx } satisfies UserEvent);
  }
}
