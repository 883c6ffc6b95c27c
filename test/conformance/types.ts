import type { ConfigName, ConformanceConfig } from './configs';

/**
 * Scenario format. A scenario is a named sequence of steps; every step sends
 * one HTTP request. Strings in `path`, header values, `auth`, JSON bodies,
 * form fields and raw string bodies may contain `{{var}}` references to values
 * captured by earlier steps (or defined by `define`); a JSON string that is
 * exactly `{{var}}` is replaced by the value with its type (numbers stay numbers).
 *
 * After every exchange the runner collects the e-mails it caused and, for each
 * link of the form `http://<domain>/[#/]activate|password/reset/confirm|
 * username/reset/confirm/{uid}/{token}`, sets `last.uid` / `last.token` and
 * `last.<kind>.uid` / `last.<kind>.token` (kind = activation, password_reset,
 * username_reset); with `links: 'p'` also `p.uid` / `p.token`.
 */
export interface Scenario {
  name: string;
  /** Report grouping, e.g. `register`, `jwt`. */
  area: string;
  /** Configurations this scenario is recorded under. */
  configs: ConfigName[];
  /** One line for readers of the fixtures. */
  description: string;
  steps: Step[] | ((config: ConformanceConfig) => Step[]);
}

export type BodySpec =
  /** Serialised with JSON.stringify; Content-Type `application/json` unless `headers` set one. */
  | { json: unknown }
  /** Sent as is; no Content-Type unless `contentType` (or `headers`) gives one. */
  | { raw: string | Buffer; contentType?: string }
  /** `application/x-www-form-urlencoded`, pairs in order (repeated keys allowed). */
  | { form: Array<[string, string]> | Record<string, string> }
  /** `multipart/form-data` with a fixed boundary. */
  | { multipart: Array<[string, string]> | Record<string, string> };

export interface Step {
  /** Unique within the scenario; names the exchange in fixtures and COMPAT.md. */
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** Shorthand for the `Authorization` header. */
  auth?: string;
  body?: BodySpec;
  /** Runs before the request is built; may define run-time values (forged JWTs). */
  define?: (ctx: StepContext) => void;
  /** var name → path into the JSON answer (`id`, `auth_token`, `[0].id`). */
  capture?: Record<string, string>;
  /** Save the first e-mail link of this exchange as `<links>.uid` / `<links>.token`. */
  links?: string;
}

/** What `define` hooks may use. */
export interface StepContext {
  config: ConformanceConfig;
  /** Raw value of a variable (throws if unknown). */
  value(name: string): string | number;
  has(name: string): boolean;
  /** Defines a variable; `placeholder` is what fixtures show instead of the value. */
  define(name: string, value: string | number, placeholder: string): void;
}

/** Response headers that fixtures keep (others vary by server or are irrelevant). */
export const RECORDED_HEADERS = ['Content-Type', 'Allow', 'WWW-Authenticate', 'Location', 'Vary', 'Content-Language'] as const;
export type RecordedHeader = (typeof RECORDED_HEADERS)[number];

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Body text with placeholders (absent when there is no body). */
  body?: string;
  /** Body that is not UTF-8, base64-encoded. */
  bodyBase64?: string;
}

export interface RecordedMail {
  to: string[];
  subject: string;
  text: string;
}

/** A JWT found in an answer: its header, payload with placeholders, signature check. */
export interface RecordedJwt {
  header: string;
  payload: string;
  signature: 'valid' | 'invalid';
}

/** The parts of an answer that are compared. */
export interface RecordedAnswer {
  status: number;
  headers: Partial<Record<RecordedHeader, string>>;
  body: string;
  /** Set instead of `body` when the body is not UTF-8. */
  bodyBase64?: string;
  mails: RecordedMail[];
  jwts?: Record<string, RecordedJwt>;
}

export interface RecordedExchange extends RecordedAnswer {
  step: string;
  request: RecordedRequest;
}

export interface ScenarioFixture {
  scenario: string;
  area: string;
  config: ConfigName;
  description: string;
  exchanges: RecordedExchange[];
}
