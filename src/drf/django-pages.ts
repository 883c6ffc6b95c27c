/**
 * The pages Django itself answers before DRF is reached (DEBUG=False), byte for byte
 * as Django 3.2's `django.views.defaults` renders them (`ERROR_PAGE_TEMPLATE`).
 */
const errorPage = (title: string, details: string) =>
  `\n<!doctype html>\n<html lang="en">\n<head>\n  <title>${title}</title>\n</head>\n<body>\n  <h1>${title}</h1><p>${details}</p>\n</body>\n</html>\n`;

export const DJANGO_NOT_FOUND_HTML = errorPage('Not Found', 'The requested resource was not found on this server.');
export const DJANGO_SERVER_ERROR_HTML = errorPage('Server Error (500)', '');
export const DJANGO_BAD_REQUEST_HTML = errorPage('Bad Request (400)', '');

/** Thrown where Django's URL resolver would not match (e.g. a `.` in a `users/{id}/` value). */
export class DjangoNotFound extends Error {
  constructor() {
    super('Django URL resolver: no match');
  }
}

/** Django's SuspiciousOperation outcome (e.g. TooManyFieldsSent): its HTML 400 page. */
export class DjangoBadRequest extends Error {
  constructor() {
    super('Django SuspiciousOperation');
  }
}
