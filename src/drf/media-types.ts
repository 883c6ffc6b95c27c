/** DRF's parsers (JSON, form, multipart), in DRF's order: OPTIONS `parses` and the body reader use this list. */
export const PARSER_MEDIA_TYPES = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'];

/** A Content-Type's parser and charset, worked out once per distinct header (clients send a handful). */
export function contentTypeOf(contentType: string): { parser: string | undefined; charset: string | undefined } {
  let known = seen.get(contentType);
  if (!known) {
    if (seen.size >= 256) seen.clear(); // arbitrary headers cannot grow it without bound
    seen.set(contentType, (known = { parser: parserFor(contentType), charset: charsetOf(contentType) }));
  }
  return known;
}
const seen = new Map<string, { parser: string | undefined; charset: string | undefined }>();

/** DRF's `media_type_matches(parser.media_type, request.content_type)`: which parser takes a Content-Type. */
function parserFor(contentType: string): string | undefined {
  const [full] = contentType.split(';');
  const [main = '', sub = ''] = full.trim().toLowerCase().split('/', 2);
  return PARSER_MEDIA_TYPES.find((p) => {
    const [pm, ps] = p.split('/');
    return (sub === '*' || sub === ps) && (main === '*' || main === pm);
  });
}

/** The `charset` parameter of a Content-Type, if any. */
function charsetOf(contentType: string): string | undefined {
  const param = contentType
    .split(';')
    .slice(1)
    .map((p) => p.trim())
    .find((p) => p.toLowerCase().startsWith('charset='));
  return param?.slice(8).trim().replace(/^"(.*)"$/, '$1');
}
