import { Global, Module } from '@nestjs/common';
import { SETTINGS } from '../config/config.module';
import type { Settings } from '../config/settings';
import { createMailBackend } from './backends/create-backend';
import { MailService } from './mail.service';
import { MAIL_BACKEND } from './mail.tokens';
import { AfterCommit } from './outbox/after-commit';
import { MailHandover } from './outbox/handover';
import { MailHandoverHook } from './outbox/handover.hook';
import { OutboxWorker } from './outbox/outbox.worker';
import { MailRenderer } from './rendering/mail-renderer';

/** Djoser's e-mails: templates, backends (console, smtp, file, memory), the transactional outbox and the hand-over before the answer. */
@Global()
@Module({
  providers: [
    MailService,
    OutboxWorker,
    AfterCommit,
    MailHandover,
    MailHandoverHook,
    { provide: MAIL_BACKEND, inject: [SETTINGS], useFactory: (s: Settings) => createMailBackend(s.email) },
    // Templates are read and compiled at start: a broken override stops the server with its file name.
    { provide: MailRenderer, inject: [SETTINGS], useFactory: (s: Settings) => new MailRenderer(s) },
  ],
  exports: [MailService],
})
export class MailModule {}
