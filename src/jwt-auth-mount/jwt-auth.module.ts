import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MailModule } from '../mail/mail.module';
import { PasswordsModule } from '../users/passwords/passwords.module';
import { jwtAuthController } from './jwt-auth.controller';
import { JwtAuthService } from './jwt-auth.service';

/** django_rest_jwt_auth's API, imported only when MOUNT_JWT_AUTH_URLS names a prefix (issue 23). */
@Module({})
export class JwtAuthMountModule {
  static forPrefix(prefix: string): DynamicModule {
    return {
      module: JwtAuthMountModule,
      imports: [AuthModule, MailModule, PasswordsModule],
      controllers: [jwtAuthController(prefix)],
      providers: [JwtAuthService],
    };
  }
}
