import type { PathItemObject, SchemaObject } from '@nestjs/swagger';
import type { JwtAuthMountSettings } from './jwt-auth-settings';

const str: SchemaObject = { type: 'string' };
const obj = (properties: Record<string, SchemaObject>, required: string[] = []): SchemaObject => ({
  type: 'object',
  properties,
  ...(required.length ? { required } : {}),
});
const ERROR = obj({ status: { type: 'integer' }, error: obj({ message: str }, ['message']) }, ['status', 'error']);
const USER = obj({
  id: { type: 'integer' },
  last_login: { type: 'string', format: 'date-time', nullable: true },
  is_superuser: { type: 'boolean' },
  username: str,
  first_name: str,
  last_name: str,
  email: str,
  is_staff: { type: 'boolean' },
  is_active: { type: 'boolean' },
  date_joined: { type: 'string', format: 'date-time' },
});
const status = { status: { type: 'integer' } } as const;

/** The mount's operations: POST with a JSON object only; any other method (OPTIONS too) is its 405. */
export function jwtAuthPaths(s: JwtAuthMountSettings): Record<string, PathItemObject> {
  if (!s.prefix) return {};
  const op = (name: string, summary: string, request: SchemaObject | null, ok: number, response: SchemaObject, errors: number[]): [string, PathItemObject] => [
    `/${s.prefix}/${name}`,
    {
      post: {
        operationId: `post_jwt_auth_${name.replace(/\W/g, '')}`,
        summary,
        tags: ['django_rest_jwt_auth'],
        security: [],
        ...(request
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: request } },
              },
            }
          : {}),
        responses: {
          [String(ok)]: {
            description: 'Success',
            content: { 'application/json': { schema: response } },
          },
          ...Object.fromEntries(
            [...errors, 405, 429].map((code) => [
              String(code),
              {
                description: 'Error (`error.message` says which)',
                content: { 'application/json': { schema: ERROR } },
              },
            ]),
          ),
        },
      },
    },
  ];
  const token = obj({ token: str, ...status });
  const message = obj({ message: str, ...status });
  return Object.fromEntries([
    op(
      'signup',
      'Create a user',
      obj(
        {
          email: str,
          password: str,
          username: str,
          email_as_name: { type: 'boolean' },
        },
        ['email', 'password'],
      ),
      201,
      obj({ user: USER, ...status }),
      [400],
    ),
    op('signin', 'A token for username + password', obj({ username: str, password: str }, ['username', 'password']), 200, token, [400, 404]),
    op('refresh', 'A new token for `Authorization: Bearer <token>` (expired ones too, within JWT_REFRESH_MAX_AGE)', null, 200, token, [400, 404]),
    op(
      'restore',
      '`{"email"}` mails a restore link; `{"token", "new_password"}` uses it',
      obj({ email: str, token: str, new_password: str }),
      200,
      message,
      [400, 404],
    ),
    op('validation', "The token's expiry (an expired token: error body with 200)", obj({ token: str }, ['token']), 200, message, [400, 401]),
    op('get_user/', "The token's user", obj({ token: str }, ['token']), 200, obj({ user: USER, ...status }), [400, 404]),
  ]);
}
