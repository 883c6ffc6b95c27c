import { Module } from '@nestjs/common';
import { ThrottleCheck } from './throttle-check';
import { ThrottleService } from './throttle.service';

/** Rate limits on the credential and e-mail endpoints (SECURITY.md). */
@Module({
  providers: [ThrottleService, ThrottleCheck],
})
export class ThrottleModule {}
