import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '../config/config.module';
import type { Settings } from '../config/settings';
import { DatabaseModule } from '../database/database.module';
import { PasswordsModule } from '../users/passwords/passwords.module';
import { ChangePasswordCommand } from './changepassword.command';
import { CliUsers } from './cli-users';
import { CreateSuperuserCommand } from './createsuperuser.command';
import { FlushExpiredTokensCommand } from './flush-expired-tokens.command';
import { MailRetryCommand } from './mail-retry.command';
import { MigrateCommand } from './migrate.command';
import { Prompter } from './prompter';

/** The admin commands: the server's settings, database and hasher, no HTTP and no mail worker. */
@Module({})
export class CliModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: CliModule,
      imports: [ConfigModule.forRoot(settings), DatabaseModule, PasswordsModule],
      providers: [
        Prompter,
        CliUsers,
        CreateSuperuserCommand,
        ChangePasswordCommand,
        MigrateCommand,
        MailRetryCommand,
        FlushExpiredTokensCommand,
      ],
    };
  }
}
