import { config } from './config';

/**
 * What the page needs to know of the server's user model (Django's AUTH_USER_MODEL as Djoser
 * serves it): the sign-up fields (UserCreateSerializer: REQUIRED_FIELDS + the login field +
 * password), the login field and whether the e-mail is the login (then it changes through
 * `set_email/`). Read from the server's OpenAPI document at `/api/schema/` (drf-spectacular's
 * default path, served by nest-djoser); a server without one (plain Djoser) falls back to
 * `?login=` and Django's default User.
 */
export interface InputField {
  name: string;
  label: string;
  type: 'text' | 'email' | 'password';
  required: boolean;
  maxLength?: number;
}

export interface UserModelView {
  signup: InputField[];
  loginField: string;
  /** `set_email/` exists: the e-mail is USERNAME_FIELD (changed with new_email + current_password). */
  emailIsLogin: boolean;
  /** The fields users/me/ answers, in order (UserSerializer). */
  profile: string[];
}

interface Schema {
  properties?: Record<string, { title?: string; format?: string; maxLength?: number; readOnly?: boolean; writeOnly?: boolean }>;
  required?: string[];
}
interface OpenApi {
  paths: Record<string, { post?: { requestBody?: { content?: Record<string, { schema?: Schema }> } } }>;
  components?: { schemas?: Record<string, Schema> };
}

const requestSchema = (doc: OpenApi, path: string): Schema | undefined => doc.paths[path]?.post?.requestBody?.content?.['application/json']?.schema;

function fallback(): UserModelView {
  const email = config.loginField === 'email';
  const signup: InputField[] = email
    ? [{ name: 'email', label: 'E-mail', type: 'email', required: true }]
    : [
        { name: 'username', label: 'Username', type: 'text', required: true },
        { name: 'email', label: 'E-mail', type: 'email', required: true },
      ];
  signup.push({ name: 'password', label: 'Password', type: 'password', required: true });
  return { signup, loginField: config.loginField, emailIsLogin: email, profile: email ? ['email', 'id'] : ['email', 'id', 'username'] };
}

/** The model as the OpenAPI document describes it, or null when the document is not there or not one. */
export function fromOpenApi(doc: OpenApi): UserModelView | null {
  const create = requestSchema(doc, '/auth/users/');
  const login = requestSchema(doc, '/auth/jwt/create/');
  if (!create?.properties || !login?.properties) return null;
  const required = new Set(create.required ?? []);
  const signup: InputField[] = Object.entries(create.properties)
    .filter(([, p]) => !p.readOnly)
    .map(([name, p]) => ({
      name,
      label: name === 'password' ? 'Password' : p.format === 'email' ? 'E-mail' : (p.title ?? name),
      type: name === 'password' ? 'password' : p.format === 'email' ? 'email' : 'text',
      required: required.has(name),
      ...(p.maxLength ? { maxLength: p.maxLength } : {}),
    }));
  const loginField = Object.keys(login.properties).find((n) => n !== 'password') ?? 'username';
  const profile = Object.keys(doc.components?.schemas?.User?.properties ?? {});
  return { signup, loginField, emailIsLogin: '/auth/users/set_email/' in doc.paths, profile: profile.length ? profile : fallback().profile };
}

let loaded: Promise<UserModelView> | undefined;

/** Fetched once per page load. */
export function userModel(): Promise<UserModelView> {
  loaded ??= (async () => {
    try {
      const res = await fetch(`${config.api}/api/schema/`, { headers: { Accept: 'application/json' } });
      if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return fallback();
      return fromOpenApi((await res.json()) as OpenApi) ?? fallback();
    } catch {
      return fallback();
    }
  })();
  return loaded;
}
