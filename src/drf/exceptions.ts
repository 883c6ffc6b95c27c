/**
 * DRF's APIException family. Every error the server answers is one of these; the
 * exception filter renders them, so no controller or service builds an error body.
 */
export class ApiException extends Error {
  constructor(
    readonly status: number,
    /** The rendered data (`{"detail": ...}`, a field-error dict, a bare list), or undefined for an empty body. */
    readonly data: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof data === 'object' && data && 'detail' in data ? String((data as { detail: unknown }).detail) : `HTTP ${status}`);
  }
}

const detail = (status: number, text: string, headers?: Record<string, string>) => new ApiException(status, { detail: text }, headers);

/** A DRF `ValidationError`: a dict of field → messages, or a bare list when raised outside `is_valid()`. */
export class ValidationError extends ApiException {
  constructor(data: Record<string, string[]> | string[]) {
    super(400, data);
  }
}

export const NotAuthenticated = () => detail(401, 'Authentication credentials were not provided.');
export const AuthenticationFailed = (text = 'Incorrect authentication credentials.') => detail(401, text);
export const PermissionDenied = (text = 'You do not have permission to perform this action.') => detail(403, text);
export const NotFound = (text = 'Not found.') => detail(404, text);
export const MethodNotAllowed = (method: string) => detail(405, `Method "${method}" not allowed.`);
export const NotAcceptable = () => detail(406, 'Could not satisfy the request Accept header.');
export const UnsupportedMediaType = (mediaType: string) => detail(415, `Unsupported media type "${mediaType}" in request.`);
export const ParseError = (text: string) => detail(400, text);
/** Django's RequestDataTooBig text, as a DRF-shaped 413 (Django itself answers an HTML 400). */
export const RequestEntityTooLarge = () => detail(413, 'Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.');
export const Throttled = (waitSeconds: number) => {
  // DRF's two msgids written out whole, so scripts/i18n/extract-catalogs.mjs finds both in the sources.
  const wait = waitSeconds === 1 ? `Expected available in ${waitSeconds} second.` : `Expected available in ${waitSeconds} seconds.`;
  return detail(429, `Request was throttled. ${wait}`, { 'Retry-After': String(waitSeconds) });
};
/** An error whose body is DRF's empty `Response(status=400)` (no Content-Type, Content-Length 0). */
export const EmptyBadRequest = () => new ApiException(400, undefined);

/** The one text of an error's data (`detail`, else the first field message), for views that render errors as plain text. */
export function errorMessage(data: unknown): string {
  if (typeof data === 'string') return data;
  if (Array.isArray(data)) return data.length ? errorMessage(data[0]) : '';
  if (data && typeof data === 'object') {
    const values = Object.values(data as Record<string, unknown>);
    return 'detail' in data ? String((data as { detail: unknown }).detail) : values.length ? errorMessage(values[0]) : '';
  }
  return data === undefined ? '' : String(data);
}
