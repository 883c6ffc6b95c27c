import { HttpException } from '@nestjs/common';
import { ApiException } from './exceptions';
import { fromHttpStack, hstsHeader, HardeningOptions } from './hardening';

const base: HardeningOptions = {
  dataUploadMaxMemorySize: 1048576,
  dataUploadMaxJsonDepth: 64,
  hstsSeconds: 0,
  hstsIncludeSubdomains: false,
  hstsPreload: false,
};

describe('hstsHeader (Django SecurityMiddleware format)', () => {
  it('is off at 0 seconds, whatever the flags', () => {
    expect(hstsHeader({ ...base, hstsIncludeSubdomains: true, hstsPreload: true })).toBeNull();
  });
  it('adds includeSubDomains and preload in Django order', () => {
    expect(hstsHeader({ ...base, hstsSeconds: 60 })).toBe('max-age=60');
    expect(hstsHeader({ ...base, hstsSeconds: 60, hstsPreload: true })).toBe('max-age=60; preload');
    expect(hstsHeader({ ...base, hstsSeconds: 60, hstsIncludeSubdomains: true, hstsPreload: true })).toBe(
      'max-age=60; includeSubDomains; preload',
    );
  });
});

describe('fromHttpStack', () => {
  it('turns the body-size error into the DRF 413', () => {
    const e = fromHttpStack(new HttpException('Request body is too large', 413));
    expect(e).toBeInstanceOf(ApiException);
    expect([e!.status, e!.data]).toEqual([413, { detail: 'Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.' }]);
  });
  it('leaves other errors alone', () => {
    expect(fromHttpStack(new HttpException('x', 400))).toBeNull();
    expect(fromHttpStack(new Error('x'))).toBeNull();
  });
});
