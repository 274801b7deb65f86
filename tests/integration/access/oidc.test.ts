// Single sign-on against a real OpenID Connect provider (oidc-provider on loopback): registered users
// sign in and their identity is linked once; unregistered users are refused with a page saying whom
// to ask; and a forged or replayed answer (state, code, nonce, audience, expiry, issuer) is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as startRoute from "~/routes/auth.oidc.$provider";
import * as callbackRoute from "~/routes/auth.oidc.callback";
import * as adminUserRoute from "~/routes/admin.users.$id";
import * as signInRoute from "~/routes/sign-in";
import * as signOutRoute from "~/routes/sign-out";
import * as signedOutRoute from "~/routes/signed-out";
import { signIn } from "~/models/sign-in.server";
import { updateSignInSettings } from "~/models/sign-in-settings.server";
import { registerSsoIdentity } from "~/models/sso.server";
import { createInvite } from "~/models/user.server";
import { getUser } from "~/utils/auth.server";
import { rememberSocketAddress } from "~/utils/client-address.server";
import { db } from "~/utils/db.server";
import { type TestProvider, startTestProvider, signInAtProvider } from "../../support/oidc-provider";
import { TEST_PASSWORD, callRoute, makeOrganisation, makeUser, requestAs } from "../../support/factories";

let op: TestProvider;
const envBefore = { ...process.env };

beforeAll(async () => {
  op = await startTestProvider({
    redirectUris: ["http://localhost/auth/oidc/callback"],
    postLogoutRedirectUris: ["http://localhost/sign-in?signedOut=1"],
  });
  Object.assign(process.env, {
    OIDC_PROVIDERS: "nhsmail",
    OIDC_NHSMAIL_ISSUER: op.issuer,
    OIDC_NHSMAIL_CLIENT_ID: op.clientId,
    OIDC_NHSMAIL_CLIENT_SECRET: op.clientSecret,
    OIDC_NHSMAIL_NAME: "NHSmail",
  });
});

afterAll(async () => {
  for (const k of Object.keys(process.env)) if (k.startsWith("OIDC_") && !(k in envBefore)) delete process.env[k];
  await op.stop();
});

const cookiePart = (setCookie: string) => setCookie.split(";")[0]!;

/** Starts at the tracker, signs in at the provider, returns the callback URL and the flow cookie. */
async function throughProvider(login: string, redirectTo = "/roles") {
  const start = await callRoute(startRoute.loader, {
    request: await requestAs(null, `/auth/oidc/nhsmail?redirectTo=${encodeURIComponent(redirectTo)}`),
    params: { provider: "nhsmail" },
  });
  expect(start.status).toBe(302);
  const authorization = new URL(start.response!.headers.get("location")!);
  expect(authorization.origin).toBe(op.issuer);
  expect(authorization.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authorization.searchParams.get("state")).toMatch(/^[\w-]{20,}$/);
  expect(authorization.searchParams.get("nonce")).toMatch(/^[\w-]{20,}$/);
  expect(authorization.searchParams.get("redirect_uri")).toBe("http://localhost/auth/oidc/callback");
  const flow = cookiePart(start.response!.headers.get("set-cookie")!);
  const back = await signInAtProvider(authorization.toString(), login);
  expect(back.startsWith("http://localhost/auth/oidc/callback?")).toBe(true);
  return { back, flow };
}

async function callback(url: string, flow: string | null) {
  const request = new Request(url, { headers: { host: "localhost", ...(flow ? { cookie: flow } : {}) } });
  rememberSocketAddress(request, "127.0.0.1");
  return callRoute(callbackRoute.loader, { request });
}

function sessionCookieOf(response: Response): string {
  const line = response.headers.getSetCookie().find((c) => c.startsWith("tracker_session="));
  if (!line) throw new Error("no session cookie");
  return cookiePart(line);
}

