import { Injectable, RequestMethod } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DRF_ROUTE, DrfRouteOptions, DrfView } from './view';

/** DRF's `Allow` order. */
const METHOD_ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

export interface RegisteredView {
  /** Route pattern as Fastify knows it (no trailing slash), e.g. `/auth/users/:id`. */
  pattern: string;
  view: DrfView;
  methods: Set<string>;
  allow: string;
  regex: RegExp;
}

const toPath = (...parts: string[]) =>
  '/' +
  parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/');

/**
 * Every DRF view of the app, discovered from the controllers' route metadata, so the
 * wire layer can answer `Allow`, 405, OPTIONS and APPEND_SLASH for any path without
 * per-endpoint code.
 */
@Injectable()
export class RouteRegistry {
  private readonly byPattern = new Map<string, RegisteredView>();
  /** Fastify route url → its view (or none), worked out once per route. */
  private readonly byUrl = new Map<string, RegisteredView | null>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  /** Called once at bootstrap, after all modules are loaded. */
  build(): void {
    for (const wrapper of this.discovery.getControllers()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || !wrapper.metatype) continue;
      const prefix = (Reflect.getMetadata(PATH_METADATA, wrapper.metatype) as string | undefined) ?? '';
      const proto = Object.getPrototypeOf(instance);
      for (const name of this.scanner.getAllMethodNames(proto)) {
        const handler = proto[name];
        const route = this.reflector.get<DrfRouteOptions | undefined>(DRF_ROUTE, handler);
        if (!route) continue;
        const paths = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        for (const p of paths) this.add(toPath(prefix, p), route.view, method);
      }
    }
  }

  private add(pattern: string, view: DrfView, method: string): void {
    let entry = this.byPattern.get(pattern);
    if (!entry) {
      const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\/:[^/]+/g, '/[^/.]+');
      entry = { pattern, view, methods: new Set(['OPTIONS']), allow: '', regex: new RegExp(`^${source}$`) };
      this.byPattern.set(pattern, entry);
    }
    entry.methods.add(method);
    if (method === 'GET') entry.methods.add('HEAD');
    entry.allow = METHOD_ORDER.filter((m) => entry!.methods.has(m)).join(', ');
  }

  /** Every registered view (for tests that must cover all endpoints, e.g. the fuzzer). */
  all(): RegisteredView[] {
    return [...this.byPattern.values()];
  }

  /** The view registered under a Fastify route pattern (fast path for matched routes). */
  byRoutePattern(pattern: string | undefined): RegisteredView | undefined {
    return pattern === undefined ? undefined : this.byPattern.get(pattern.replace(/\/+$/, '') || '/');
  }

  /** `byRoutePattern` for the route url Fastify matched (`req.routeOptions.url`), cached per route. */
  byRouteUrl(url: string | undefined): RegisteredView | undefined {
    if (url === undefined) return undefined;
    let entry = this.byUrl.get(url);
    if (entry === undefined) this.byUrl.set(url, (entry = this.byRoutePattern(url) ?? null));
    return entry ?? undefined;
  }

  /** The view that answers this request (its matched route, else its path). */
  viewOf(req: { drf?: { routePattern?: string }; url: string }): DrfView | undefined {
    return (this.byRoutePattern(req.drf?.routePattern) ?? this.match(req.url.split('?')[0]))?.view;
  }

  /** The view whose URL matches a concrete path (for requests no method handler matched). */
  match(path: string): RegisteredView | undefined {
    const bare = path.replace(/\/+$/, '') || '/';
    // Static segments win over parameters, as in Django's URL order (`users/me/` before `users/{id}/`).
    let paramMatch: RegisteredView | undefined;
    for (const entry of this.byPattern.values()) {
      if (!entry.regex.test(bare)) continue;
      if (!entry.pattern.includes(':')) return entry;
      paramMatch ??= entry;
    }
    return paramMatch;
  }
}
