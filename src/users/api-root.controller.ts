import { Controller, Get, Req } from '@nestjs/common';
import { queryParam, type DrfRequest } from '../drf/request';
import { DrfRoute } from '../drf/view';
import { API_ROOT_VIEW } from './djoser-views';

/** DRF DefaultRouter's root view: links to the registered viewsets, as absolute URLs. */
@Controller('auth')
export class ApiRootController {
  @Get('/')
  @DrfRoute({ view: API_ROOT_VIEW })
  root(@Req() req: DrfRequest): Record<string, string> {
    // DRF's `reverse()` keeps the `?format=` the request carried (preserve_builtin_query_params).
    const format = queryParam(req, 'format');
    const keep = format !== undefined ? `?format=${encodeURIComponent(format)}` : '';
    return { users: `${req.protocol}://${req.headers.host ?? 'localhost'}/auth/users/${keep}` };
  }
}
