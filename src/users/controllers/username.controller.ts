import { Controller, Post, Req } from '@nestjs/common';
import { AllowAny } from '../../drf/permissions';
import { DrfRequest, requestContext } from '../../drf/request';
import { requestData } from '../../drf/request-data';
import { requestUser } from '../request-user';
import { DrfRoute } from '../../drf/view';
import { RESET_USERNAME_CONFIRM_VIEW, RESET_USERNAME_VIEW, SET_USERNAME_VIEW } from '../djoser-views';
import { CurrentUserOrAdmin } from '../permissions';
import { UsernameService } from '../username.service';

/**
 * The username actions. Their paths follow User.USERNAME_FIELD (`set_username/`, or
 * `set_email/` in e-mail login mode): the users module rewrites them at start (user-routes.ts).
 */
@Controller('auth')
export class UsernameController {
  constructor(private readonly usernames: UsernameService) {}

  @Post('users/set_username/')
  @DrfRoute({ view: SET_USERNAME_VIEW, permission: CurrentUserOrAdmin, action: 'set_username', status: 204 })
  async setUsername(@Req() req: DrfRequest): Promise<undefined> {
    await this.usernames.setUsername(requestUser(req), await requestData(req), requestContext(req));
    return undefined;
  }

  @Post('users/reset_username/')
  @DrfRoute({ view: RESET_USERNAME_VIEW, permission: AllowAny, action: 'reset_username', status: 204 })
  async resetUsername(@Req() req: DrfRequest): Promise<undefined> {
    await this.usernames.resetUsername(await requestData(req), requestContext(req));
    return undefined;
  }

  @Post('users/reset_username_confirm/')
  @DrfRoute({ view: RESET_USERNAME_CONFIRM_VIEW, permission: AllowAny, action: 'reset_username_confirm', status: 204 })
  async resetUsernameConfirm(@Req() req: DrfRequest): Promise<undefined> {
    await this.usernames.confirmReset(await requestData(req), requestContext(req));
    return undefined;
  }
}
