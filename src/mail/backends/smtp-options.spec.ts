import { parseSettings } from '../../config/settings';
import { smtpOptions } from './smtp-options';

const email = (env: Record<string, string>) => parseSettings({ SECRET_KEY: 'unit', ...env }).email;

describe('smtpOptions: EMAIL_HOST & co., or EMAIL_URL', () => {
  it("takes Django's EMAIL_* settings", () => {
    expect(
      smtpOptions(email({ EMAIL_HOST: 'mx', EMAIL_PORT: '2525', EMAIL_HOST_USER: 'u', EMAIL_HOST_PASSWORD: 'p', EMAIL_USE_TLS: 'true', EMAIL_TIMEOUT: '3' })),
    ).toEqual({ host: 'mx', port: 2525, user: 'u', password: 'p', useTls: true, useSsl: false, timeoutSeconds: 3 });
  });

  it('EMAIL_URL replaces them: smtp:// with ?tls=true is STARTTLS, credentials percent-decoded', () => {
    expect(smtpOptions(email({ EMAIL_HOST: 'ignored', EMAIL_URL: 'smtp://us%40er:p%3Ass@mail.example:587?tls=true' }))).toEqual({
      host: 'mail.example',
      port: 587,
      user: 'us@er',
      password: 'p:ss',
      useTls: true,
      useSsl: false,
      timeoutSeconds: 10,
    });
  });

  it('smtps:// is implicit TLS on 465 by default; plain smtp:// defaults to 25; ?timeout= sets the timeout', () => {
    expect(smtpOptions(email({ EMAIL_URL: 'smtps://mail.example' }))).toMatchObject({ port: 465, useSsl: true, useTls: false, user: '' });
    expect(smtpOptions(email({ EMAIL_URL: 'smtp://mail.example?timeout=4' }))).toMatchObject({ port: 25, useSsl: false, useTls: false, timeoutSeconds: 4 });
    expect(smtpOptions(email({ EMAIL_URL: 'smtp://mail.example:2465?ssl=1' }))).toMatchObject({ port: 2465, useSsl: true });
  });

  it('EMAIL_USE_TLS with EMAIL_USE_SSL is refused at start, as Django refuses it', () => {
    expect(() => email({ EMAIL_USE_TLS: 'true', EMAIL_USE_SSL: 'true' })).toThrow('EMAIL_USE_TLS and EMAIL_USE_SSL are mutually exclusive');
  });
});
