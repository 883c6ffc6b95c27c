import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

/** What a caller may pass as X-Request-Id: a UUID or any short token without spaces or quotes. */
const SANE = /^[A-Za-z0-9._:@\-/+=]{1,128}$/;

const ID = Symbol('requestId');

/**
 * The request's id, decided once per request (pino-http and the request log both
 * ask): the caller's X-Request-Id when it looks like an id, else a new UUID, so
 * ids can be followed through proxies without letting a caller inject log text.
 */
export function requestIdOf(raw: IncomingMessage): string {
  const holder = raw as IncomingMessage & { [ID]?: string };
  if (holder[ID]) return holder[ID];
  const given = raw.headers[REQUEST_ID_HEADER];
  const id = typeof given === 'string' && SANE.test(given) ? given : randomUUID();
  holder[ID] = id;
  return id;
}
