/**
 * Outcomes of body parsing that are not DRF `ParseError`s, named after what the
 * reference stack answers, so the request pipeline can map them to the same responses.
 */

/** DRF `ParseError` raised by the form/multipart parsers: 400 `{"detail": message}`. */
export class FormParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormParseError';
  }
}

/**
 * A Django `SuspiciousOperation` (TooManyFieldsSent, TooManyFilesSent, RequestDataTooBig,
 * SuspiciousMultipartForm). DRF does not handle it; Django answers its HTML 400 page
 * ("Bad Request (400)").
 */
export class DjangoSuspiciousOperation extends Error {
  constructor(
    readonly pythonClass: string,
    message: string,
  ) {
    super(message);
    this.name = 'DjangoSuspiciousOperation';
  }
}

/** Any other Python exception escaping the parser (e.g. LookupError): Django answers its HTML 500 page. */
export class DjangoServerError extends Error {
  constructor(
    readonly pythonClass: string,
    message: string,
  ) {
    super(message);
    this.name = 'DjangoServerError';
  }
}
