import { Controller, Post, Req } from '@nestjs/common';
import { AuthenticationRegistry } from '../../drf/authentication';
import type { PyValue } from '../../drf/parsing/python-value';
import { DrfRequest, requestContext } from '../../drf/request';
import { Data, requestData } from '../../drf/request-data';
import { nonFieldError, validateFields } from '../../drf/serializer';
import { DrfRoute } from '../../drf/view';
import { DjangoAuthenticate } from '../credentials/django-authenticate.service';
import { DrfTokenService } from '../drf-token/drf-token.service';
import { INVALID_CREDENTIALS } from '../drf-token/token.controller';
import { obtainPair } from '../jwt/jwt.controller';
import { REFRESH_FIELDS, VERIFY_FIELDS } from '../jwt/jwt-views';
import { SimpleJwtService } from '../jwt/simple-jwt.service';
import { API_TOKEN_VIEWS, AUTH_TOKEN_FIELDS, OBTAIN_AUTH_TOKEN_VIEW } from './extra-mount-views';

/**
 * Where projects following SimpleJWT's and DRF's own docs mount the same views
 * (MOUNT_SIMPLEJWT_URLS, MOUNT_AUTHTOKEN_URL); Django's 404 while the setting is off.
 */
@Controller()
export class ExtraMountsController {
  constructor(
    private readonly jwt: SimpleJwtService,
    private readonly auth: DjangoAuthenticate,
    private readonly drfTokens: DrfTokenService,
    private readonly authentication: AuthenticationRegistry,
  ) {}

  @Post('api/token/')
  @DrfRoute({ view: API_TOKEN_VIEWS.create })
  create(@Req() req: DrfRequest, @Data() data: PyValue) {
    return obtainPair(req, data, this.auth, this.jwt);
  }

  @Post('api/token/refresh/')
  @DrfRoute({ view: API_TOKEN_VIEWS.refresh })
  async refresh(@Data() data: PyValue) {
    return this.jwt.refresh((await validateFields(REFRESH_FIELDS, data)).refresh);
  }

  @Post('api/token/verify/')
  @DrfRoute({ view: API_TOKEN_VIEWS.verify })
  async verify(@Data() data: PyValue) {
    return this.jwt.verify((await validateFields(VERIFY_FIELDS, data)).token);
  }

  /** `ObtainAuthToken.post`: `{"token": key}` (get_or_create; no login signal, no last_login). */
  @Post('api-token-auth/')
  @DrfRoute({ view: OBTAIN_AUTH_TOKEN_VIEW })
  async obtainAuthToken(@Req() req: DrfRequest): Promise<{ token: string }> {
    // DRF's default authentication classes run for this APIView (after the mount check), before the body is read
    await this.authentication.authenticate(req);
    const attrs = await validateFields(AUTH_TOKEN_FIELDS, await requestData(req));
    const user = await this.auth.authenticate(requestContext(req), attrs.username, attrs.password);
    if (!user) throw nonFieldError(INVALID_CREDENTIALS);
    return { token: await this.drfTokens.getOrCreate(user.id) };
  }
}