describe("single sign-on with a registered user", () => {
  it("signs in an account registered by email, links the identity once, and audits both", async () => {
    const user = await makeUser("analyst", null, { email: "jane.smith@example.nhs.uk" });
    op.accounts.set("jane-oid-1", { email: "Jane.Smith@example.nhs.uk", name: "Jane Smith" });
    const { back, flow } = await throughProvider("jane-oid-1");
    const res = await callback(back, flow);
    expect(res.status).toBe(302);
    expect(res.response!.headers.get("location")).toBe("/roles");
    const signedIn = await getUser(new Request("http://localhost/", { headers: { cookie: sessionCookieOf(res.response!) } }));
    expect(signedIn).toMatchObject({ id: user.id, email: user.email });
    expect(await db.userIdentity.findMany({ where: { userId: user.id } })).toMatchObject([
      { provider: "nhsmail", subject: "jane-oid-1", linkedAt: expect.any(Date) },
    ]);
    expect(await db.auditEvent.count({ where: { action: "sso_link", entityId: String(user.id) } })).toBe(1);
    expect(await db.auditEvent.findFirst({ where: { action: "sign_in", entityId: String(user.id) } })).toMatchObject({
      summary: expect.stringMatching(/Signed in with NHSmail/),
      ipAddress: "127.0.0.1",
    });

    // The administrator sees the link on the user's page.
    const admin = await makeUser("administrator", null);
    const page = await callRoute(adminUserRoute.loader, {
      request: await requestAs(admin, `/admin/users/${user.id}`),
      params: { id: String(user.id) },
    });
    expect((page.data as { identities: unknown[] }).identities).toEqual([
      { id: expect.any(Number), provider: "NHSmail", linked: expect.any(String) },
    ]);

    // The next sign-in goes by the subject, even after the email at the provider changed.
    op.accounts.set("jane-oid-1", { email: "jane.jones@example.nhs.uk" });
    const again = await throughProvider("jane-oid-1");
    expect((await callback(again.back, again.flow)).status).toBe(302);
    expect(await db.auditEvent.count({ where: { action: "sso_link", entityId: String(user.id) } })).toBe(1);
  });

  it("an open invitation is the registration: the first SSO sign-in creates the account with its role and organisation", async () => {
    const org = await makeOrganisation();
    const admin = await makeUser("administrator", null);
    await createInvite(
      { userId: admin.id, email: admin.email, ip: null },
      { email: "new.hr@example.nhs.uk", name: "New HR", role: "hr", organisationId: org.id },
    );
    op.accounts.set("hr-oid", { preferredUsername: "new.hr@example.nhs.uk" }); // Entra ID: the NHSmail address as the UPN
    const { back, flow } = await throughProvider("hr-oid", "/");
    const res = await callback(back, flow);
    expect(res.status).toBe(302);
    const created = await db.user.findUniqueOrThrow({ where: { email: "new.hr@example.nhs.uk" } });
    expect(created).toMatchObject({ role: "hr", organisationId: org.id, passwordHash: null });
    expect(await db.invite.findFirst({ where: { email: "new.hr@example.nhs.uk" } })).toMatchObject({ usedAt: expect.any(Date) });
  });

  it("a subject registered in advance (no email claim, as with CIS2) signs in", async () => {
    const admin = await makeUser("administrator", null);
    const user = await makeUser("medical_director", (await makeOrganisation()).id);
    await registerSsoIdentity(
      { userId: admin.id, email: admin.email, ip: null },
      { userId: user.id, provider: "nhsmail", providerName: "NHSmail", subject: "cis2-uuid-555" },
    );
    op.accounts.set("cis2-uuid-555", {});
    const { back, flow } = await throughProvider("cis2-uuid-555", "/");
    expect((await callback(back, flow)).status).toBe(302);
    expect(
      await db.auditEvent.findFirst({ where: { action: "sso_link", entityId: String(user.id) }, orderBy: { id: "desc" } }),
    ).toMatchObject({ summary: expect.stringMatching(/registered identity is now linked/) });
  });

  it("signing out of an SSO session also sends the user to the provider's sign-out, with the ID token hint", async () => {
    await makeUser("analyst", null, { email: "leaving@example.nhs.uk" });
    op.accounts.set("leaving-oid", { email: "leaving@example.nhs.uk" });
    const { back, flow } = await throughProvider("leaving-oid", "/");
    const session = sessionCookieOf((await callback(back, flow)).response!);
    const out = await callRoute(signOutRoute.action, {
      request: new Request("http://localhost/sign-out", {
        method: "POST",
        headers: { cookie: session, origin: "http://localhost", host: "localhost" },
      }),
    });
    expect(out.status).toBe(303);
    expect(out.response!.headers.get("location")).toBe("/signed-out");
    const onward = out
      .response!.headers.getSetCookie()
      .find((c) => c.startsWith("tracker_signout="))!
      .split(";")[0]!;
    const page = await callRoute(signedOutRoute.loader, {
      request: new Request("http://localhost/signed-out", { headers: { cookie: onward, host: "localhost" } }),
    });
    const url = new URL((page.data as { url: string }).url);
    expect(url.origin + url.pathname).toBe(`${op.issuer}/session/end`);
    expect(url.searchParams.get("id_token_hint")).toMatch(/^ey/);
    expect(url.searchParams.get("post_logout_redirect_uri")).toBe("http://localhost/sign-in?signedOut=1");
    expect(await getUser(new Request("http://localhost/", { headers: { cookie: session } }))).toBeNull();
  });
});

