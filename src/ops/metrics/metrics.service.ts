import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * Every Prometheus metric of the server, in a registry of its own (never
 * prom-client's global one, so several apps in one process, as in tests, stay apart).
 * Other modules inject this service and count; /metrics renders the registry.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from request to response, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly logins = new Counter({
    name: 'auth_logins_total',
    help: 'Logins (jwt/create, token/login and their SimpleJWT / DRF mounts), by route pattern and result (succeeded | failed)',
    labelNames: ['endpoint', 'result'] as const,
    registers: [this.registry],
  });

  readonly tokensIssued = new Counter({
    name: 'auth_tokens_issued_total',
    help: 'Tokens issued: jwt_pair (jwt/create), jwt_access (jwt/refresh), drf_token (token/login), jwt_auth (django_rest_jwt_auth signin / refresh)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly tokensRefused = new Counter({
    name: 'auth_tokens_refused_total',
    help: 'Tokens refused with 401: by a refresh or verify endpoint (its route pattern), or as request credentials (authentication)',
    labelNames: ['endpoint'] as const,
    registers: [this.registry],
  });

  readonly mail = new Counter({
    name: 'mail_messages_total',
    help: 'E-mails by event: queued (committed to the outbox), sent, failed (an attempt failed), gave_up',
    labelNames: ['event', 'kind'] as const,
    registers: [this.registry],
  });

  /** Counted by the throttling module: one per refused (429) request. */
  readonly rateLimitHits = new Counter({
    name: 'rate_limit_hits_total',
    help: 'Requests refused by a rate limit, by throttle scope',
    labelNames: ['scope'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
