// Single sign-on with OpenID Connect (NHSmail / Microsoft Entra ID, NHS CIS2), through openid-client:
// the authorisation code flow with PKCE (S256), state and nonce, ID-token validation (signature,
// issuer, audience, expiry, nonce) by the library, provider settings by discovery from the issuer,
// and RP-initiated sign-out. The flow's secrets (state, nonce, PKCE verifier) travel in a signed,
// short-lived, HttpOnly cookie bound to this browser, so nothing is stored for unfinished sign-ins.
import * as client from "openid-client";
import { createCookie } from "react-router";
import { type OidcProvider, env, parseOidcProviders, publicOrigin } from "./env.server";
import { safeRedirect } from "./redirects";
import { loadSecretKey } from "./secret-key.server";

export const CALLBACK_PATH = "/auth/oidc/callback";
const FLOW_MINUTES = 10;

/** The configured providers (read from the environment each time: tests configure them late). */
export function oidcProviders(): OidcProvider[] {
  return parseOidcProviders(process.env);
}

export function oidcProvider(id: string): OidcProvider | null {
  return oidcProviders().find((p) => p.id === id) ?? null;
}

/** A sign-in that could not be completed; `reason` is for the log and the audit, not the page. */
export class SsoError extends Error {
  constructor(
    readonly kind: "no_flow" | "refused" | "provider_unavailable" | "unknown_provider",
    readonly reason: string,
  ) {
    super(reason);
  }
}

const configs = new Map<string, Promise<client.Configuration>>();

function isLoopback(url: URL): boolean {
  return ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}

