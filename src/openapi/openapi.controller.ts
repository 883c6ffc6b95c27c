import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { SETTINGS } from '../config/config.module';
import type { Settings } from '../config/settings';
import { DjangoNotFound } from '../drf/django-pages';
import { buildOpenApiDocument } from './openapi-document';

const SCHEMA_URL = '/api/schema/';
const DOCS_URL = '/api/docs/';

/** The swagger-ui-dist files the page loads (nothing else of that folder is served). */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

// Absolute asset URLs: `/api/docs` (no slash) is served too, and relative links would then miss.
const INDEX_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>nest-djoser API</title>
  <link rel="stylesheet" href="${DOCS_URL}swagger-ui.css">
  <link rel="icon" type="image/png" href="${DOCS_URL}favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${DOCS_URL}swagger-ui-bundle.js"></script>
  <script src="${DOCS_URL}swagger-ui-standalone-preset.js"></script>
  <script src="${DOCS_URL}swagger-initializer.js"></script>
</body>
</html>
`;

// A script file rather than an inline script, so a strict Content-Security-Policy still allows it.
const INITIALIZER_JS = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: ${JSON.stringify(SCHEMA_URL)},
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
  });
};
`;

function swaggerUiDir(): string {
  return join(require.resolve('swagger-ui-dist/package.json'), '..');
}

/**
 * `/api/schema/` and `/api/docs/`: plain Nest routes, outside DRF's views (the route registry
 * does not list them, so the wire layer leaves them alone). Django's 404 page when
 * API_DOCS_ENABLED is off, as for any unknown path.
 */
@Controller('api')
export class OpenApiController {
  private document?: OpenAPIObject;
  private readonly assets = new Map<string, Buffer>();

  constructor(@Inject(SETTINGS) private readonly settings: Settings) {}

  @Get('schema/')
  schema(@Res({ passthrough: true }) reply: FastifyReply): OpenAPIObject {
    this.enabled();
    reply.header('Content-Type', 'application/vnd.oai.openapi+json; charset=utf-8');
    return (this.document ??= buildOpenApiDocument(this.settings));
  }

  @Get('docs/')
  index(@Res({ passthrough: true }) reply: FastifyReply): string {
    this.enabled();
    reply.header('Content-Type', 'text/html; charset=utf-8');
    return INDEX_HTML;
  }

  @Get('docs/:file')
  asset(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply): string | Buffer {
    this.enabled();
    if (file === 'swagger-initializer.js') {
      reply.header('Content-Type', ASSETS['swagger-ui-bundle.js']);
      return INITIALIZER_JS;
    }
    const type = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (!type) throw new DjangoNotFound();
    let body = this.assets.get(file);
    if (!body) this.assets.set(file, (body = readFileSync(join(swaggerUiDir(), file))));
    reply.header('Content-Type', type);
    reply.header('Cache-Control', 'public, max-age=3600');
    return body;
  }

  private enabled(): void {
    if (!this.settings.apiDocsEnabled) throw new DjangoNotFound();
  }
}
