// A real OpenID provider on loopback for the browser tests: npm's `oidc-provider`, which
// enforces PKCE, plays the trust's Microsoft tenant. Its own login page takes any e-mail
// address as the account (the password is ignored), so a test signs in as whoever it needs:
//   - any address: a verified e-mail in the trust's tenant;
//   - an address starting "unverified.": the e-mail is not verified;
//   - an address starting "outsider.": an account from another tenant.
// Nothing here is for production: the keys are made at start-up and the secrets are fixed.
import Provider from 'oidc-provider';

const port = Number(process.env.WAYMARK_E2E_OIDC_PORT ?? '3127');
const waymark = process.env.WAYMARK_E2E_BASE ?? 'http://127.0.0.1:3100';
export const issuer = `http://127.0.0.1:${port}`;
export const tenant = process.env.WAYMARK_E2E_OIDC_TENANT ?? 'e2e-tenant';

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.WAYMARK_E2E_OIDC_CLIENT ?? 'waymark-e2e',
      client_secret: process.env.WAYMARK_E2E_OIDC_SECRET ?? 'e2e-secret',
      redirect_uris: [`${waymark}/sign-in/microsoft/callback`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  pkce: { required: () => true },
  // Claims asked for by scope go into the ID token itself, as Entra ID's do.
  conformIdTokenClaims: false,
  claims: { openid: ['sub', 'tid'], email: ['email', 'email_verified'], profile: ['name'] },
  scopes: ['openid', 'email', 'profile'],
  async findAccount(_ctx, id) {
    const email = String(id).trim().toLowerCase();
    return {
      accountId: email,
      async claims() {
        return {
          sub: `e2e-${email}`,
          email,
          email_verified: !email.startsWith('unverified.'),
          tid: email.startsWith('outsider.') ? 'another-tenant' : tenant,
          name: email,
        };
      },
    };
  },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['e2e-only-not-a-secret'] },
  // Consent is not part of a trust's own sign-in: grant what Waymark asks for.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    grant.addOIDCClaims(['tid']);
    await grant.save();
    return grant;
  },
});
provider.proxy = false;

const server = provider.listen(port, '127.0.0.1', () => {
  console.log(`OpenID provider for tests at ${issuer}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
