import { Module } from '@nestjs/common';
import { OpenApiController } from './openapi.controller';

/** The OpenAPI 3 document (`/api/schema/`) and Swagger UI (`/api/docs/`). */
@Module({ controllers: [OpenApiController] })
export class OpenApiModule {}