/** The provider's settings, discovered from its issuer once per process (retried after a failure). */
async function configFor(p: OidcProvider): Promise<client.Configuration> {
  const key = JSON.stringify(p);
  let config = configs.get(key);
  if (!config) {
    const issuer = new URL(p.issuer);
    config = client
      .discovery(issuer, p.clientId, undefined, p.clientSecret ? client.ClientSecretBasic(p.clientSecret) : client.None(), {
        // Plain HTTP only for a provider on this machine (the tests' provider); env.server refuses others.
        execute: issuer.protocol === "http:" && isLoopback(issuer) ? [client.allowInsecureRequests] : [],
        timeout: 10,
      })
      .catch((error: unknown) => {
        configs.delete(key);
        throw new SsoError(
          "provider_unavailable",
          `discovery from ${p.issuer} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
    configs.set(key, config);
  }
  return config;
}

type Flow = { p: string; s: string; n: string; v: string; r: string; c: string };

function flowCookie() {
  const secret = loadSecretKey("COOKIE_SECRET", "cookie.key").key.toString("hex");
  return createCookie("tracker_oidc", {
    httpOnly: true,
    // Lax: the provider's redirect back is a top-level GET, which carries Lax cookies.
    sameSite: "lax",
    path: "/auth/oidc",
    secure: env.secureCookies,
    maxAge: FLOW_MINUTES * 60,
    secrets: [secret],
  });
}

/** Carries the provider's sign-out address from /sign-out to /signed-out (signed, one minute). */
export function ssoSignOutCookie() {
  return createCookie("tracker_signout", {
    httpOnly: true,
    sameSite: "lax",
    path: "/signed-out",
    secure: env.secureCookies,
    maxAge: 60,
    secrets: [loadSecretKey("COOKIE_SECRET", "cookie.key").key.toString("hex")],
  });
}

/** Where the provider sends the user back: PUBLIC_URL when set, else this request's origin. */
export function callbackUrl(request: Request): string {
  return new URL(CALLBACK_PATH, publicOrigin(request)).toString();
}

/** The provider's sign-in page for this browser, and the cookie that remembers the flow. */
export async function startSsoSignIn(providerId: string, request: Request, redirectTo: string): Promise<{ url: string; cookie: string }> {
  const p = oidcProvider(providerId);
  if (!p) throw new SsoError("unknown_provider", `no single sign-on provider named "${providerId}"`);
  const config = await configFor(p);
  const verifier = client.randomPKCECodeVerifier();
  const flow: Flow = {
    p: p.id,
    s: client.randomState(),
    n: client.randomNonce(),
    v: verifier,
    r: safeRedirect(redirectTo),
    c: callbackUrl(request),
  };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: flow.c,
    scope: p.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state: flow.s,
    nonce: flow.n,
  });
  return { url: url.toString(), cookie: await flowCookie().serialize(flow) };
}

export type SsoIdentity = {
  provider: OidcProvider;
  subject: string;
  email: string | null;
  name: string | null;
  idToken: string;
  redirectTo: string;
};

/** A cookie that ends the flow in the browser (one flow, one use). */
export async function clearFlowCookie(): Promise<string> {
  return flowCookie().serialize("", { maxAge: 0 });
}

/**
 * Completes the flow at the callback: the code is exchanged (with the PKCE verifier) and the ID
 * token validated against this flow's state and nonce. Anything wrong (no flow in this browser, a
 * state or nonce that does not match, a code used before, a token for another client, an expired
 * token, an error from the provider) throws SsoError.
 */
export async function finishSsoSignIn(request: Request): Promise<SsoIdentity> {
  const flow = (await flowCookie().parse(request.headers.get("cookie"))) as Flow | null;
  if (!flow || typeof flow !== "object" || typeof flow.s !== "string")
    throw new SsoError("no_flow", "no sign-in in progress in this browser (or it took longer than 10 minutes)");
  const p = oidcProvider(flow.p);
  if (!p) throw new SsoError("unknown_provider", `the provider "${flow.p}" is no longer configured`);
  const config = await configFor(p);
  // The address the provider redirected to (behind a proxy, request.url may name the inner host).
  const current = new URL(flow.c);
  current.search = new URL(request.url).search;
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: flow.v,
      expectedState: flow.s,
      expectedNonce: flow.n,
      idTokenExpected: true,
    });
  } catch (error) {
    const detail =
      error instanceof Error
        ? `${error.name}: ${error.message}${"error" in error ? ` (${String((error as { error?: unknown }).error)})` : ""}`
        : String(error);
    throw new SsoError("refused", detail);
  }
  const claims = tokens.claims();
  if (!claims || !tokens.id_token) throw new SsoError("refused", "the provider sent no ID token");
  return {
    provider: p,
    subject: claims.sub,
    email: emailOf(claims),
    name: typeof claims.name === "string" ? claims.name : null,
    idToken: tokens.id_token,
    redirectTo: safeRedirect(flow.r),
  };
}

/**
 * The user's email address from the ID token. `email` when the provider does not say it is
 * unverified; else Entra ID's `preferred_username` (the NHSmail address, managed by the tenant the
 * issuer names) when it is an email address. Used only to link an account on first sign-in.
 */
function emailOf(claims: client.IDToken): string | null {
  const pick = (v: unknown) => (typeof v === "string" && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v) ? v.trim().toLowerCase() : null);
  if (claims.email_verified !== false) {
    const email = pick(claims.email);
    if (email) return email;
  }
  return pick(claims.preferred_username);
}

/**
 * The provider's sign-out address (RP-initiated logout), or null when it has none. The user comes
 * back to `postLogoutRedirect`, which must be registered with the provider.
 */
export async function ssoSignOutUrl(providerId: string, idToken: string | null, postLogoutRedirect: string): Promise<string | null> {
  const p = oidcProvider(providerId);
  if (!p) return null;
  let config: client.Configuration;
  try {
    config = await configFor(p);
  } catch {
    return null;
  }
  if (!config.serverMetadata().end_session_endpoint) return null;
  const params: Record<string, string> = { post_logout_redirect_uri: postLogoutRedirect, client_id: p.clientId };
  if (idToken) params.id_token_hint = idToken;
  return client.buildEndSessionUrl(config, params).toString();
}
