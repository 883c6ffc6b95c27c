import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ParseError, UnsupportedMediaType } from './exceptions';
import { FormParseError, parseMultipart, parseUrlEncoded } from './parsing/form';
import { DjangoServerError, DjangoSuspiciousOperation } from './parsing/django-errors';
import { parsePythonJson, PythonJsonError, PythonJsonRecursionError } from './parsing/python-json';
import { DjangoBadRequest } from './django-pages';
import type { PyDict, PyValue } from './parsing/python-value';
import type { DrfRequest } from './request';
import { contentTypeOf } from './media-types';
import { requestLimits } from './hardening';
import type { DjangoEmailRules } from './parsing/email-validator';

const DATA = Symbol('drf.data');
const FORM_INPUT = Symbol('drf.formInput');
const EMAIL_RULES = Symbol('drf.emailRules');
const emailRulesByServer = new WeakMap<object, DjangoEmailRules>();

/** The Django release whose EmailValidator an app's serializers run (COMPAT_STACK; tests run several apps in one process). */
export function installEmailRules(server: object, rules: DjangoEmailRules): void {
  emailRulesByServer.set(server, rules);
}

/** The EmailValidator rules for data parsed from a request of that app (Django 3.2's when unknown). */
export function emailRulesOf(data: PyValue): DjangoEmailRules {
  return (typeof data === 'object' && data !== null ? (data as unknown as Record<symbol, DjangoEmailRules | undefined>)[EMAIL_RULES] : undefined) ?? '3.2';
}

/** Whether data came from a form (DRF's `html.is_html_input`: missing and blank values are read differently). */
export function isFormInput(data: PyValue): boolean {
  return typeof data === 'object' && data !== null && (data as unknown as Record<symbol, unknown>)[FORM_INPUT] === true;
}

async function parse(req: DrfRequest): Promise<PyValue> {
  const body = req.rawBody;
  const header = req.headers['content-type'] ?? '';
  // DRF: an empty body is empty data whatever the media type.
  if (!body || body.length === 0) return Object.create(null) as PyDict;
  const { parser, charset } = contentTypeOf(header);
  if (!parser) throw UnsupportedMediaType(header);
  try {
    if (parser === 'application/json') return parsePythonJson(body, charset, { maxDepth: requestLimits(req)?.dataUploadMaxJsonDepth });
    const form = parser === 'application/x-www-form-urlencoded' ? parseUrlEncoded(body, charset) : await parseMultipart(body, header);
    Object.defineProperty(form, FORM_INPUT, { value: true });
    return form;
  } catch (e) {
    if (e instanceof PythonJsonError) throw ParseError(`JSON parse error - ${e.message}`);
    if (e instanceof FormParseError) throw ParseError(e.message);
    // Django answers these with its HTML 400 page (too many fields, oversized form data).
    if (e instanceof DjangoSuspiciousOperation) throw new DjangoBadRequest();
    // The reference crashes (500) on these; we answer a 400 ParseError instead (COMPAT.md).
    if (e instanceof PythonJsonRecursionError) throw ParseError(`JSON parse error - ${e.message}`);
    if (e instanceof DjangoServerError) throw ParseError(`Parse error - ${e.message}`);
    throw e;
  }
}

/**
 * DRF's lazy `request.data`: parsed only when a handler asks, so that authentication,
 * permission and 405 errors win over 415 / parse errors, and views that never read
 * the body (logout) ignore garbage.
 */
export function requestData(req: DrfRequest): Promise<PyValue> {
  const cached = (req as unknown as Record<symbol, Promise<PyValue>>)[DATA];
  if (cached) return cached;
  const parsed = parse(req).then((data) => {
    const rules = emailRulesByServer.get(req.server);
    if (rules && typeof data === 'object' && data !== null) Object.defineProperty(data, EMAIL_RULES, { value: rules });
    return data;
  });
  (req as unknown as Record<symbol, Promise<PyValue>>)[DATA] = parsed;
  return parsed;
}

/** Handler parameter: the parsed request body (`request.data`). */
export const Data = createParamDecorator((_: unknown, ctx: ExecutionContext) => requestData(ctx.switchToHttp().getRequest<DrfRequest>()));
