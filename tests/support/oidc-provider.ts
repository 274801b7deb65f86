// A real OpenID Connect provider (the `oidc-provider` package) on loopback, configured by the test:
// one confidential client (the tracker), accounts by login name, the package's own sign-in pages
// (devInteractions) and RP-initiated logout. `tamper` lets a test play a broken or hostile
// provider: the ID token in the token response is re-signed with the provider's own key after a
// change (wrong nonce, wrong audience, expired), so only the tracker's checks stand in the way.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type JWK, SignJWT, decodeJwt, exportJWK, generateKeyPair } from "jose";
import Provider from "oidc-provider";

export type TestAccount = { email?: string; emailVerified?: boolean; name?: string; preferredUsername?: string };

export type TestProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  /** Change the next token responses' ID token claims (null: stop). */
  tamper(change: ((claims: Record<string, unknown>) => Record<string, unknown>) | null): void;
  stop(): Promise<void>;
};

export async function startTestProvider(options: {
  port?: number;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}): Promise<TestProvider> {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid: "test-key", alg: "RS256", use: "sig" };
  const accounts = new Map<string, TestAccount>();
  const clientId = "tracker";
  const clientSecret = "a-test-client-secret-that-is-long-enough";
  let change: ((claims: Record<string, unknown>) => Record<string, unknown>) | null = null;

  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris,
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ["test-provider-cookie-key-1"] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "preferred_username"] },
    conformIdTokenClaims: false, // put the requested claims in the ID token (as Entra ID does)
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    async findAccount(_ctx, id) {
      const account = accounts.get(id) ?? {};
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            ...(account.email ? { email: account.email, email_verified: account.emailVerified ?? true } : {}),
            ...(account.name ? { name: account.name } : {}),
            ...(account.preferredUsername ? { preferred_username: account.preferredUsername } : {}),
          };
        },
      };
    },
    // First-party client: no consent screen (as an NHS tenant's admin consent would do).
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  provider.on("server_error", (_ctx, error) => process.stderr.write(`test provider error: ${String(error)}\n`));

  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (change && ctx.path === "/token" && body && typeof body === "object" && body.id_token) {
      const claims = change({ ...decodeJwt(body.id_token) });
      ctx.body = { ...body, id_token: await new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "test-key" }).sign(privateKey) };
    }
  });
  server.on("request", provider.callback());

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    tamper(next) {
      change = next;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A browser's cookies for one site, enough to walk the provider's pages with fetch. */
export class CookieJar {
  private cookies = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...rest] = pair!.split("=");
      const value = rest.join("=");
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === "") this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/**
 * Signs in at the provider as `login`, starting at its authorisation URL, and returns the URL it
 * sends the browser back to (the tracker's callback with ?code=...&state=...).
 */
export async function signInAtProvider(authorizationUrl: string, login: string, jar = new CookieJar()): Promise<string> {
  let url = authorizationUrl;
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 15; hop++) {
    const response = await fetch(url, {
      method: body ? "POST" : "GET",
      redirect: "manual",
      headers: { cookie: jar.header(), ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      body,
    });
    jar.take(response);
    body = undefined;
    const location = response.headers.get("location");
    if (location) {
      const next = new URL(location, url).toString();
      if (!next.startsWith(new URL(authorizationUrl).origin)) return next;
      url = next;
      continue;
    }
    const html = await response.text();
    if (response.status !== 200 || !/name="prompt" value="login"/.test(html))
      throw new Error(`unexpected provider page ${response.status} at ${url}: ${html.slice(0, 300)}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    url = new URL(action!, url).toString();
    body = new URLSearchParams({ prompt: "login", login, password: "any password" });
  }
  throw new Error("too many redirects at the provider");
}
