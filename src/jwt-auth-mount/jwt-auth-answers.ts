import { ApiException } from '../drf/exceptions';
import type { DrfView } from '../drf/view';
import { fieldValue } from '../users/model/user-entity';
import type { UserModel } from '../users/model/user-model';
import type { User } from '../users/user.entity';

/** django_rest_jwt_auth's error texts: facts of its interface, typos included. */
export const JWT_AUTH_MESSAGES = {
  notJson: 'Incorrect data format, JSON expected',
  invalidToken: 'Invalid token',
  invalidEmail: 'Invalid email',
  incorrectFields: 'Incorrect data fields',
  signinRequired: "'username' and 'password' fields are required",
  signupRequired: "'email' and 'password' fields are required",
  signupName: "'username' or 'email_as_name' field is required. If both - 'username' is prior",
  usernameTaken: 'User with such username already exists',
  emailTaken: 'User with such email already exists',
  userNotFound: 'User not found',
  onlyPost: 'Only POST method, only JSON data',
  noAuthorization: 'No Autherization token',
  tokenExpired: 'Token expired',
  emailSent: 'Email was sent',
  passwordChanged: 'Password changed',
} as const;

/** An answer in the package's error shape (rendered by the wire layer through the view's `errorBody`). */
export const jwtAuthError = (status: number, message: string) => new ApiException(status, { detail: message });

/** The six views: Django `JsonResponse`s, so no negotiation, no DRF authentication, open to anyone. */
export const JWT_AUTH_VIEW: DrfView = {
  name: 'django_rest_jwt_auth',
  description: '',
  authenticate: false,
  defaultPermission: () => true,
  plainJson: {
    errorBody: (status, message) => ({ status, error: { message } }),
    methodNotAllowed: JWT_AUTH_MESSAGES.onlyPost,
  },
};

/** DjangoJSONEncoder's datetime: ISO 8601, milliseconds, `Z` for UTC. */
function djangoDate(d: Date | null): string | null {
  return d ? d.toISOString().replace('.000Z', 'Z') : null;
}

/** `model_to_dict(user)` without `password` (and without the m2m groups / permissions, empty here). */
export function jwtAuthUser(u: User, model?: UserModel): Record<string, unknown> {
  // a described model: its own concrete fields, in model order
  if (model?.custom) {
    const out: Record<string, unknown> = { id: u.id };
    for (const f of model.fields) {
      const v = fieldValue(u, f.name);
      out[f.name] = v instanceof Date || (v === null && (f.type === 'datetime' || f.type === 'date')) ? djangoDate(v as Date | null) : v;
    }
    return out;
  }
  return {
    id: u.id,
    last_login: djangoDate(u.lastLogin),
    is_superuser: u.isSuperuser,
    username: u.username,
    first_name: u.firstName,
    last_name: u.lastName,
    email: u.email,
    is_staff: u.isStaff,
    is_active: u.isActive,
    date_joined: djangoDate(u.dateJoined),
  };
}

/** Python's `str(datetime.fromtimestamp(exp))`: `YYYY-MM-DD HH:MM:SS` in the server's local time. */
export function pythonLocalTime(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
