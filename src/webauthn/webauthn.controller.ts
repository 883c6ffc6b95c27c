import { Controller, Param, Post, Req } from '@nestjs/common';
import { Data } from '../drf/request-data';
import type { PyValue } from '../drf/parsing/python-value';
import { DrfRequest, requestContext } from '../drf/request';
import { DrfRoute } from '../drf/view';
import type { User } from '../users/user.entity';
import * as views from './webauthn-views';
import { WebauthnService } from './webauthn.service';

/** `djoser.webauthn.urls` mounted at auth/webauthn/, plus our discoverable login and add-a-passkey. */
@Controller('auth/webauthn')
export class WebauthnController {
  constructor(private readonly webauthn: WebauthnService) {}

  @Post('signup_request/')
  @DrfRoute({ view: views.SIGNUP_REQUEST_VIEW })
  signupRequest(@Data() data: PyValue) {
    return this.webauthn.signupRequest(data);
  }

  @Post('signup/:ukey/')
  @DrfRoute({ view: views.SIGNUP_VIEW, status: 201 })
  signup(@Param('ukey') ukey: string, @Data() data: PyValue, @Req() req: DrfRequest) {
    return this.webauthn.signup(ukey, data, requestContext(req));
  }

  @Post('login_request/')
  @DrfRoute({ view: views.LOGIN_REQUEST_VIEW })
  loginRequest(@Data() data: PyValue) {
    return this.webauthn.loginRequest(data);
  }

  @Post('login/')
  @DrfRoute({ view: views.LOGIN_VIEW, status: 201 })
  login(@Data() data: PyValue, @Req() req: DrfRequest) {
    return this.webauthn.login(data, requestContext(req));
  }

  @Post('discoverable_login_request/')
  @DrfRoute({ view: views.DISCOVERABLE_LOGIN_REQUEST_VIEW })
  discoverableLoginRequest() {
    return this.webauthn.discoverableLoginRequest();
  }

  @Post('discoverable_login/')
  @DrfRoute({ view: views.DISCOVERABLE_LOGIN_VIEW, status: 201 })
  discoverableLogin(@Data() data: PyValue, @Req() req: DrfRequest) {
    return this.webauthn.discoverableLogin(data, requestContext(req));
  }

  @Post('add_request/')
  @DrfRoute({ view: views.ADD_REQUEST_VIEW })
  addRequest(@Req() req: DrfRequest, @Data() data: PyValue) {
    return this.webauthn.addRequest(req.drf.user as User, data);
  }

  @Post('add/')
  @DrfRoute({ view: views.ADD_VIEW, status: 201 })
  add(@Req() req: DrfRequest, @Data() data: PyValue) {
    return this.webauthn.add(req.drf.user as User, data);
  }
}
