import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from '../users/user.entity';
import { AuthenticatorsRegistrar } from './authentication/authenticators.registrar';
import { DrfTokenStrategy } from './authentication/drf-token.strategy';
import { JwtStrategy } from './authentication/jwt.strategy';
import { DjangoAuthenticate } from './credentials/django-authenticate.service';
import { ModelBackendStrategy } from './credentials/model-backend.strategy';
import { UserLookup } from './credentials/user-lookup';
import { DrfTokenService } from './drf-token/drf-token.service';
import { TokenController } from './drf-token/token.controller';
import { AuthToken } from './entities/auth-token.entity';
import { BlacklistedToken } from './entities/blacklisted-token.entity';
import { OutstandingToken } from './entities/outstanding-token.entity';
import { RefreshTokenFamily } from './entities/refresh-token-family.entity';
import { ExtraMountsController } from './extra-mounts/extra-mounts.controller';
import { JwtController } from './jwt/jwt.controller';
import { OutstandingTokenStore } from './jwt/outstanding-token.store';
import { RefreshRotation } from './jwt/refresh-rotation.service';
import { SimpleJwtService } from './jwt/simple-jwt.service';
import { TokenRevocation } from './revocation/token-revocation.service';
import { JWT_MODULE, TOKEN_CODEC_PROVIDER } from './tokens-provider';

/** SimpleJWT and DRF token authentication: tokens, authenticators, the jwt/* and token/* endpoints. */
@Module({
  imports: [JWT_MODULE, TypeOrmModule.forFeature([User, AuthToken, OutstandingToken, BlacklistedToken, RefreshTokenFamily])],
  providers: [
    TOKEN_CODEC_PROVIDER,
    UserLookup,
    ModelBackendStrategy,
    DjangoAuthenticate,
    JwtStrategy,
    DrfTokenStrategy,
    AuthenticatorsRegistrar,
    DrfTokenService,
    OutstandingTokenStore,
    RefreshRotation,
    SimpleJwtService,
    TokenRevocation,
    // issue 9: GET users/me/ and POST jwt/verify/ success cases answered without the Nest pipeline
  ],
  controllers: [JwtController, TokenController, ExtraMountsController],
  exports: [TokenRevocation, DrfTokenService, DjangoAuthenticate, SimpleJwtService, UserLookup],
})
export class AuthModule {}
