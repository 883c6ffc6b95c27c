import type { Scenario, Step } from '../types';
import { get, json, post, rawJson, STRONG, USERS } from './helpers';

/** §1.1–§1.3: renderers and Accept, URL routing, JSON parse errors, media types. */

const ROOT = '/auth/';
const accept = (name: string, value: string, path = ROOT): Step => get(name, path, { headers: { Accept: value } });

export const apiRootAndAccept: Scenario = {
  name: 'api-root-and-accept',
  area: 'wire',
  configs: ['default'],
  description: 'api-root, Accept negotiation (indent, 406), ?format, HEAD/OPTIONS on the root',
  steps: [
    get('root', ROOT),
    accept('root-indent-4', 'application/json; indent=4'),
    accept('root-indent-0', 'application/json; indent=0'),
    accept('root-indent-12', 'application/json; indent=12'),
    accept('root-indent-2-no-space', 'application/json;indent=2'),
    accept('root-accept-any', '*/*'),
    accept('root-accept-application-any', 'application/*'),
    accept('root-accept-json-charset', 'application/json; charset=utf-8'),
    accept('root-accept-q-list', 'application/xml, application/json;q=0.5'),
    accept('root-accept-xml', 'application/xml'),
    accept('root-accept-csv', 'text/csv'),
    accept('root-accept-vnd-api', 'application/vnd.api+json'),
    accept('root-accept-empty', ''),
    get('root-format-json', '/auth/?format=json'),
    get('root-format-xml', '/auth/?format=xml'),
    get('root-query-ignored', '/auth/?page=2&limit=1'),
    { name: 'root-head', method: 'HEAD', path: ROOT },
    { name: 'root-options', method: 'OPTIONS', path: ROOT },
    post('root-post', ROOT, json({})),
    { name: 'root-delete', method: 'DELETE', path: ROOT },
    accept('users-anonymous-indent-2', 'application/json; indent=2', USERS),
    accept('users-anonymous-accept-xml', 'application/xml', USERS),
    get('users-anonymous-format-xml', '/auth/users/?format=xml'),
  ],
};

export const routing: Scenario = {
  name: 'routing',
  area: 'wire',
  configs: ['default'],
  description: 'unknown URLs (Django HTML 404), APPEND_SLASH 301s, optional slashes on token/ and unanchored jwt/ routes, format suffixes',
  steps: [
    get('root-no-slash', '/auth'),
    get('unknown-url', '/auth/nope/'),
    post('unknown-url-post', '/auth/nope/', json({})),
    get('unknown-below-me', '/auth/users/me/extra/'),
    get('uppercase-prefix', '/AUTH/users/'),
    get('token-prefix-only', '/auth/token/'),
    get('users-no-slash', '/auth/users'),
    post('users-no-slash-post', '/auth/users', json({ username: 'x' })),
    { name: 'users-no-slash-delete', method: 'DELETE', path: '/auth/users' },
    get('users-no-slash-query', '/auth/users?x=1'),
    get('me-no-slash', '/auth/users/me'),
    post('activation-no-slash', '/auth/users/activation', json({})),
    post('detail-no-slash', '/auth/users/1', json({})),
    post('token-login-no-slash', '/auth/token/login', json({})),
    post('token-logout-no-slash', '/auth/token/logout'),
    post('jwt-create-no-slash', '/auth/jwt/create', json({})),
    post('jwt-create-suffix', '/auth/jwt/createXYZ', json({})),
    post('jwt-create-extra-segment', '/auth/jwt/create/extra', json({})),
    post('jwt-refresh-no-slash', '/auth/jwt/refresh', json({})),
    post('jwt-verify-suffix', '/auth/jwt/verifyfoo', json({})),
    get('users-json-suffix', '/auth/users.json'),
    get('users-format-query', '/auth/users/?format=json'),
    get('detail-json-suffix', '/auth/users/1.json'),
    post('activation-json-suffix', '/auth/users/activation.json', json({})),
    get('double-slash', '/auth//users/'),
  ],
};

const parseError = (name: string, body: string | Buffer): Step => post(name, USERS, rawJson(body));

