import { Controller, Delete, Get, Param, Patch, Post, Put, Req } from '@nestjs/common';
import { AllowAny } from '../../drf/permissions';
import { DrfRequest, requestContext } from '../../drf/request';
import { requestData } from '../../drf/request-data';
import { requestUser } from '../request-user';
import { DrfRoute } from '../../drf/view';
import { USER_INSTANCE_VIEW, USER_LIST_VIEW } from '../djoser-views';
import { RegistrationService } from '../registration.service';
import { DEFAULT_DETAIL_PATH } from '../user-routes';
import { UsersService } from '../users.service';

type UserData = Record<string, string | number>;

/** `users/` (list, create) and `users/{id}/` (retrieve, update, partial_update, destroy). */
@Controller('auth')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly registration: RegistrationService,
  ) {}

  @Get('users/')
  @DrfRoute({ view: USER_LIST_VIEW, action: 'list' })
  list(@Req() req: DrfRequest): Promise<UserData[]> {
    return this.users.list(requestUser(req));
  }

  @Post('users/')
  @DrfRoute({ view: USER_LIST_VIEW, permission: AllowAny, action: 'create', status: 201 })
  async create(@Req() req: DrfRequest): Promise<UserData> {
    return this.registration.register(await requestData(req), requestContext(req));
  }

  @Get(DEFAULT_DETAIL_PATH)
  @DrfRoute({ view: USER_INSTANCE_VIEW, action: 'retrieve' })
  async retrieve(@Req() req: DrfRequest, @Param('id') id: string): Promise<UserData> {
    return this.users.represent(await this.users.target(requestUser(req), id, 'retrieve'));
  }

  @Put(DEFAULT_DETAIL_PATH)
  @DrfRoute({ view: USER_INSTANCE_VIEW, action: 'update' })
  async update(@Req() req: DrfRequest, @Param('id') id: string): Promise<UserData> {
    const user = await this.users.target(requestUser(req), id, 'update');
    return this.users.update(user, await requestData(req), false, requestContext(req));
  }

  @Patch(DEFAULT_DETAIL_PATH)
  @DrfRoute({ view: USER_INSTANCE_VIEW, action: 'partial_update' })
  async partialUpdate(@Req() req: DrfRequest, @Param('id') id: string): Promise<UserData> {
    const user = await this.users.target(requestUser(req), id, 'partial_update');
    return this.users.update(user, await requestData(req), true, requestContext(req));
  }

  @Delete(DEFAULT_DETAIL_PATH)
  @DrfRoute({ view: USER_INSTANCE_VIEW, action: 'destroy', status: 204 })
  async destroy(@Req() req: DrfRequest, @Param('id') id: string): Promise<undefined> {
    const user = await this.users.target(requestUser(req), id, 'destroy');
    await this.users.destroy(requestUser(req), user, await requestData(req), requestContext(req));
    return undefined;
  }
}
