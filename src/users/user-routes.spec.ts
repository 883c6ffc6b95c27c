import 'reflect-metadata';
import { PATH_METADATA } from '@nestjs/common/constants';
import { applyUserRoutePaths, listActionSegments, userDetailPath } from './user-routes';

describe('user routes', () => {
  it('follow User.USERNAME_FIELD', () => {
    expect(listActionSegments('email').slice(-3)).toEqual(['set_email', 'reset_email', 'reset_email_confirm']);
  });

  it('the detail id matches DRF lookup values except the action segments', () => {
    const regex = new RegExp(/\((.*)\)\/$/.exec(userDetailPath('username'))![1]);
    for (const id of ['1', 'abc', 'meme', 'set_email']) expect(regex.test(id)).toBe(true);
    for (const id of ['me', 'activation', 'set_username', 'reset_username_confirm', '1.json']) expect(regex.test(id)).toBe(false);
  });

  it('writes the paths into the handlers route metadata', () => {
    const handlers = { detail: () => 0, setUsername: () => 0, resetUsername: () => 0, resetUsernameConfirm: () => 0 };
    applyUserRoutePaths('email', [handlers.detail], handlers);
    expect(Reflect.getMetadata(PATH_METADATA, handlers.setUsername)).toBe('users/set_email/');
    expect(Reflect.getMetadata(PATH_METADATA, handlers.resetUsernameConfirm)).toBe('users/reset_email_confirm/');
    expect(Reflect.getMetadata(PATH_METADATA, handlers.detail)).toBe(userDetailPath('email'));
  });
});
