import { Controller, Delete, Get, Patch, Put, Req } from '@nestjs/common';
import { DrfRequest, requestContext } from '../../drf/request';
import { requestData } from '../../drf/request-data';
import { requestUser } from '../request-user';
import { DrfRoute } from '../../drf/view';
import { USER_ME_VIEW } from '../djoser-views';
import { UsersService } from '../users.service';

type UserData = Record<string, string | number>;

/**
 * `users/me/`: the detail routes on the requester, with no object-permission check. HEAD
 * answers as GET does (Djoser answers HEAD and OPTIONS here with a 500).
 */
@Controller('auth')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get('users/me/')
  @DrfRoute({ view: USER_ME_VIEW, action: 'me' })
  retrieve(@Req() req: DrfRequest): UserData {
    return this.users.represent(requestUser(req));
  }

  @Put('users/me/')
  @DrfRoute({ view: USER_ME_VIEW, action: 'me' })
  async update(@Req() req: DrfRequest): Promise<UserData> {
    return this.users.update(requestUser(req), await requestData(req), false, requestContext(req));
  }

  @Patch('users/me/')
  @DrfRoute({ view: USER_ME_VIEW, action: 'me' })
  async partialUpdate(@Req() req: DrfRequest): Promise<UserData> {
    return this.users.update(requestUser(req), await requestData(req), true, requestContext(req));
  }

  @Delete('users/me/')
  @DrfRoute({ view: USER_ME_VIEW, action: 'me', status: 204 })
  async destroy(@Req() req: DrfRequest): Promise<undefined> {
    await this.users.destroy(requestUser(req), requestUser(req), await requestData(req), requestContext(req));
    return undefined;
  }
}
