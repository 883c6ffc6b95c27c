import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { ApiRootController } from './api-root.controller';
import { User } from './user.entity';

/** Djoser's `/auth/users/` viewset and the router root. */
@Module({
  imports: [TypeOrmModule.forFeature([User]), AuthModule],
  controllers: [ApiRootController],
})
export class UsersModule {}
