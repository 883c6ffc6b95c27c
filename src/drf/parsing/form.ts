/**
 * DRF's FormParser and MultiPartParser outcomes as dicts: DRF fields read
 * `QueryDict.__getitem__`, which returns the LAST value given for a key.
 */
import { parseMultipartForm } from './form-multipart';
import { parseUrlEncodedPairs } from './form-urlencoded';
import { newPyDict, PyDict, PyValue } from './python-value';

export { DjangoServerError, DjangoSuspiciousOperation, FormParseError } from './django-errors';
export { parseMultipartForm } from './form-multipart';
export type { MultipartForm } from './form-multipart';
export { parseUrlEncodedPairs } from './form-urlencoded';

function lastValueWins(pairs: [string, PyValue][]): PyDict {
  const dict = newPyDict();
  for (const [key, value] of pairs) dict[key] = value;
  return dict;
}

/**
 * `application/x-www-form-urlencoded` body -> dict (Django QueryDict semantics: '&' only,
 * '+' is a space, bad percent-escapes kept, undecodable bytes replaced, keys without '=' -> '').
 * `charset` is the Content-Type charset parameter, if any.
 * Throws DjangoSuspiciousOperation for more than 1000 fields.
 */
export function parseUrlEncoded(bytes: Buffer, charset?: string): PyDict {
  return lastValueWins(parseUrlEncodedPairs(bytes, charset));
}

/**
 * `multipart/form-data` body -> `request.data` as DRF builds it: the text fields, then the
 * uploaded files merged in (`data.copy().update(files)`), so for a key that has a file part the
 * last FILE wins even over later text values; a file is a PyUploadedFile.
 * Throws FormParseError with DRF's exact detail (`Multipart form parse error - ...`),
 * DjangoSuspiciousOperation (Django 400 page) or DjangoServerError (500).
 */
export async function parseMultipart(bytes: Buffer, contentTypeHeader: string): Promise<PyDict> {
  const form = parseMultipartForm(bytes, contentTypeHeader);
  return lastValueWins([...form.fields, ...form.files]);
}
