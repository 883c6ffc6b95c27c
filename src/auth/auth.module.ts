import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from '../users/user.entity';
import { AuthToken } from './entities/auth-token.entity';
import { BlacklistedToken } from './entities/blacklisted-token.entity';
import { OutstandingToken } from './entities/outstanding-token.entity';

/** SimpleJWT and DRF token authentication: tokens, authenticators, the jwt/* and token/* endpoints. */
@Module({
  imports: [TypeOrmModule.forFeature([User, AuthToken, OutstandingToken, BlacklistedToken])],
  providers: [],
  controllers: [],
  exports: [],
})
export class AuthModule {}
