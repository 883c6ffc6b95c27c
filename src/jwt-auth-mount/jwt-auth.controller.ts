import { Controller, Headers, Post, Req, Type } from '@nestjs/common';
import { DrfRequest, requestContext } from '../drf/request';
import { DrfRoute } from '../drf/view';
import { JWT_AUTH_MESSAGES, JWT_AUTH_VIEW, jwtAuthError } from './jwt-auth-answers';
import { JsonObject, JwtAuthService } from './jwt-auth.service';

/** The package reads `json.loads(request.body)`: anything but a JSON object is refused. */
function jsonBody(req: DrfRequest): JsonObject {
  let data: unknown;
  try {
    data = JSON.parse(req.rawBody?.toString('utf8') ?? '');
  } catch {
    data = undefined;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw jwtAuthError(400, JWT_AUTH_MESSAGES.notJson);
  return data as JsonObject;
}

/** django_rest_jwt_auth's urls.py under MOUNT_JWT_AUTH_URLS (the prefix is known only at start). */
export function jwtAuthController(prefix: string): Type {
  @Controller(prefix)
  class JwtAuthController {
    constructor(readonly service: JwtAuthService) {}

    @Post('signin/')
    @DrfRoute({ view: JWT_AUTH_VIEW })
    signin(@Req() req: DrfRequest) {
      return this.service.signin(requestContext(req), jsonBody(req));
    }

    @Post('signup/')
    @DrfRoute({ view: JWT_AUTH_VIEW, status: 201 })
    signup(@Req() req: DrfRequest) {
      return this.service.signup(jsonBody(req));
    }

    @Post('refresh/')
    @DrfRoute({ view: JWT_AUTH_VIEW })
    refresh(@Headers('authorization') authorization: string | undefined) {
      return this.service.refresh(authorization);
    }

    @Post('restore/')
    @DrfRoute({ view: JWT_AUTH_VIEW })
    restore(@Req() req: DrfRequest) {
      return this.service.restore(requestContext(req), jsonBody(req));
    }

    @Post('validation/')
    @DrfRoute({ view: JWT_AUTH_VIEW })
    validation(@Req() req: DrfRequest) {
      return this.service.validation(jsonBody(req));
    }

    @Post('get_user/')
    @DrfRoute({ view: JWT_AUTH_VIEW })
    getUser(@Req() req: DrfRequest) {
      return this.service.getUser(jsonBody(req));
    }
  }
  return JwtAuthController;
}
