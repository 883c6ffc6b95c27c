import { Global, Module } from '@nestjs/common';
import { SETTINGS } from '../../config/config.module';
import type { Settings } from '../../config/settings';
import { PasswordHasher } from './password-hasher';

/** Password hashing (argon2id with the configured parameters) for every module that checks or sets passwords. */
@Global()
@Module({
  providers: [{ provide: PasswordHasher, inject: [SETTINGS], useFactory: (s: Settings) => new PasswordHasher(s.argon2) }],
  exports: [PasswordHasher],
})
export class PasswordsModule {}
