import { Prng } from './prng';

/** One malformed request: sent by an HTTP client (`http`) or as raw bytes over a socket (`raw`). */
export type FuzzCase =
  | { kind: 'http'; label: string; method: string; path: string; headers: Record<string, string>; body?: Buffer }
  | { kind: 'raw'; label: string; bytes: Buffer };

export interface FuzzContext {
  /** Concrete paths of every registered endpoint (route parameters filled in). */
  paths: string[];
  /** A valid `Token ...` and `Bearer ...` so that authenticated views parse bodies too. */
  auth: string[];
  /** Strings worth repeating: the seeded user's name, e-mail and password. */
  known: string[];
}

const FIELDS = [
  'username',
  'password',
  'email',
  're_password',
  'current_password',
  'new_password',
  're_new_password',
  'new_username',
  're_new_username',
  'current_username',
  'new_email',
  'uid',
  'token',
  'refresh',
  'access',
  'id',
  'first_name',
  'last_name',
  'is_staff',
  'is_superuser',
  'is_active',
  'auth_token',
  '__proto__',
  'constructor',
  '',
];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin-1',
  'application/json; charset=utf-16',
  'application/json; charset=bogus',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=xyz',
  'text/plain',
  'application/xml',
  'application/json, text/html',
  '*/*',
  'application/',
  ';;;',
  'APPLICATION/JSON',
];
const STRINGS = [
  '',
  ' ',
  'a',
  'admin',
  'root@example.com',
  'x@y',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '😀'.repeat(50),
  'ﬁ',
  'ｓｐｅｅｄ',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${jndi:ldap://x}',
  '../../etc/passwd',
  '%00',
  'NaN',
  'Infinity',
  '-0',
  '1e999',
  'MQ',
  'MTAw',
  'Og',
  'abc-def',
  '0-00000000000000000000000000000000',
  'eyJhbGciOiJub25lIn0.eyJ1c2VyX2lkIjoxfQ.',
  'Bearer',
  '\r\nX-Injected: 1',
];

export function randomString(r: Prng, ctx: FuzzContext): string {
  switch (r.int(6)) {
    case 0:
      return r.pick(ctx.known);
    case 1:
      return r.pick(STRINGS);
    case 2:
      return 'x'.repeat(r.pick([151, 255, 4097, 70_000]));
    case 3:
      return Array.from({ length: r.int(40) }, () => String.fromCharCode(r.int(0x10000))).join('');
    default:
      return r.pick(STRINGS) + r.pick(ctx.known);
  }
}

/** Any JSON value (numbers Python reads differently included), nested up to `depth`. */
export function randomJsonText(r: Prng, ctx: FuzzContext, depth: number): string {
  const k = r.int(depth > 0 ? 10 : 7);
  switch (k) {
    case 0:
      return 'null';
    case 1:
      return r.pick(['true', 'false']);
    case 2:
      return r.pick([
        '0',
        '-1',
        '1.5',
        '1e999',
        '-1e999',
        '9'.repeat(5000),
        '1E400',
        '0.0000001',
        'NaN',
        'Infinity',
        '-Infinity',
        '12345678901234567890',
      ]);
    case 3:
    case 4:
    case 5:
    case 6:
      return JSON.stringify(randomString(r, ctx));
    case 7:
      return `[${Array.from({ length: r.int(4) }, () => randomJsonText(r, ctx, depth - 1)).join(',')}]`;
    default:
      return randomObjectText(r, ctx, depth - 1);
  }
}

/** An object with the endpoints' field names (so validation runs), duplicate keys now and then. */
export function randomObjectText(r: Prng, ctx: FuzzContext, depth: number): string {
  const n = r.int(6);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const key = r.chance(0.85) ? r.pick(FIELDS) : randomString(r, ctx);
    parts.push(`${JSON.stringify(key)}:${randomJsonText(r, ctx, depth)}`);
    if (r.chance(0.1)) parts.push(`${JSON.stringify(key)}:${randomJsonText(r, ctx, 0)}`); // duplicate key
  }
  return `{${parts.join(',')}}`;
}

/** Percent-encodes the UTF-8 bytes (lone surrogates become U+FFFD, unlike encodeURIComponent's URIError). */
const percentEncode = (s: string): string => [...Buffer.from(s, 'utf8')].map((b) => '%' + b.toString(16).padStart(2, '0')).join('');

function randomPath(r: Prng, ctx: FuzzContext): string {
  const base = r.pick(ctx.paths);
  switch (r.int(10)) {
    case 0:
      return base.replace(/\/$/, ''); // APPEND_SLASH
    case 1:
      return `${base}?format=${r.pick(['json', 'api', 'xml', '%ff', ''])}`;
    case 2:
      return `${base}${r.pick(['%00', '%ff%fe', '..%2f..%2f', ';x', '.json', '/extra/', '?a=%zz&a=1&a[]=2'])}`;
    default:
      return base;
  }
}

