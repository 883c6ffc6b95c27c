import { checkState, issueState, newBrowserSecret, nonceFor } from './social-state';

const KEY = 'unit-test-secret-key';

describe('social state', () => {
  const secret = newBrowserSecret();
  const state = issueState(KEY, 'google-oauth2', 'https://app.example.com/cb', secret, 600, 1_000_000_000_000);

  it('is accepted for its provider and browser before it expires', () => {
    const r = checkState(KEY, state, 'google-oauth2', secret, 1_000_000_000_000 + 599_000);
    expect(r.ok && r.payload.r).toBe('https://app.example.com/cb');
  });

  it.each([
    ['expired', () => checkState(KEY, state, 'google-oauth2', secret, 1_000_000_000_000 + 600_000)],
    ['another provider', () => checkState(KEY, state, 'github', secret, 1_000_000_000_000)],
    ['another browser', () => checkState(KEY, state, 'google-oauth2', newBrowserSecret(), 1_000_000_000_000)],
    ['another SECRET_KEY', () => checkState('other', state, 'google-oauth2', secret, 1_000_000_000_000)],
    ['a changed payload', () => checkState(KEY, 'e30' + state.slice(state.indexOf('.')), 'google-oauth2', secret, 1_000_000_000_000)],
    ['garbage', () => checkState(KEY, 'not-a-state', 'google-oauth2', secret, 1_000_000_000_000)],
  ])('is refused for %s', (_name, check) => {
    expect(check().ok).toBe(false);
  });

  it('makes a PKCE-sized secret and a nonce bound to it', () => {
    expect(secret).toMatch(/^[\w-]{43}$/);
    expect(nonceFor(secret)).not.toBe(nonceFor(newBrowserSecret()));
  });
});
