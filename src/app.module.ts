import { DynamicModule, Module, Type } from '@nestjs/common';
import { ConfigModule } from './config/config.module';
import type { Settings } from './config/settings';
import { DatabaseModule } from './database/database.module';
import { DrfModule } from './drf/drf.module';
import { FallbackController } from './drf/fallback.controller';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { AuthModule } from './auth/auth.module';
import { MailModule } from './mail/mail.module';
import { OpenApiModule } from './openapi/openapi.module';
import { OpsModule } from './ops/ops.module';
import { ThrottleModule } from './throttle/throttle.module';
import { PasswordsModule } from './users/passwords/passwords.module';
import { UsersModule } from './users/users.module';
import { JwtAuthMountModule } from './jwt-auth-mount/jwt-auth.module';

/** The whole server. Settings are read from the environment unless given (tests pass their own). */
@Module({})
export class AppModule {
  static forRoot(settings?: Settings, extraImports: Array<Type | DynamicModule> = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(settings),
        DatabaseModule,
        DrfModule,
        EventEmitterModule.forRoot(),
        PasswordsModule,
        MailModule,
        AuthModule,
        UsersModule,
        ThrottleModule,
        OpsModule,
        OpenApiModule,
        // django_rest_jwt_auth's API: routed only when its prefix is set
        ...(settings?.jwtAuthMount.prefix ? [JwtAuthMountModule.forPrefix(settings.jwtAuthMount.prefix)] : []),
        ...extraImports,
      ],
      // The fallback is a wildcard: Fastify prefers every exact route over it.
      controllers: [FallbackController],
    };
  }
}
