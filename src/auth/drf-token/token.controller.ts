import { Controller, Post, Req } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Data } from '../../drf/request-data';
import type { PyValue } from '../../drf/parsing/python-value';
import { DrfRequest, requestContext } from '../../drf/request';
import { nonFieldError, validateFields } from '../../drf/serializer';
import { DrfRoute } from '../../drf/view';
import type { User } from '../../users/user.entity';
import { settingsOf } from '../app-settings';
import { USER_LOGGED_IN, USER_LOGGED_OUT, UserLoggedInEvent } from '../auth.signals';
import { DjangoAuthenticate } from '../credentials/django-authenticate.service';
import { TokenRevocation } from '../revocation/token-revocation.service';
import { DrfTokenService } from './drf-token.service';
import { LOGOUT_ALL_VIEW, TOKEN_CREATE_VIEW, TOKEN_DESTROY_VIEW, tokenCreateFields } from './token-views';

/** Djoser's `INVALID_CREDENTIALS_ERROR`. */
export const INVALID_CREDENTIALS = 'Unable to log in with provided credentials.';

/** `djoser.urls.authtoken`: token/login/ and token/logout/ (slash optional), plus our logout-everywhere. */
@Controller('auth')
export class TokenController {
  constructor(
    private readonly auth: DjangoAuthenticate,
    private readonly drfTokens: DrfTokenService,
    private readonly revocation: TokenRevocation,
    private readonly events: EventEmitter2,
  ) {}

  /** Debian's patched Djoser: `authenticate(username=<LOGIN_FIELD value>, password)`; any failure is the same 400. */
  @Post('token/login/')
  @DrfRoute({ view: TOKEN_CREATE_VIEW })
  async login(@Req() req: DrfRequest, @Data() data: PyValue): Promise<{ auth_token: string }> {
    const loginField = settingsOf(req).djoser.loginField;
    const attrs = await validateFields(tokenCreateFields(loginField), data);
    const user = await this.auth.authenticate(requestContext(req), attrs[loginField], attrs.password);
    if (!user) throw nonFieldError(INVALID_CREDENTIALS);
    const key = await this.drfTokens.getOrCreate(user.id);
    // `user_logged_in` and its Django receiver `update_last_login`
    await this.auth.updateLastLogin(user);
    this.events.emit(USER_LOGGED_IN, { request: requestContext(req), user } satisfies UserLoggedInEvent);
    return { auth_token: key };
  }

  /** `logout_user`: delete the user's DRF tokens, then `user_logged_out`. The body is never read. */
  @Post('token/logout/')
  @DrfRoute({ view: TOKEN_DESTROY_VIEW, status: 204 })
  async logout(@Req() req: DrfRequest): Promise<void> {
    const user = req.drf.user as User;
    await this.drfTokens.deleteForUser(user.id);
    this.events.emit(USER_LOGGED_OUT, { request: requestContext(req), user } satisfies UserLoggedInEvent);
  }

  /** Ours: logout everywhere — the DRF token and every refresh token of the caller, in one transaction. */
  @Post('token/logout_all/')
  @DrfRoute({ view: LOGOUT_ALL_VIEW, status: 204 })
  async logoutAll(@Req() req: DrfRequest): Promise<void> {
    const user = req.drf.user as User;
    await this.revocation.revokeAllForUser(user.id);
    this.events.emit(USER_LOGGED_OUT, { request: requestContext(req), user } satisfies UserLoggedInEvent);
  }
}
