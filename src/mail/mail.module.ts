import { Global, Module } from '@nestjs/common';
import { MailService } from './mail.service';

/** Djoser's e-mails: templates, backends (console, smtp, file, memory) and the transactional outbox. */
@Global()
@Module({
  providers: [MailService],
  exports: [MailService],
})
export class MailModule {}
