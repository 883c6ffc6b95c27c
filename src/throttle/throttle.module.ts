import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottleInterceptor } from './throttle.interceptor';
import { ThrottleService } from './throttle.service';

/** Rate limits on the credential and e-mail endpoints (SECURITY.md). */
@Module({
  providers: [ThrottleService, { provide: APP_INTERCEPTOR, useClass: ThrottleInterceptor }],
})
export class ThrottleModule {}
