/**
 * DRF's JSONRenderer: `json.dumps(ensure_ascii=False, allow_nan=False, separators=(',', ':'))`
 * then U+2028/U+2029 escaped. JSON.stringify already writes Python's escapes for C0
 * controls, quotes and backslashes, so only the two line separators need post-processing.
 * With `indent` (from `Accept: application/json; indent=N`) Python's pretty form is
 * `(',', ': ')` with N spaces, which is JSON.stringify's pretty form too.
 */
export function renderJson(data: unknown, indent: number | null = null): string {
  const text = indent ? JSON.stringify(data, null, indent) : JSON.stringify(data);
  return text.replace(/[\u2028\u2029]/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'));
}

/** The rendered bytes: sent as a Buffer so the HTTP stack adds no `charset` to DRF's bare `application/json`. */
export function renderJsonBytes(data: unknown, indent: number | null = null): Buffer {
  return Buffer.from(renderJson(data, indent), 'utf8');
}
