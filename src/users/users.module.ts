import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthModule } from '../auth/auth.module';
import { AuthToken } from '../auth/entities/auth-token.entity';
import { SETTINGS } from '../config/config.module';
import type { Settings } from '../config/settings';
import type { DrfRequest } from '../drf/request';
import { ActivationService } from './activation.service';
import { ApiRootController } from './api-root.controller';
import { AccountController } from './controllers/account.controller';
import { MeController } from './controllers/me.controller';
import { UsernameController } from './controllers/username.controller';
import { UsersController } from './controllers/users.controller';
import { findUserById } from './db/user-queries';
import { PasswordService } from './password.service';
import { mayAccessUser } from './permissions';
import { RegistrationService } from './registration.service';
import { ResetTargets } from './reset-targets';
import { PasswordResetTokenGenerator } from './secrets/password-reset-token.generator';
import { UserFieldRules } from './user-field-rules';
import { parseUserPk } from './user-lookup';
import { UserMailer } from './user-mailer';
import { applyUserRoutePaths } from './user-routes';
import { describeUserSerializer } from './user-serializers';
import { UserSessions } from './user-sessions';
import { User } from './user.entity';
import { UsernameService } from './username.service';
import { UsersService } from './users.service';
import { attachUsersViewContext } from './users-view-context';

/** Djoser's `/auth/users/` viewset and the router root. */
@Module({
  imports: [TypeOrmModule.forFeature([User, AuthToken]), AuthModule],
  controllers: [ApiRootController, UsersController, MeController, AccountController, UsernameController],
  providers: [
    {
      // Django's default_token_generator: activation, password-reset and username-reset links.
      provide: PasswordResetTokenGenerator,
      inject: [SETTINGS],
      useFactory: (s: Settings) => new PasswordResetTokenGenerator(s.secretKey, s.passwordResetTimeout),
    },
    UserMailer,
    UserFieldRules,
    UserSessions,
    ResetTargets,
    UsersService,
    RegistrationService,
    ActivationService,
    PasswordService,
    UsernameService,
  ],
  exports: [PasswordResetTokenGenerator, UserMailer, UserFieldRules],
})
export class UsersModule implements OnModuleInit {
  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly adapterHost: HttpAdapterHost,
    private readonly dataSource: DataSource,
  ) {
    // Before Nest registers the routes: the paths that follow User.USERNAME_FIELD.
    const users = UsersController.prototype;
    const usernames = UsernameController.prototype;
    applyUserRoutePaths(settings.djoser.loginField, [users.retrieve, users.update, users.partialUpdate, users.destroy], {
      setUsername: usernames.setUsername,
      resetUsername: usernames.resetUsername,
      resetUsernameConfirm: usernames.resetUsernameConfirm,
    });
  }

  onModuleInit(): void {
    attachUsersViewContext(this.adapterHost.httpAdapter.getInstance<object>(), {
      userSerializerMetadata: describeUserSerializer(this.settings.djoser),
      editableUser: async (req: DrfRequest, id: string) => {
        const pk = parseUserPk(id, this.settings.userModel.pk.type);
        const user = pk === null ? null : await findUserById(this.dataSource.manager, pk);
        return user && req.drf.user && mayAccessUser(req.drf.user, user.id) ? user : null;
      },
    });
  }
}
