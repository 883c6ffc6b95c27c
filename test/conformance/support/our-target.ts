import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { PasswordHasher } from '../../../src/users/passwords/password-hasher';
import { startTestApp } from '../../support/test-app';
import type { ReplayTarget } from '../replay';
import { FileMailbox } from '../target';

const ADMIN = { username: 'admin', password: 'Adm1n-Ref-Pass!', email: 'admin@example.com' };

/**
 * Our server as a conformance target: the production app on a fresh PostgreSQL
 * database, e-mails written in Django's file-backend format and read back with the
 * same reader as the reference's, read as soon as each answer is in (as Djoser, the
 * server hands every mail to the backend before it answers). `reset()`
 * brings it back to the reference's fresh state (only the staff user `admin`, id 1).
 */
export async function startOurTarget(ourEnv: Record<string, string>): Promise<ReplayTarget> {
  const mailDir = mkdtempSync(join(tmpdir(), 'nest-djoser-conformance-mail-'));
  const t = await startTestApp({ ...ourEnv, EMAIL_BACKEND: 'file', EMAIL_FILE_PATH: mailDir });
  const ds = t.app.get(DataSource);
  const adminHash = await t.app.get(PasswordHasher).hash(ADMIN.password);
  const mailbox = new FileMailbox(mailDir);

  const reset = async () => {
    const tables: Array<{ tablename: string }> = await ds.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'migrations'`,
    );
    await ds.query(`TRUNCATE ${tables.map((r) => `"${r.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);
    if (ourEnv.AUTH_USER_MODEL_FILE) {
      // The reference's custom user: create_superuser('admin@example.com', pw, first_name='Admin').
      await ds.query(
        `INSERT INTO accounts_user (password, last_login, is_superuser, email, first_name, last_name, phone, is_staff, is_active, date_joined)
         VALUES ($1, NULL, true, $2, 'Admin', '', '', true, true, now())`,
        [adminHash, ADMIN.email],
      );
    } else {
      await ds.query(
        `INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
         VALUES ($1, NULL, true, $2, '', '', $3, true, true, now())`,
        [adminHash, ADMIN.username, ADMIN.email],
      );
    }
    await mailbox.skipExisting();
  };
  await reset();

  return {
    baseUrl: t.url,
    takeMail: () => mailbox.takeMail(),
    reset,
    close: async () => {
      await t.close();
      rmSync(mailDir, { recursive: true, force: true });
    },
  };
}
