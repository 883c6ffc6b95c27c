import { DynamicModule, Module, Type } from '@nestjs/common';
import { ConfigModule } from './config/config.module';
import { parseSettings, type Settings } from './config/settings';
import { loadEnvironment } from './config/env-file';
import { DatabaseModule } from './database/database.module';
import { DrfModule } from './drf/drf.module';
import { I18nModule } from './i18n/i18n.module';
import { FallbackController } from './drf/fallback.controller';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { AuthModule } from './auth/auth.module';
import { MailModule } from './mail/mail.module';
import { OpenApiModule } from './openapi/openapi.module';
import { OpsModule } from './ops/ops.module';
import { ThrottleModule } from './throttle/throttle.module';
import { SocialModule } from './social/social.module';
import { PasswordsModule } from './users/passwords/passwords.module';
import { UsersModule } from './users/users.module';
import { WebauthnModule } from './webauthn/webauthn.module';
import { JwtAuthMountModule } from './jwt-auth-mount/jwt-auth.module';

/** The whole server. Settings are read from the environment unless given (tests pass their own). */
@Module({})
export class AppModule {
  static forRoot(given?: Settings, extraImports: Array<Type | DynamicModule> = []): DynamicModule {
    const settings = given ?? parseSettings(loadEnvironment());
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(settings),
        DatabaseModule,
        DrfModule,
        I18nModule.forSettings(settings),
        EventEmitterModule.forRoot(),
        PasswordsModule,
        MailModule,
        AuthModule,
        UsersModule,
        ThrottleModule,
        OpsModule,
        OpenApiModule,
        WebauthnModule,
        SocialModule,
        // django_rest_jwt_auth's API: routed only when its prefix is set (refused at start on a described user model)
        ...(settings.jwtAuthMount.prefix ? [JwtAuthMountModule.forPrefix(settings.jwtAuthMount.prefix)] : []),
        ...extraImports,
      ],
      // The fallback is a wildcard: Fastify prefers every exact route over it.
      controllers: [FallbackController],
    };
  }
}
