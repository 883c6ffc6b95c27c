import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { SETTINGS } from '../config/config.module';
import type { Settings } from '../config/settings';
import type { PyValue } from '../drf/parsing/python-value';
import type { DrfRequest } from '../drf/request';
import { requestData } from '../drf/request-data';
import { Throttle, ThrottleRegistry } from '../drf/throttling';
import { ClientIp } from './client-ip';
import { throttleRules, ThrottleRule } from './throttle-rules';
import { Bucket, ThrottleService } from './throttle.service';

/**
 * DRF's `check_throttles()`: run by the DRF guard after authentication and permissions,
 * before the handler, so a refused login never reaches the password hash.
 */
@Injectable()
export class ThrottleCheck implements Throttle, OnModuleInit {
  private readonly rules: Map<string, ThrottleRule>;
  private readonly clientIp: ClientIp;

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly throttle: ThrottleService,
    private readonly registry: ThrottleRegistry,
  ) {
    this.rules = throttleRules(settings.throttle, settings.jwtAuthMount.prefix);
    this.clientIp = new ClientIp(settings.throttle.trustedProxies);
  }

  onModuleInit(): void {
    if (this.settings.throttle.enabled) this.registry.register(this);
  }

  check(req: DrfRequest): Promise<(() => void) | undefined> | undefined {
    // Fastify's route url has no trailing slash (the adapter handles Django's slashes).
    const rule = this.rules.get(`${req.method} ${(req.routeOptions?.url ?? '').replace(/\/$/, '')}/`);
    return rule ? this.acquire(req, rule) : undefined;
  }

  private async acquire(req: DrfRequest, rule: ThrottleRule): Promise<(() => void) | undefined> {
    const buckets = await this.buckets(req, rule);
    await this.throttle.acquire(buckets);
    return rule.failuresOnly ? () => void this.throttle.release(buckets) : undefined;
  }

  private async buckets(req: DrfRequest, rule: ThrottleRule): Promise<Bucket[]> {
    const out: Bucket[] = [];
    if (rule.ipRate) {
      const ip = this.clientIp.resolve(req.socket?.remoteAddress, req.headers['x-forwarded-for']);
      out.push({ key: ThrottleService.key(rule.scope, 'ip', ip), rate: rule.ipRate });
    }
    if (rule.identifier?.rate) {
      const id = await this.identifier(req, rule.identifier.field);
      if (id) out.push({ key: ThrottleService.key(rule.scope, 'id', id), rate: rule.identifier.rate });
    }
    return out;
  }

  /** The target account: the login field (or e-mail) of the body, case-folded; none when the body does not parse. */
  private async identifier(req: DrfRequest, field: 'login' | 'email'): Promise<string | undefined> {
    let data: PyValue;
    try {
      data = await requestData(req);
    } catch {
      return undefined; // the handler answers the parse error
    }
    const name = field === 'email' ? 'email' : this.settings.djoser.loginField;
    const value = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>)[name] : undefined;
    const text = Array.isArray(value) ? value[value.length - 1] : value;
    return typeof text === 'string' && text.trim() ? text.trim().toLowerCase() : undefined;
  }
}
