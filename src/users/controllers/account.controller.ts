import { Controller, Post, Req } from '@nestjs/common';
import { AllowAny } from '../../drf/permissions';
import { DrfRequest, requestContext } from '../../drf/request';
import { requestData } from '../../drf/request-data';
import { requestUser } from '../request-user';
import { DrfRoute } from '../../drf/view';
import { ActivationService } from '../activation.service';
import {
  ACTIVATION_VIEW,
  RESEND_ACTIVATION_VIEW,
  RESET_PASSWORD_CONFIRM_VIEW,
  RESET_PASSWORD_VIEW,
  SET_PASSWORD_VIEW,
} from '../djoser-views';
import { PasswordService } from '../password.service';
import { CurrentUserOrAdmin } from '../permissions';

/** The activation and password actions of Djoser's UserViewSet (all answer 204 with an empty body). */
@Controller('auth')
export class AccountController {
  constructor(
    private readonly activation: ActivationService,
    private readonly passwords: PasswordService,
  ) {}

  @Post('users/activation/')
  @DrfRoute({ view: ACTIVATION_VIEW, permission: AllowAny, action: 'activation', status: 204 })
  async activate(@Req() req: DrfRequest): Promise<undefined> {
    await this.activation.activate(await requestData(req), requestContext(req));
    return undefined;
  }

  @Post('users/resend_activation/')
  @DrfRoute({ view: RESEND_ACTIVATION_VIEW, permission: AllowAny, action: 'resend_activation', status: 204 })
  async resendActivation(@Req() req: DrfRequest): Promise<undefined> {
    await this.activation.resend(await requestData(req), requestContext(req));
    return undefined;
  }

  @Post('users/set_password/')
  @DrfRoute({ view: SET_PASSWORD_VIEW, permission: CurrentUserOrAdmin, action: 'set_password', status: 204 })
  async setPassword(@Req() req: DrfRequest): Promise<undefined> {
    await this.passwords.setPassword(requestUser(req), await requestData(req), requestContext(req));
    return undefined;
  }

  @Post('users/reset_password/')
  @DrfRoute({ view: RESET_PASSWORD_VIEW, permission: AllowAny, action: 'reset_password', status: 204 })
  async resetPassword(@Req() req: DrfRequest): Promise<undefined> {
    await this.passwords.resetPassword(await requestData(req), requestContext(req));
    return undefined;
  }

  @Post('users/reset_password_confirm/')
  @DrfRoute({ view: RESET_PASSWORD_CONFIRM_VIEW, permission: AllowAny, action: 'reset_password_confirm', status: 204 })
  async resetPasswordConfirm(@Req() req: DrfRequest): Promise<undefined> {
    await this.passwords.confirmReset(req.drf.user ? requestUser(req) : null, await requestData(req), requestContext(req));
    return undefined;
  }
}
