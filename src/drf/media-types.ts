/** DRF's parsers (JSON, form, multipart), in DRF's order: OPTIONS `parses` and the body reader use this list. */
export const PARSER_MEDIA_TYPES = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'];

/** DRF's `media_type_matches(parser.media_type, request.content_type)`: which parser takes a Content-Type. */
export function parserFor(contentType: string): string | undefined {
  const [full] = contentType.split(';');
  const [main = '', sub = ''] = full.trim().toLowerCase().split('/', 2);
  return PARSER_MEDIA_TYPES.find((p) => {
    const [pm, ps] = p.split('/');
    return (sub === '*' || sub === ps) && (main === '*' || main === pm);
  });
}

/** The `charset` parameter of a Content-Type, if any. */
export function charsetOf(contentType: string): string | undefined {
  const param = contentType
    .split(';')
    .slice(1)
    .map((p) => p.trim())
    .find((p) => p.toLowerCase().startsWith('charset='));
  return param?.slice(8).trim().replace(/^"(.*)"$/, '$1');
}
