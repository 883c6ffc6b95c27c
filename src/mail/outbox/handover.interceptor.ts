import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { catchError, from, mergeMap, Observable, of, throwError } from 'rxjs';
import { MailHandover } from './handover';

/** Holds every answer until the mail its request committed has had its first attempt (see MailHandover). */
@Injectable()
export class MailHandoverInterceptor implements NestInterceptor {
  constructor(private readonly handover: MailHandover) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<object>();
    return next.handle().pipe(
      mergeMap((value) => (this.handover.has(request) ? from(this.handover.settle(request).then(() => value)) : of(value))),
      // A failure after the commit (a listener of user_registered, say) answers once the mail went out too.
      catchError((error: unknown) =>
        this.handover.has(request)
          ? from(
              this.handover.settle(request).then(() => {
                throw error;
              }),
            )
          : throwError(() => error),
      ),
    );
  }
}