export const jsonParseErrors: Scenario = {
  name: 'json-parse-errors',
  area: 'wire',
  configs: ['default'],
  description: "CPython json error texts, non-object bodies and DRF's empty-body rule on POST users/",
  steps: [
    parseError('bad-property-name', '{bad json'),
    parseError('extra-data', '{"username":"x","password":"y","email":"a@b.co"} xyz'),
    parseError('control-char', '{"username":"ab\tc","password":"x"}'),
    parseError('newline-in-string', '{"username":"ab\nc"}'),
    parseError('nan', '{"username": NaN}'),
    parseError('infinity', '{"password": Infinity}'),
    parseError('negative-infinity', '{"password": -Infinity}'),
    parseError('invalid-utf8', Buffer.concat([Buffer.from('{"username":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')])),
    parseError('truncated-utf8', Buffer.concat([Buffer.from('{"username":"caf'), Buffer.from([0xc3]), Buffer.from('"}')])),
    parseError('expecting-value', '{"username": }'),
    parseError('expecting-comma', '{"username":"a" "password":"b"}'),
    parseError('expecting-colon', '{"username" "a"}'),
    parseError('unterminated-string', '{"username":"abc'),
    parseError('invalid-escape', '{"username":"\\q"}'),
    parseError('invalid-unicode-escape', '{"username":"\\u12"}'),
    parseError('trailing-comma', '{"username":"a",}'),
    parseError('single-quotes', "{'username':'a'}"),
    parseError('unclosed-object', '{"username":"a"'),
    parseError('unclosed-array', '[1, 2'),
    parseError('astral-offset', '{"username":"😀😀", x}'),
    parseError('multi-line', '{\n  "username": "a",\n  oops\n}'),
    parseError('bom', '\ufeff{}'),
    parseError('empty-body', ''),
    parseError('whitespace-body', '  \n'),
    parseError('null-body', 'null'),
    parseError('list-body', '[]'),
    parseError('list-of-objects-body', '[{"username":"x"}]'),
    parseError('string-body', '"text"'),
    parseError('int-body', '42'),
    parseError('float-body', '4.2'),
    parseError('bool-body', 'true'),
    parseError('duplicate-keys', `{"username":"first","username":"dupkey","password":"${STRONG}","email":""}`),
    parseError('huge-float-username', `{"username":1e400,"password":"${STRONG}","email":""}`),
    parseError('exponent-username', `{"username":1e20,"password":"${STRONG}","email":""}`),
    parseError('negative-zero-username', `{"username":-0,"password":"${STRONG}","email":""}`),
    parseError('big-int-username', `{"username":123456789012345678901234567890,"password":"${STRONG}","email":""}`),
    parseError('float-username', `{"username":1.50,"password":"${STRONG}","email":""}`),
    parseError('escaped-unicode-username', `{"username":"\\u00fcber","password":"${STRONG}","email":""}`),
  ],
};

export const mediaTypes: Scenario = {
  name: 'media-types',
  area: 'wire',
  configs: ['default'],
  description: 'Content-Type handling on POST users/: 415s, charsets, form and multipart bodies',
  steps: [
    post('text-plain', USERS, { raw: '{"username":"x"}', contentType: 'text/plain' }),
    post('no-content-type', USERS, { raw: '{"username":"x"}' }),
    post('vnd-api-json', USERS, { raw: '{"username":"x"}', contentType: 'application/vnd.api+json' }),
    post('text-plain-empty-body', USERS, { raw: '', contentType: 'text/plain' }),
    post('xml', USERS, { raw: '<user/>', contentType: 'application/xml' }),
    post('json-charset-utf8', USERS, {
      raw: JSON.stringify({ username: 'mt-utf8', password: STRONG, email: 'mt-utf8@example.com' }),
      contentType: 'application/json; charset=utf-8',
    }),
    post('json-charset-latin1', USERS, {
      raw: Buffer.concat([
        Buffer.from('{"username":"mt-caf'),
        Buffer.from([0xe9]),
        Buffer.from(`","password":"${STRONG}","email":"mt-latin1@example.com"}`),
      ]),
      contentType: 'application/json; charset=latin-1',
    }),
    post('json-uppercase-type', USERS, {
      raw: JSON.stringify({ username: 'mt-upper', password: STRONG, email: '' }),
      contentType: 'APPLICATION/JSON',
    }),
    post('form', USERS, { form: { username: 'mt-form', password: STRONG, email: 'mt-form@example.com' } }),
    post('form-repeated-key', USERS, {
      form: [
        ['username', 'mt-first'],
        ['username', 'mt-last'],
        ['password', STRONG],
      ],
    }),
    post('form-empty', USERS, { form: [] }),
    post('form-with-json-text', USERS, { raw: '{"username":"x"}', contentType: 'application/x-www-form-urlencoded' }),
    post('multipart', USERS, { multipart: { username: 'mt-multi', password: STRONG, email: 'mt-multi@example.com' } }),
    post('multipart-no-boundary', USERS, { raw: 'x', contentType: 'multipart/form-data' }),
    post('form-duplicate-user', USERS, { form: { username: 'mt-form', password: STRONG } }),
  ],
};

export const WIRE_SCENARIOS = [apiRootAndAccept, routing, jsonParseErrors, mediaTypes];
