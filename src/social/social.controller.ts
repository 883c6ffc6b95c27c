import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { cookieMode, parseCookies, setRefreshCookies } from '../auth/jwt/refresh-cookie';
import { settingsOf } from '../auth/app-settings';
import type { Settings } from '../config/settings';
import { AllowAny } from '../drf/permissions';
import { isPyDict, type PyValue } from '../drf/parsing/python-value';
import { isFormInput, requestData } from '../drf/request-data';
import { queryParam, type DrfRequest } from '../drf/request';
import { describeFields, type Fields } from '../drf/serializer';
import { DrfRoute, type DrfView } from '../drf/view';
import { SocialLoginService, type CallbackParams } from './social-login.service';

/** The cookie that binds a state to the browser that asked for it (see social-state.ts). */
export const STATE_COOKIE = 'djoser_social_state';

/** ProviderAuthSerializer: three read-only CharFields. */
const PROVIDER_AUTH_FIELDS: Fields = [
  ['access', { readOnly: true, label: 'Access' }],
  ['refresh', { readOnly: true, label: 'Refresh' }],
  ['user', { readOnly: true, label: 'User' }],
];

/** djoser.social.views.ProviderAuthView (a CreateAPIView with a get), AllowAny. */
const PROVIDER_AUTH_VIEW: DrfView = {
  name: 'Provider Auth',
  description: '',
  defaultPermission: AllowAny,
  metadataActions: () => ({ POST: describeFields(PROVIDER_AUTH_FIELDS) }),
};

function stateCookie(settings: Settings, provider: string, value: string, maxAge: number): string {
  const c = settings.social.cookie;
  const parts = [`${STATE_COOKIE}=${value}`, `Max-Age=${maxAge}`, `Path=/auth/o/${provider}/`, 'HttpOnly', `SameSite=${c.sameSite}`];
  if (c.domain) parts.push(`Domain=${c.domain}`);
  if (c.secure) parts.push('Secure');
  return parts.join('; ');
}

/** The last value of a form field (python-social-auth merges the query string and request.POST). */
function formValue(data: PyValue, name: string): string | undefined {
  if (!isFormInput(data) || !isPyDict(data)) return undefined;
  const v = data[name];
  return typeof v === 'string' ? v : undefined;
}

/** `djoser.social.urls`: `o/{provider}/`. */
@Controller('auth')
export class SocialController {
  constructor(private readonly social: SocialLoginService) {}

  @Get('o/:provider/')
  @DrfRoute({ view: PROVIDER_AUTH_VIEW })
  async begin(@Req() req: DrfRequest, @Param('provider') provider: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const settings = settingsOf(req);
    const { authorizationUrl, browserSecret } = await this.social.begin(provider, queryParam(req, 'redirect_uri'));
    reply.header('Set-Cookie', stateCookie(settings, provider, browserSecret, settings.social.stateTimeout));
    return { authorization_url: authorizationUrl };
  }

  @Post('o/:provider/')
  @DrfRoute({ view: PROVIDER_AUTH_VIEW, status: 201 })
  async complete(@Req() req: DrfRequest, @Param('provider') provider: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const settings = settingsOf(req);
    // DRF's request.POST parses the body (its parse errors answer), but only form data counts.
    const data = await requestData(req);
    const param = (name: string) => formValue(data, name) ?? queryParam(req, name);
    const params: CallbackParams = {
      code: param('code'),
      state: param('state'),
      stateInQuery: queryParam(req, 'state') !== undefined,
      error: param('error'),
      errorDescription: param('error_description'),
      iss: param('iss'),
    };
    const answer = await this.social.complete(provider, params, parseCookies(req.headers.cookie).get(STATE_COOKIE));
    // The state is spent: the browser can forget its secret.
    reply.header('Set-Cookie', stateCookie(settings, provider, '""', 0));
    if ('refresh' in answer && cookieMode(settings)) {
      setRefreshCookies(reply, settings, answer.refresh);
      return { access: answer.access, user: answer.user };
    }
    return answer;
  }
}
