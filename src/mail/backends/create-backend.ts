import type { EmailSettings } from '../../config/settings';
import { ConsoleMailBackend } from './console.backend';
import { FileMailBackend } from './file.backend';
import type { MailBackend } from './mail-backend';
import { MemoryMailBackend } from './memory.backend';
import { SmtpMailBackend } from './smtp.backend';
import { smtpOptions } from './smtp-options';

/** The backend EMAIL_BACKEND names. */
export function createMailBackend(email: EmailSettings): MailBackend {
  switch (email.backend) {
    case 'smtp':
      return new SmtpMailBackend(smtpOptions(email));
    case 'file':
      return new FileMailBackend(email.filePath);
    case 'memory':
      return new MemoryMailBackend();
    case 'console':
      return new ConsoleMailBackend();
  }
}
