// A real OpenID Connect provider (panva's oidc-provider, ESM-only) for the social login tests,
// run as a child process: node test/support/oidc-provider.mjs <port> <client_id> <client_secret> <redirect_uri,...>
// Its built-in development login page accepts any login; the login names the account:
// "<name>" has the verified address <name>@example.com, "unverified-<name>" an unverified one.
import Provider from 'oidc-provider';

const [port, clientId, clientSecret, redirects] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: redirects.split(','),
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['given_name', 'family_name', 'preferred_username'] },
  cookies: { keys: ['oidc-test-cookie-key-0123456789'] },
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, id) {
    const unverified = id.startsWith('unverified-');
    const name = unverified ? id.slice('unverified-'.length) : id;
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: `${name}@example.com`, email_verified: !unverified, given_name: name, family_name: 'Tester', preferred_username: name };
      },
    };
  },
});
provider.listen(Number(port), '127.0.0.1', () => process.stdout.write(`ready ${issuer}\n`));
