import { Controller, Module, Post, Req } from '@nestjs/common';
import { AllowAny } from '../../src/drf/permissions';
import { requestData } from '../../src/drf/request-data';
import type { DrfRequest } from '../../src/drf/request';
import { Fields, validateFields } from '../../src/drf/serializer';
import { DrfRoute, DrfView } from '../../src/drf/view';

/**
 * A test-only view declaring the same fields as Djoser's UserCreateSerializer, so the
 * wire layer's parsing and field rules are pinned independently of the users module.
 */
const PROBE_VIEW: DrfView = { name: 'Probe', defaultPermission: AllowAny };

const USERNAME_RE = /^[\p{L}\p{N}_.@+-]+$/u;

export const PROBE_FIELDS: Fields = [
  ['email', { kind: 'email', required: false, allowBlank: true, maxLength: 254 }],
  [
    'username',
    {
      maxLength: 150,
      validators: [
        (v) => (USERNAME_RE.test(v) ? [] : ['Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.']),
      ],
    },
  ],
  ['password', {}],
];

@Controller('probe')
class ProbeController {
  @Post('fields/')
  @DrfRoute({ view: PROBE_VIEW })
  async fields(@Req() req: DrfRequest): Promise<unknown> {
    return validateFields(PROBE_FIELDS, await requestData(req));
  }

  @Post('ignores-body/')
  @DrfRoute({ view: PROBE_VIEW, status: 204 })
  ignoresBody(): undefined {
    return undefined;
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