function randomHeaders(r: Prng, ctx: FuzzContext): Record<string, string> {
  const h: Record<string, string> = {};
  if (r.chance(0.85)) h['Content-Type'] = r.chance(0.6) ? 'application/json' : r.pick(CONTENT_TYPES);
  if (r.chance(0.3)) h.Authorization = r.pick(ctx.auth);
  else if (r.chance(0.2))
    h.Authorization = r.pick([
      'Bearer',
      'Bearer a b',
      'Token',
      'Token ' + 'x'.repeat(41),
      'JWT x.y.z',
      'Basic Og==',
      'Bearer ' + 'A'.repeat(9000),
      'bearer xx',
    ]);
  if (r.chance(0.2))
    h.Accept = r.pick([
      'application/json; indent=4',
      'text/html',
      'application/xml',
      'application/json; indent=-1',
      '*/*;q=0',
      'foo/bar;;',
    ]);
  if (r.chance(0.1)) h.Cookie = r.pick(['refresh_token=abc; csrftoken=x', '=;;;=', 'a="unterminated']);
  if (r.chance(0.1)) h['X-Forwarded-For'] = r.pick(['1.2.3.4', 'garbage', '::1, 10.0.0.1']);
  return h;
}

function randomBody(r: Prng, ctx: FuzzContext, contentType: string | undefined): { label: string; body?: Buffer } {
  switch (r.int(14)) {
    case 0:
      return { label: 'no body' };
    case 1:
      return { label: 'invalid utf-8', body: Buffer.concat([Buffer.from('{"username":"'), r.bytes(1 + r.int(64)), Buffer.from('"}')]) };
    case 2:
      return { label: 'random bytes', body: r.bytes(1 + r.int(512)) };
    case 3:
      return { label: 'deep nesting', body: Buffer.from('['.repeat(r.pick([65, 943, 944, 5000])) + ']'.repeat(r.int(2) * 10)) };
    case 4:
      return { label: 'truncated json', body: Buffer.from(randomObjectText(r, ctx, 3).slice(0, -1 - r.int(5))) };
    case 5:
      return { label: 'form', body: Buffer.from(`${r.pick(FIELDS)}=${percentEncode(randomString(r, ctx))}&${r.pick(FIELDS)}=%ff%00&&=`) };
    case 6:
      return {
        label: 'multipart',
        body: Buffer.from(
          `--xyz\r\nContent-Disposition: form-data; name="${r.pick(FIELDS)}"\r\n\r\n${randomString(r, ctx)}\r\n--xyz${r.pick(['--', ''])}\r\n`,
        ),
      };
    case 7:
      return { label: 'huge string', body: Buffer.from(`{"${r.pick(FIELDS)}":"${'a'.repeat(r.pick([100_000, 600_000]))}"}`) };
    case 8:
      return { label: 'nul bytes', body: Buffer.from(`{"username":"a\u0000b","password":"\\u0000","email":"\u0000@x"}`) };
    default:
      return {
        label: contentType?.includes('json') ? 'json object' : 'json any',
        body: Buffer.from(r.chance(0.7) ? randomObjectText(r, ctx, 3) : randomJsonText(r, ctx, 3)),
      };
  }
}

/** Malformed HTTP that no client library will send. */
function rawCase(r: Prng, ctx: FuzzContext): FuzzCase {
  const path = r.pick(ctx.paths);
  const variants: Array<[string, string | Buffer]> = [
    ['bad request line', `GARBAGE\r\n\r\n`],
    ['http/0.9', `GET ${path}\r\n\r\n`],
    ['header without colon', `GET ${path} HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n`],
    ['nul in header', `GET ${path} HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n`],
    ['CL and TE', `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`],
    [
      'bad chunk size',
      `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
    ],
    ['two content-lengths', `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}`],
    ['negative content-length', `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n`],
    ['huge content-length', `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 99999999999\r\n\r\n{}`],
    ['oversized header', `GET ${path} HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`],
    ['long url', `GET ${path}?${'a='.repeat(5000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`],
    ['non-ascii path', Buffer.concat([Buffer.from('GET /auth/\xff\xfe/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 'latin1')])],
    ['space in header name', `GET ${path} HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n`],
    ['obs-fold', `GET ${path} HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n folded\r\n\r\n`],
    ['no host', `GET ${path} HTTP/1.1\r\nConnection: close\r\n\r\n`],
    ['random bytes', r.bytes(1 + r.int(200))],
  ];
  const [label, bytes] = r.pick(variants);
  return { kind: 'raw', label: `raw: ${label}`, bytes: typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes };
}

export function randomCase(r: Prng, ctx: FuzzContext): FuzzCase {
  if (r.chance(0.08)) return rawCase(r, ctx);
  const headers = randomHeaders(r, ctx);
  const method = r.chance(0.75) ? 'POST' : r.pick(METHODS);
  const { label, body } = r.chance(0.01)
    ? { label: 'oversized body', body: Buffer.alloc(1_100_000, 0x61) }
    : randomBody(r, ctx, headers['Content-Type']);
  return { kind: 'http', label, method, path: randomPath(r, ctx), headers, body: method === 'GET' || method === 'HEAD' ? undefined : body };
}
