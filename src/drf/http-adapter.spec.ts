import { rewriteUrl } from './http-adapter';

describe('rewriteUrl', () => {
  it.each([
    ['/auth/jwt/createXYZ', '/auth/jwt/create/'],
    ['/auth/jwt/create/extra?a=1', '/auth/jwt/create/?a=1'],
    ['/auth/jwt/refresh', '/auth/jwt/refresh/'],
    ['/auth/users.json', '/auth/users/?format=json'],
    ['/auth/users/1.json', '/auth/users/1/?format=json'],
    ['/auth/users/1.2/', '/auth/users/1/?format=2'],
    ['/auth/users/me.json?format=api&x=1', '/auth/users/me/?format=json&x=1'],
    ['/auth/users/activation.json/', '/auth/users/activation/?format=json'],
    ['/auth/users/', '/auth/users/'],
    ['/auth/token/login.json', '/auth/token/login.json'],
  ])('%s → %s', (input, output) => {
    expect(rewriteUrl({ url: input })).toBe(output);
  });
});
