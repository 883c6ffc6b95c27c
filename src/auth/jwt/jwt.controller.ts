import { Controller, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AuthenticationFailed } from '../../drf/exceptions';
import type { PyValue } from '../../drf/parsing/python-value';
import { DrfRequest, requestContext } from '../../drf/request';
import { Data } from '../../drf/request-data';
import { validateFields } from '../../drf/serializer';
import { DrfRoute } from '../../drf/view';
import { settingsOf } from '../app-settings';
import { DjangoAuthenticate } from '../credentials/django-authenticate.service';
import { clearRefreshCookie, cookieMode, refreshFromCookie, setRefreshCookies, withoutRefresh } from './refresh-cookie';
import { BLACKLIST_FIELDS, jwtViews, obtainFields, REFRESH_FIELDS, VERIFY_FIELDS } from './jwt-views';
import { SimpleJwtService } from './simple-jwt.service';

/** SimpleJWT's `no_active_account` text (a plain AuthenticationFailed: no `code` in the body). */
export const NO_ACTIVE_ACCOUNT = 'No active account found with the given credentials';

const VIEWS = jwtViews();

/**
 * `djoser.urls.jwt` (jwt/create, jwt/refresh, jwt/verify; the unanchored regexes are
 * handled by the HTTP adapter) and SimpleJWT's TokenBlacklistView at jwt/blacklist/.
 * The handlers are shared with the optional `api/token/...` mounts. Cookie mode
 * (refresh-cookie.ts) applies to these Djoser URLs only.
 */
@Controller('auth')
export class JwtController {
  constructor(
    private readonly jwt: SimpleJwtService,
    private readonly auth: DjangoAuthenticate,
  ) {}

  @Post('jwt/create/')
  @DrfRoute({ view: VIEWS.create })
  async create(@Req() req: DrfRequest, @Data() data: PyValue, @Res({ passthrough: true }) reply: FastifyReply) {
    const pair = await obtainPair(req, data, this.auth, this.jwt);
    if (!cookieMode(settingsOf(req))) return pair;
    setRefreshCookies(reply, settingsOf(req), pair.refresh);
    return withoutRefresh(pair);
  }

  @Post('jwt/refresh/')
  @DrfRoute({ view: VIEWS.refresh })
  async refresh(@Req() req: DrfRequest, @Data() data: PyValue, @Res({ passthrough: true }) reply: FastifyReply) {
    const fromCookie = refreshFromCookie(req, data, settingsOf(req));
    if (fromCookie === null) return this.jwt.refresh((await validateFields(REFRESH_FIELDS, data)).refresh);
    const answer = await this.jwt.refresh(fromCookie);
    if (answer.refresh) setRefreshCookies(reply, settingsOf(req), answer.refresh);
    return withoutRefresh(answer);
  }

  @Post('jwt/verify/')
  @DrfRoute({ view: VIEWS.verify })
  async verify(@Data() data: PyValue) {
    return this.jwt.verify((await validateFields(VERIFY_FIELDS, data)).token);
  }

  @Post('jwt/blacklist/')
  @DrfRoute({ view: VIEWS.blacklist })
  async blacklist(@Req() req: DrfRequest, @Data() data: PyValue, @Res({ passthrough: true }) reply: FastifyReply) {
    const fromCookie = refreshFromCookie(req, data, settingsOf(req));
    if (fromCookie === null) return this.jwt.blacklist((await validateFields(BLACKLIST_FIELDS, data)).refresh);
    const answer = await this.jwt.blacklist(fromCookie);
    clearRefreshCookie(reply, settingsOf(req));
    return answer;
  }
}

/** TokenObtainPairSerializer: credentials by USERNAME_FIELD, then a recorded refresh token and its access token. */
export async function obtainPair(
  req: DrfRequest,
  data: PyValue,
  auth: DjangoAuthenticate,
  jwt: SimpleJwtService,
): Promise<{ refresh: string; access: string }> {
  const settings = settingsOf(req);
  const field = auth.usernameField;
  const attrs = await validateFields(obtainFields(field), data);
  const user = await auth.authenticate(requestContext(req), attrs[field], attrs.password);
  if (!user) throw AuthenticationFailed(NO_ACTIVE_ACCOUNT);
  const pair = await jwt.obtainPair(user);
  if (settings.simpleJwt.updateLastLogin) await auth.updateLastLogin(user);
  return pair;
}
