import type { Settings } from '../config/settings';
import type { MailUser } from '../mail/mail.types';
import { fieldValue } from './model/user-entity';
import type { UserModel } from './model/user-model';
import { loginName } from './user-representation';
import type { User } from './user.entity';

/**
 * A described model's field values as the mail context carries them (`user.<field>`). Date and
 * datetime fields are left out: Django prints them in its localised DATETIME_FORMAT, not reproduced.
 */
function mailFields(user: User, model: UserModel): NonNullable<MailUser['fields']> {
  const out: NonNullable<MailUser['fields']> = {};
  for (const f of model.fields) {
    if (f.type === 'date' || f.type === 'datetime') continue;
    const v = fieldValue(user, f.name);
    out[f.name] = v === undefined ? null : (v as string | number | boolean | null);
  }
  return out;
}

/** The `user` of a mail's context, for Djoser's mails and the jwt_auth restore mail alike. */
export function mailUserContext(user: User, settings: Pick<Settings, 'djoser' | 'userModel'>): MailUser {
  return {
    id: user.id,
    username: loginName(user, settings.djoser),
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    ...(settings.userModel.custom ? { fields: mailFields(user, settings.userModel) } : {}),
  };
}
