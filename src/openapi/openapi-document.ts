import { DocumentBuilder, type OpenAPIObject, type OperationObject, type ResponseObject, type SchemaObject } from '@nestjs/swagger';
import type { Settings } from '../config/settings';
import { userCreateFields, userFields } from '../users/user-serializers';
import { operations, type OperationSpec } from './operations';
import { ERROR_SCHEMAS, serializerSchema } from './schemas';
import { jwtAuthPaths } from '../jwt-auth-mount/jwt-auth-openapi';

/** Bodies the wire layer parses (DRF's default parsers). */
const PARSED = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'];
/** The primary key (an AutoField: the CharField-only field specs have no integer kind). */
const ID: Record<string, SchemaObject> = { id: { type: 'integer', readOnly: true, title: 'ID' } };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const detail = (description: string): ResponseObject => ({ description, content: { 'application/json': { schema: ref('Detail') } } });

const RESPONSES: Record<string, ResponseObject> = {
  ValidationError: {
    description: 'Validation failed (field errors), or the body could not be parsed (`{"detail": "JSON parse error - ..."}`)',
    content: { 'application/json': { schema: { oneOf: [ref('ValidationError'), ref('Detail')] } } },
  },
  NotAuthenticated: detail('Authentication credentials were not provided, or they are invalid'),
  PermissionDenied: detail('You do not have permission to perform this action'),
  NotFound: detail('Not found'),
  MethodNotAllowed: detail('Method not allowed on this path (the Allow header lists the allowed ones)'),
  NotAcceptable: detail('Could not satisfy the request Accept header'),
  UnsupportedMediaType: detail('Unsupported media type in request'),
  Throttled: {
    ...detail('Request was throttled'),
    headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' } } },
  },
};

/** SIMPLE_JWT_AUTH_HEADER_TYPES: `Bearer` is HTTP bearer auth; any other keyword is a raw Authorization header. */
function jwtSchemes(types: string[]): Array<[string, Record<string, unknown>]> {
  return types.map((t) =>
    t === 'Bearer'
      ? ['jwt', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'SimpleJWT access token: `Authorization: Bearer <access>`' }]
      : [`jwt${t}`, { type: 'apiKey', in: 'header', name: 'Authorization', description: `SimpleJWT access token: \`Authorization: ${t} <access>\`` }],
  );
}

function operation(op: OperationSpec, securityNames: string[]): OperationObject {
  const responses: Record<string, ResponseObject | { $ref: string }> = {};
  responses[String(op.status)] = op.response
    ? { description: 'Success', content: { 'application/json': { schema: op.response } } }
    : { description: 'Success (empty body)' };
  if (op.request || op.method !== 'get') responses['400'] = { $ref: '#/components/responses/ValidationError' };
  if (op.authenticates) responses['401'] = { $ref: '#/components/responses/NotAuthenticated' };
  if (op.auth) responses['403'] = { $ref: '#/components/responses/PermissionDenied' };
  if (op.notFound) responses['404'] = { $ref: '#/components/responses/NotFound' };
  responses['405'] = { $ref: '#/components/responses/MethodNotAllowed' };
  responses['406'] = { $ref: '#/components/responses/NotAcceptable' };
  if (op.request) responses['415'] = { $ref: '#/components/responses/UnsupportedMediaType' };
  if (op.throttled) responses['429'] = { $ref: '#/components/responses/Throttled' };

  const result: OperationObject = {
    operationId: `${op.method}_${op.path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '')}`,
    summary: op.summary,
    tags: [op.tag],
    responses,
    // Anonymous access is `{}`; authenticated views accept any of the schemes.
    security: op.authenticates ? [...securityNames.map((n) => ({ [n]: [] })), ...(op.auth ? [] : [{}])] : [],
  };
  if (op.request) {
    const schema = serializerSchema(op.request, 'request');
    if (op.requestExtra) Object.assign(schema.properties!, op.requestExtra);
    if (op.partial) delete schema.required;
    result.requestBody = { required: true, content: Object.fromEntries(PARSED.map((type) => [type, { schema }])) };
  }
  return result;
}

/** The OpenAPI 3 document of every endpoint these settings serve. */
export function buildOpenApiDocument(settings: Settings): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('nest-djoser')
    .setDescription(
      'Djoser 2.1 + SimpleJWT 5.2 + DRF token authentication. Errors are DRF bodies: `{"detail": "..."}`, or a map of field → messages for 400.',
    )
    .setVersion('0.1.0')
    .addTag('users', "Djoser's user endpoints")
    .addTag('jwt', "SimpleJWT through Djoser's jwt/ URLs")
    .addTag('token', 'DRF token authentication')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'Authorization', description: 'DRF token: `Authorization: Token <key>`' }, 'token');
  const jwt = jwtSchemes(settings.simpleJwt.authHeaderTypes);
  for (const [name, scheme] of jwt) builder.addSecurity(name, scheme as never);
  if (settings.simpleJwt.mountSimpleJwtUrls) builder.addTag('simplejwt', "SimpleJWT's own api/token/ URLs");
  if (settings.jwtAuthMount.prefix) builder.addTag('django_rest_jwt_auth', "django_rest_jwt_auth's API (MOUNT_JWT_AUTH_URLS)");
  const base = builder.build();
  const securityNames = [...jwt.map(([n]) => n), 'token'];

  const paths: OpenAPIObject['paths'] = {};
  for (const op of operations(settings)) {
    paths[op.path] ??= op.path.includes('{id}')
      ? { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'user id' }] }
      : op.path.includes('{ukey}')
        ? { parameters: [{ name: 'ukey', in: 'path', required: true, schema: { type: 'string' }, description: 'user.id of the signup_request/ answer' }] }
      : op.path.includes('{provider}')
        ? { parameters: [{ name: 'provider', in: 'path', required: true, schema: { type: 'string' }, description: 'google-oauth2, github, or an OIDC provider name' }] }
        : {};
    paths[op.path][op.method] = operation(op, securityNames);
  }
  // Every DRF view answers OPTIONS with its metadata (listed after the path's own methods).
  for (const [path, item] of Object.entries(paths))
    item.options = {
      operationId: `options_${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '')}`,
      summary: 'DRF metadata',
      tags: Object.values(item).find((o): o is OperationObject => Boolean(o && typeof o === 'object' && 'tags' in o))?.tags,
      responses: { '200': { description: 'Metadata', content: { 'application/json': { schema: ref('Metadata') } } } },
    };
  // django_rest_jwt_auth's mount: not DRF views (no OPTIONS metadata), own error shape.
  Object.assign(paths, jwtAuthPaths(settings.jwtAuthMount));
  const schemas: Record<string, SchemaObject> = {
    ...ERROR_SCHEMAS,
    User: serializerSchema(userFields(settings.djoser), 'response', ID),
    UserCreate: serializerSchema(userCreateFields(settings.djoser, () => []), 'response', ID),
  };
  return { ...base, paths, components: { ...base.components, schemas, responses: RESPONSES } };
}
