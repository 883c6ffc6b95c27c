/** DRF's FormParser: `QueryDict(body, encoding=request encoding)` (Django 3.2.25). */
import { DjangoSuspiciousOperation } from './django-errors';
import { decodeToString, lookupPyCodec, PyUnicodeDecodeError, requestCodec } from './python-codecs';
import { parseQsl } from './python-urllib';

/** settings.DATA_UPLOAD_MAX_NUMBER_FIELDS (Django default). */
export const DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000;

/** Every (key, value) pair in body order, before DRF picks the last value per key. */
export function parseUrlEncodedPairs(bytes: Buffer, charset?: string): [string, string][] {
  const codec = requestCodec(charset);
  let text: string;
  try {
    text = decodeToString(bytes, codec, 'strict');
  } catch (e) {
    if (!(e instanceof PyUnicodeDecodeError)) throw e;
    // "... but some user agents are misbehaving :-(" -- Django re-decodes the whole body as latin-1
    text = decodeToString(bytes, lookupPyCodec('iso-8859-1')!, 'strict');
  }
  // parse_qsl's max_num_fields counts separators, empty fields included
  if (text && text.split('&').length > DATA_UPLOAD_MAX_NUMBER_FIELDS) {
    throw new DjangoSuspiciousOperation(
      'TooManyFieldsSent',
      'The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS.',
    );
  }
  return parseQsl(text, codec);
}