describe("refused", () => {
  it("an unregistered user gets a page saying whom to ask, no session, and the refusal is audited", async () => {
    op.accounts.set("stranger-oid", { email: "stranger@example.nhs.uk" });
    const { back, flow } = await throughProvider("stranger-oid");
    const res = await callback(back, flow);
    expect(res.status).toBe(403);
    expect(res.data).toEqual({ problem: "unregistered", providerName: "NHSmail", email: "stranger@example.nhs.uk" });
    expect(await db.user.findUnique({ where: { email: "stranger@example.nhs.uk" } })).toBeNull();
    expect(await db.auditEvent.findFirst({ where: { action: "sso_refused" }, orderBy: { id: "desc" } })).toMatchObject({
      summary: expect.stringMatching(/stranger@example\.nhs\.uk: not registered/),
    });
  });

  async function refusedWith(
    change: ((c: Record<string, unknown>) => Record<string, unknown>) | null,
    mutate: (url: URL) => void = () => {},
  ) {
    await makeUser("analyst", null, { email: `victim.${Math.random().toString(36).slice(2)}@example.nhs.uk` }).then((u) =>
      op.accounts.set(`victim-${u.id}`, { email: u.email }),
    );
    const login = [...op.accounts.keys()].at(-1)!;
    const { back, flow } = await throughProvider(login);
    const url = new URL(back);
    mutate(url);
    op.tamper(change);
    try {
      const res = await callback(url.toString(), flow);
      expect(res.status).toBe(400);
      expect(res.data).toMatchObject({ problem: "failed" });
      expect(res.response).toBeNull();
    } finally {
      op.tamper(null);
    }
  }

  it("an invalid state", async () => refusedWith(null, (url) => url.searchParams.set("state", "forged-state-value-0123456789")));
  it("a wrong nonce", async () => refusedWith((c) => ({ ...c, nonce: "another-nonce" })));
  it("a wrong audience", async () => refusedWith((c) => ({ ...c, aud: "some-other-client" })));
  it("an expired token", async () =>
    refusedWith((c) => ({ ...c, iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 })));
  it("another issuer", async () => refusedWith((c) => ({ ...c, iss: "https://login.evil.example/tenant/v2.0" })));

  it("no sign-in in progress in this browser (no flow cookie)", async () => {
    op.accounts.set("nocookie-oid", { email: "nocookie@example.nhs.uk" });
    const { back } = await throughProvider("nocookie-oid");
    expect((await callback(back, null)).status).toBe(400);
  });

  it("a replayed code, even with the flow cookie", async () => {
    await makeUser("analyst", null, { email: "replay@example.nhs.uk" });
    op.accounts.set("replay-oid", { email: "replay@example.nhs.uk" });
    const { back, flow } = await throughProvider("replay-oid");
    expect((await callback(back, flow)).status).toBe(302);
    const replay = await callback(back, flow);
    expect(replay.status).toBe(400);
    expect(replay.response).toBeNull();
  });

  it("a provider name that is not configured", async () => {
    const res = await callRoute(startRoute.loader, { request: await requestAs(null, "/auth/oidc/nope"), params: { provider: "nope" } });
    expect(res.status).toBe(404);
  });
});

describe("requiring single sign-on", () => {
  it("refuses passwords for everyone but the break-glass administrator; the sign-in page offers the provider", async () => {
    const breakGlass = await makeUser("administrator", null, { email: "break.glass@example.nhs.uk" });
    const other = await makeUser("analyst", null);
    const admin = await makeUser("administrator", null);
    await updateSignInSettings(
      { userId: admin.id, email: admin.email, ip: null },
      { ssoRequired: true, breakGlassEmail: breakGlass.email },
    );
    try {
      expect(await signIn(other.email, TEST_PASSWORD, { userId: null, email: null, ip: "192.0.2.200" })).toEqual({
        ok: false,
        reason: "sso_required",
      });
      expect((await signIn(breakGlass.email, TEST_PASSWORD, { userId: null, email: null, ip: "192.0.2.201" })).ok).toBe(true);
      const page = await callRoute(signInRoute.loader, { request: await requestAs(null, "/sign-in") });
      expect(page.data).toMatchObject({ providers: [{ id: "nhsmail", name: "NHSmail" }] });
      const refused = await callRoute(signInRoute.action, {
        request: await requestAs(null, "/sign-in", {
          method: "POST",
          form: { email: other.email, password: TEST_PASSWORD },
          address: "192.0.2.202",
        }),
      });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.data)).toMatch(/use NHSmail/);
      expect(await db.auditEvent.findFirst({ where: { action: "settings_change", entityId: "sign_in" } })).toMatchObject({
        summary: expect.stringMatching(/except break\.glass@example\.nhs\.uk/),
      });
    } finally {
      await updateSignInSettings({ userId: admin.id, email: admin.email, ip: null }, { ssoRequired: false, breakGlassEmail: null });
    }
  });

  it("will not name a break-glass account that could not sign in", async () => {
    const admin = await makeUser("administrator", null);
    const analyst = await makeUser("analyst", null);
    await expect(
      updateSignInSettings({ userId: admin.id, email: admin.email, ip: null }, { ssoRequired: true, breakGlassEmail: analyst.email }),
    ).rejects.toThrow(/active administrator/);
    await expect(
      updateSignInSettings({ userId: admin.id, email: admin.email, ip: null }, { ssoRequired: true, breakGlassEmail: null }),
    ).rejects.toThrow();
  });
});
