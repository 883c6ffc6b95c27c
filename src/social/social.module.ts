import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { SocialController } from './social.controller';
import { SocialLoginService } from './social-login.service';

/** djoser.social: sign-in with Google, GitHub or any OpenID Connect provider at auth/o/{provider}/. */
@Module({
  imports: [AuthModule],
  providers: [SocialLoginService],
  controllers: [SocialController],
})
export class SocialModule {}
