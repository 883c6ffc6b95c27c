import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { PasswordsModule } from '../users/passwords/passwords.module';
import { UsersModule } from '../users/users.module';
import { WebauthnController } from './webauthn.controller';
import { WebauthnService } from './webauthn.service';

/** Passkeys: Djoser's `webauthn/` endpoints on @simplewebauthn/server, stored in Djoser's table. */
@Module({
  imports: [AuthModule, UsersModule, PasswordsModule],
  controllers: [WebauthnController],
  providers: [WebauthnService],
})
export class WebauthnModule {}
