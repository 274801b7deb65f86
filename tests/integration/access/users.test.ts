import { describe, expect, it } from "vitest";
import * as inviteRoute from "~/routes/invite.$token";
import * as newUserRoute from "~/routes/admin.users.new";
import * as userRoute from "~/routes/admin.users.$id";
import * as signInRoute from "~/routes/sign-in";
import * as signOutRoute from "~/routes/sign-out";
import { ADDRESS_LOCK_AFTER_FAILURES, LOCK_AFTER_FAILURES, signIn } from "~/models/sign-in.server";
import { LinkError, UserFieldError, UserRuleError, acceptLink, createInvite, inspectLink, setUserActive } from "~/models/user.server";
import { type Actor, verifyAuditChain } from "~/models/audit.server";
import { getUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { TEST_PASSWORD, callRoute, makeOrganisation, makeUser, requestAs } from "../../support/factories";

const NEW_PASSWORD = "plum orchard lantern 42";
const noWait = async () => {};
let ipSeq = 0;
/** A fresh network address per use, so per-address counts do not leak between tests. */
const freshIp = () => `198.51.100.${++ipSeq}`;
const anon = (ip = freshIp()): Actor => ({ userId: null, email: null, ip });

const actorFor = (u: { id: number; email: string }): Actor => ({ userId: u.id, email: u.email, ip: "127.0.0.1" });

function tokenOf(link: string): string {
  const m = /\/invite\/([^/?#]+)$/.exec(link);
  if (!m) throw new Error(`not an invitation link: ${link}`);
  return m[1]!;
}

async function events(where: { action?: string; entity?: string; entityId?: string }) {
  return db.auditEvent.findMany({ where, orderBy: { id: "asc" } });
}

function cookieHeader(setCookie: string | null): string {
  if (!setCookie) throw new Error("no Set-Cookie");
  return setCookie.split(";")[0]!;
}

describe("invitations", () => {
  it("invite → accept → signed in → can sign in again; the link works once; all audited", async () => {
    const org = await makeOrganisation();
    const admin = await makeUser("administrator", null);
    const res = await callRoute(newUserRoute.action, {
      request: await requestAs(admin, "/admin/users/new", {
        method: "POST",
        form: { email: " New.Person@Example.org ", name: "New Person", role: "hr", organisationId: String(org.id) },
      }),
    });
    expect(res.status).toBe(200);
    const issued = (res.data as { issued: { link: string; email: string } }).issued;
    expect(issued.email).toBe("new.person@example.org");
    expect(issued.link).toMatch(/^http:\/\/localhost\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(issued.link);

    // Only the token's hash is stored; the invitation expires in 7 days.
    const invite = await db.invite.findFirstOrThrow({ where: { email: "new.person@example.org" } });
    expect(invite.tokenHash).not.toContain(token);
    expect(invite.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const days = (invite.expiresAt.getTime() - invite.createdAt.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(7, 1);

    // The public page shows the invitation.
    const page = await callRoute(inviteRoute.loader, { request: await requestAs(null, `/invite/${token}`), params: { token } });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ purpose: "invite", email: "new.person@example.org", role: "HR" });

    // A weak password or a mismatch is refused with field messages, and nothing is used up.
    const weak = await callRoute(inviteRoute.action, {
      request: await requestAs(null, `/invite/${token}`, {
        method: "POST",
        form: { password: "password1234", confirmPassword: "password1234" },
      }),
      params: { token },
    });
    expect(weak.status).toBe(400);
    expect(weak.data).toMatchObject({ errors: { password: [expect.stringMatching(/too common/)] } });
    const mismatch = await callRoute(inviteRoute.action, {
      request: await requestAs(null, `/invite/${token}`, {
        method: "POST",
        form: { password: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}!` },
      }),
      params: { token },
    });
    expect(mismatch.data).toMatchObject({ errors: { confirmPassword: ["The passwords do not match"] } });
    expect(JSON.stringify(mismatch.data)).not.toContain(NEW_PASSWORD);

    // Accepting creates the account and signs the person in.
    const accepted = await callRoute(inviteRoute.action, {
      request: await requestAs(null, `/invite/${token}`, {
        method: "POST",
        form: { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      }),
      params: { token },
    });
    expect(accepted.status).toBe(302);
    expect(accepted.response!.headers.get("location")).toBe("/");
    const signedIn = await getUser(
      new Request("http://localhost/", { headers: { cookie: cookieHeader(accepted.response!.headers.get("set-cookie")) } }),
    );
    expect(signedIn).toMatchObject({ email: "new.person@example.org", name: "New Person", role: "hr", organisationId: org.id });

    // The link cannot be used again.
    expect(await inspectLink(token)).toEqual({ ok: false, reason: "used" });
    const again = await callRoute(inviteRoute.action, {
      request: await requestAs(null, `/invite/${token}`, {
        method: "POST",
        form: { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      }),
      params: { token },
    });
    expect(again.status).toBe(404);
    const reused = await callRoute(inviteRoute.loader, { request: await requestAs(null, `/invite/${token}`), params: { token } });
    expect(reused.status).toBe(404);
    expect(reused.data).toMatchObject({ problem: expect.stringMatching(/already been used/) });

    // Signing in with the chosen password works.
    const result = await signIn("new.person@example.org", NEW_PASSWORD, anon(), noWait);
    expect(result.ok).toBe(true);

    expect((await events({ action: "invite" })).at(-1)).toMatchObject({ entity: "Invite", userId: admin.id, organisationId: org.id });
    const acceptedEvent = (await events({ action: "invite_accepted" })).at(-1)!;
    expect(acceptedEvent).toMatchObject({ entity: "User", entityId: String(signedIn!.id), userEmail: "new.person@example.org" });
    expect(JSON.parse(acceptedEvent.changes)).toMatchObject({
      role: { before: null, after: "hr" },
      organisationId: { before: null, after: org.id },
    });
    expect((await events({ action: "sign_in", entityId: String(signedIn!.id) })).length).toBe(1);
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("requires an organisation for HR, medical directors and board members, and none for administrators and analysts", async () => {
    const org = await makeOrganisation();
    const admin = await makeUser("administrator", null);
    const post = async (form: Record<string, string>) =>
      callRoute(newUserRoute.action, { request: await requestAs(admin, "/admin/users/new", { method: "POST", form }) });
    for (const role of ["hr", "medical_director", "board_member"]) {
      const r = await post({ email: `x.${role}@example.org`, name: "X", role, organisationId: "" });
      expect(r.status, role).toBe(400);
      expect(r.data, role).toMatchObject({
        errors: { organisationId: [expect.stringMatching(/Select the organisation/)] },
        values: { email: `x.${role}@example.org` },
      });
    }
    for (const role of ["administrator", "analyst"]) {
      const r = await post({ email: `y.${role}@example.org`, name: "Y", role, organisationId: String(org.id) });
      expect(r.status, role).toBe(400);
      expect(r.data, role).toMatchObject({ errors: { organisationId: [expect.stringMatching(/Leave the organisation empty/)] } });
    }
    const missing = await post({ email: "not-an-email", name: "", role: "", organisationId: "" });
    expect(Object.keys((missing.data as { errors: object }).errors).sort()).toEqual(["email", "name", "role"]);
    const unknownOrg = await post({ email: "z@example.org", name: "Z", role: "hr", organisationId: "999999" });
    expect(unknownOrg.data).toMatchObject({ errors: { organisationId: ["Select an organisation from the list"] } });
    expect(await db.invite.count({ where: { createdById: admin.id } })).toBe(0);
  });

  it("offers only open organisations for a new account, refuses a closed one, and keeps an account's own closed one", async () => {
    const open = await makeOrganisation();
    const closed = await makeOrganisation();
    await db.organisation.update({ where: { id: closed.id }, data: { closedOn: "2024-03-31" } });
    const admin = await makeUser("administrator", null);
    const page = await callRoute(newUserRoute.loader, { request: await requestAs(admin, "/admin/users/new") });
    const offered = (page.data as { organisations: { id: number }[] }).organisations.map((o) => o.id);
    expect(offered).toContain(open.id);
    expect(offered).not.toContain(closed.id);
    const refused = await callRoute(newUserRoute.action, {
      request: await requestAs(admin, "/admin/users/new", {
        method: "POST",
        form: { email: "closed.hr@example.org", name: "C", role: "hr", organisationId: String(closed.id) },
      }),
    });
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({
      errors: { organisationId: [`${closed.name} closed on 31 March 2024: select an open organisation`] },
      values: { email: "closed.hr@example.org" },
    });
    expect(await db.invite.count({ where: { email: "closed.hr@example.org" } })).toBe(0);

    // An account of the closed trust keeps it on its page and can be saved with it (e.g. a role change),
    // but no other account can be moved to it.
    const member = await makeUser("board_member", closed.id);
    const accountPage = await callRoute(userRoute.loader, {
      request: await requestAs(admin, `/admin/users/${member.id}`),
      params: { id: String(member.id) },
    });
    const kept = (accountPage.data as { organisations: { id: number; closed: boolean }[] }).organisations;
    expect(kept.find((o) => o.id === closed.id)).toMatchObject({ closed: true });
    const saveAccess = async (u: { id: number }, form: Record<string, string>) =>
      callRoute(userRoute.action, {
        request: await requestAs(admin, `/admin/users/${u.id}`, { method: "POST", form: { intent: "access", _version: "1", ...form } }),
        params: { id: String(u.id) },
      });
    expect((await saveAccess(member, { role: "medical_director", organisationId: String(closed.id) })).status).toBe(302);
    const other = await makeUser("hr", open.id);
    const moved = await saveAccess(other, { role: "hr", organisationId: String(closed.id) });
    expect(moved.status).toBe(400);
    expect((await db.user.findUniqueOrThrow({ where: { id: other.id } })).organisationId).toBe(open.id);
  });

  it("refuses to invite an email that already has an account", async () => {
    const admin = await makeUser("administrator", null);
    const existing = await makeUser("analyst", null);
    await expect(
      createInvite(actorFor(admin), { email: existing.email, name: "Dup", role: "analyst", organisationId: null }),
    ).rejects.toBeInstanceOf(UserFieldError);
  });

  it("refuses an expired link, and a newer invitation replaces an older one", async () => {
    const admin = await makeUser("administrator", null);
    const first = await createInvite(actorFor(admin), { email: "late@example.org", name: "Late", role: "analyst", organisationId: null });
    const second = await createInvite(actorFor(admin), { email: "late@example.org", name: "Late", role: "analyst", organisationId: null });
    expect(await inspectLink(first.token)).toEqual({ ok: false, reason: "expired" });
    await db.invite.updateMany({ where: { email: "late@example.org" }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await inspectLink(second.token)).toEqual({ ok: false, reason: "expired" });
    await expect(acceptLink(second.token, NEW_PASSWORD, anon())).rejects.toBeInstanceOf(LinkError);
    expect(await db.user.count({ where: { email: "late@example.org" } })).toBe(0);
    expect(await inspectLink("made-up-token")).toEqual({ ok: false, reason: "unknown" });
  });
});

describe("password reset", () => {
  it("issues a one-time link; using it sets the password, ends other sessions and clears the lock", async () => {
    const org = await makeOrganisation();
    const admin = await makeUser("administrator", null);
    const user = await makeUser("medical_director", org.id);
    const oldSession = await requestAs(user, "/");
    expect(await getUser(oldSession)).not.toBeNull();
    // Lock the account first.
    for (let i = 0; i < LOCK_AFTER_FAILURES; i++) await signIn(user.email, "wrong password!", anon(), noWait);
    expect((await signIn(user.email, TEST_PASSWORD, anon(), noWait)).ok).toBe(false);

    const res = await callRoute(userRoute.action, {
      request: await requestAs(admin, `/admin/users/${user.id}`, { method: "POST", form: { intent: "reset" } }),
      params: { id: String(user.id) },
    });
    expect(res.status).toBe(200);
    const token = tokenOf((res.data as { issued: { link: string } }).issued.link);
    const invite = await db.invite.findFirstOrThrow({ where: { userId: user.id, purpose: "reset" } });
    expect(invite.expiresAt.getTime() - invite.createdAt.getTime()).toBeLessThanOrEqual(24 * 3600_000 + 1000);

    const page = await callRoute(inviteRoute.loader, { request: await requestAs(null, `/invite/${token}`), params: { token } });
    expect(page.data).toMatchObject({ purpose: "reset", email: user.email });
    const done = await callRoute(inviteRoute.action, {
      request: await requestAs(null, `/invite/${token}`, {
        method: "POST",
        form: { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      }),
      params: { token },
    });
    expect(done.status).toBe(302);
    expect(await getUser(oldSession)).toBeNull();
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1); // only the new one
    expect((await signIn(user.email, TEST_PASSWORD, anon(), noWait)).ok).toBe(false);
    expect((await signIn(user.email, NEW_PASSWORD, anon(), noWait)).ok).toBe(true);
    expect(await inspectLink(token)).toEqual({ ok: false, reason: "used" });

    const issuedEvent = (await events({ action: "password_reset_issued", entityId: String(user.id) })).at(-1)!;
    expect(issuedEvent).toMatchObject({ userId: admin.id, entity: "User" });
    expect(issuedEvent.summary).not.toContain(token);
    expect((await events({ action: "password_reset", entityId: String(user.id) })).at(-1)).toMatchObject({ userId: user.id });
  });

  it("is not issued for a deactivated account", async () => {
    const admin = await makeUser("administrator", null);
    const user = await makeUser("analyst", null, { active: false });
    const res = await callRoute(userRoute.action, {
      request: await requestAs(admin, `/admin/users/${user.id}`, { method: "POST", form: { intent: "reset" } }),
      params: { id: String(user.id) },
    });
    expect(res.status).toBe(400);
    expect(res.data).toMatchObject({ errors: { _form: [expect.stringMatching(/deactivated/)] } });
  });
});

describe("changing accounts", () => {
  it("deactivation ends every session at once and stops sign-in; reactivation restores it; both audited", async () => {
    const org = await makeOrganisation();
    const admin = await makeUser("administrator", null);
    const user = await makeUser("hr", org.id);
    const s1 = await requestAs(user, "/");
    const s2 = await requestAs(user, "/");
    expect(await db.session.count({ where: { userId: user.id } })).toBe(2);

    const res = await callRoute(userRoute.action, {
      request: await requestAs(admin, `/admin/users/${user.id}`, {
        method: "POST",
        form: { intent: "deactivate", _version: String(user.version) },
      }),
      params: { id: String(user.id) },
    });
    expect(res.status).toBe(302);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await getUser(s1)).toBeNull();
    expect(await getUser(s2)).toBeNull();
    expect((await signIn(user.email, TEST_PASSWORD, anon(), noWait)).ok).toBe(false);
    const deactivated = (await events({ action: "deactivate", entityId: String(user.id) })).at(-1)!;
    expect(JSON.parse(deactivated.changes)).toEqual({ active: { before: true, after: false } });
    expect(deactivated.organisationId).toBe(org.id);

    // A stale version is refused.
    const stale = await callRoute(userRoute.action, {
      request: await requestAs(admin, `/admin/users/${user.id}`, {
        method: "POST",
        form: { intent: "reactivate", _version: String(user.version) },
      }),
      params: { id: String(user.id) },
    });
    expect(stale.status).toBe(409);
    const back = await callRoute(userRoute.action, {
      request: await requestAs(admin, `/admin/users/${user.id}`, {
        method: "POST",
        form: { intent: "reactivate", _version: String(user.version + 1) },
      }),
      params: { id: String(user.id) },
    });
    expect(back.status).toBe(302);
    expect((await signIn(user.email, TEST_PASSWORD, anon(), noWait)).ok).toBe(true);
    expect(JSON.parse((await events({ action: "reactivate", entityId: String(user.id) })).at(-1)!.changes)).toEqual({
      active: { before: false, after: true },
    });
  });

  it("a role change is audited as role_change with before and after, and refused on a stale version", async () => {
    const org = await makeOrganisation();
    const admin = await makeUser("administrator", null);
    const user = await makeUser("board_member", org.id);
    const post = async (form: Record<string, string>) =>
      callRoute(userRoute.action, {
        request: await requestAs(admin, `/admin/users/${user.id}`, { method: "POST", form: { intent: "access", ...form } }),
        params: { id: String(user.id) },
      });

    const invalidCombo = await post({ role: "analyst", organisationId: String(org.id), _version: "1" });
    expect(invalidCombo.status).toBe(400);
    expect(invalidCombo.data).toMatchObject({ errors: { organisationId: [expect.any(String)] }, values: { role: "analyst" } });

    expect((await post({ role: "analyst", organisationId: "", _version: "1" })).status).toBe(302);
    const updated = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(updated).toMatchObject({ role: "analyst", organisationId: null, version: 2 });
    const event = (await events({ action: "role_change", entityId: String(user.id) })).at(-1)!;
    expect(event.userId).toBe(admin.id);
    expect(JSON.parse(event.changes)).toEqual({
      role: { before: "board_member", after: "analyst" },
      organisationId: { before: org.id, after: null },
    });

    const stale = await post({ role: "medical_director", organisationId: String(org.id), _version: "1" });
    expect(stale.status).toBe(409);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("analyst");
  });

  it("an administrator cannot lock themselves out, nor remove the last administrator", async () => {
    await db.user.updateMany({ where: { role: "administrator" }, data: { active: false } });
    const admin = await makeUser("administrator", null);
    await expect(setUserActive(actorFor(admin), admin.id, admin.version, false)).rejects.toBeInstanceOf(UserRuleError);
    const self = await callRoute(userRoute.action, {
      request: await requestAs(admin, `/admin/users/${admin.id}`, {
        method: "POST",
        form: { intent: "access", role: "analyst", organisationId: "", _version: "1" },
      }),
      params: { id: String(admin.id) },
    });
    expect(self.status).toBe(400);
    const other = await makeUser("administrator", null);
    // `other` may not demote the last other active administrator... there are two now, so this works:
    const demote = await callRoute(userRoute.action, {
      request: await requestAs(other, `/admin/users/${admin.id}`, {
        method: "POST",
        form: { intent: "access", role: "analyst", organisationId: "", _version: "1" },
      }),
      params: { id: String(admin.id) },
    });
    expect(demote.status).toBe(302);
    // ...but now `other` is the last administrator and cannot be deactivated by anyone.
    await expect(setUserActive(actorFor(admin), other.id, other.version, false)).rejects.toThrow(/last active administrator/);
  });
});

describe("signing in and out", () => {
  it("signing in starts a new session (a fresh token); signing out ends it on the server", async () => {
    const user = await makeUser("medical_director", null);
    const signInAt = async () => {
      const res = await callRoute(signInRoute.action, {
        request: await requestAs(null, "/sign-in", {
          method: "POST",
          form: { email: user.email, password: TEST_PASSWORD, redirectTo: "/roles" },
          address: freshIp(),
        }),
      });
      expect(res.status).toBe(302);
      expect(res.response!.headers.get("location")).toBe("/roles");
      const setCookie = res.response!.headers.get("set-cookie")!;
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Lax/i);
      return cookieHeader(setCookie);
    };
    const first = await signInAt();
    const second = await signInAt();
    expect(second).not.toBe(first);
    const request = new Request("http://localhost/sign-out", {
      method: "POST",
      headers: { cookie: second, origin: "http://localhost", host: "localhost" },
    });
    const out = await callRoute(signOutRoute.action, { request });
    expect(out.status).toBe(302);
    expect(out.response!.headers.get("set-cookie")).toMatch(/Max-Age=0/i);
    expect(await getUser(new Request("http://localhost/", { headers: { cookie: second } }))).toBeNull();
    expect(await getUser(new Request("http://localhost/", { headers: { cookie: first } }))).not.toBeNull();
    expect((await events({ action: "sign_out", entityId: String(user.id) })).length).toBe(1);
  });

  it("refuses an off-site redirect after sign-in", async () => {
    const user = await makeUser("analyst", null);
    const res = await callRoute(signInRoute.action, {
      request: await requestAs(null, "/sign-in", {
        method: "POST",
        form: { email: user.email, password: TEST_PASSWORD, redirectTo: "//evil.example/x" },
        address: freshIp(),
      }),
    });
    expect(res.response!.headers.get("location")).toBe("/");
  });
});

describe("sign-in lockout", () => {
  it(`locks an account after ${LOCK_AFTER_FAILURES} failures from any addresses, even for the right password`, async () => {
    const user = await makeUser("analyst", null);
    for (let i = 1; i < LOCK_AFTER_FAILURES; i++)
      expect(await signIn(user.email, "wrong password!", anon(), noWait)).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn(user.email.toUpperCase(), "wrong password!", anon(), noWait)).toMatchObject({ ok: false, reason: "locked" });
    expect(await signIn(user.email, TEST_PASSWORD, anon(), noWait)).toMatchObject({ ok: false, reason: "locked", retryAfterMinutes: 15 });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.failedSignIns).toBe(LOCK_AFTER_FAILURES);
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now());

    const failed = await events({ action: "sign_in_failed", entityId: String(user.id) });
    expect(failed).toHaveLength(LOCK_AFTER_FAILURES);
    expect(failed.at(-1)!.summary).toMatch(/now locked/);
    expect((await events({ action: "sign_in_locked" })).filter((e) => e.userEmail === user.email)).toHaveLength(1);

    // The sign-in page says the account is locked (429), without saying whether the password was right.
    const page = await callRoute(signInRoute.action, {
      request: await requestAs(null, "/sign-in", {
        method: "POST",
        form: { email: user.email, password: TEST_PASSWORD },
        address: freshIp(),
      }),
    });
    expect(page.status).toBe(429);
    expect(page.data).toMatchObject({
      errors: { _form: [expect.stringMatching(/This account is locked after too many failed attempts\. Try again in \d+ minutes/)] },
    });

    // An administrator can clear the lock.
    const admin = await makeUser("administrator", null);
    const unlocked = await callRoute(userRoute.action, {
      request: await requestAs(admin, `/admin/users/${user.id}`, { method: "POST", form: { intent: "unlock" } }),
      params: { id: String(user.id) },
    });
    expect(unlocked.status).toBe(302);
    expect((await signIn(user.email, TEST_PASSWORD, anon(), noWait)).ok).toBe(true);
    expect((await events({ action: "unlock", entityId: String(user.id) })).length).toBe(1);
  });

  it(`locks an address after ${ADDRESS_LOCK_AFTER_FAILURES} failures across accounts; other addresses are unaffected`, async () => {
    const ip = freshIp();
    const victims = await Promise.all(Array.from({ length: ADDRESS_LOCK_AFTER_FAILURES }, () => makeUser("board_member", null)));
    for (let i = 0; i < ADDRESS_LOCK_AFTER_FAILURES - 1; i++)
      expect((await signIn(victims[i]!.email, "guess guess guess", anon(ip), noWait)).ok).toBe(false);
    expect(await signIn(victims.at(-1)!.email, "guess guess guess", anon(ip), noWait)).toMatchObject({
      ok: false,
      reason: "locked",
      scope: "address",
    });
    // Each account has had only one failure, but the address is locked, even for a right password.
    const good = await makeUser("analyst", null);
    expect(await signIn(good.email, TEST_PASSWORD, anon(ip), noWait)).toMatchObject({ ok: false, reason: "locked", scope: "address" });
    expect((await signIn(good.email, TEST_PASSWORD, anon(), noWait)).ok).toBe(true);
    const locked = await events({ action: "sign_in_locked" });
    expect(locked.some((e) => e.ipAddress === ip)).toBe(true);
    const failedHere = (await events({ action: "sign_in_failed" })).filter((e) => e.ipAddress === ip);
    expect(failedHere).toHaveLength(ADDRESS_LOCK_AFTER_FAILURES);
  });

  it("an unknown email fails the same way as a wrong password and locks the same way", async () => {
    for (let i = 1; i < LOCK_AFTER_FAILURES; i++)
      expect(await signIn("nobody@example.org", "whatever it is", anon(), noWait)).toEqual({ ok: false, reason: "invalid" });
    expect((await signIn("nobody@example.org", "whatever it is", anon(), noWait)).ok).toBe(false);
    expect(await signIn("nobody@example.org", "whatever it is", anon(), noWait)).toMatchObject({ reason: "locked" });
  });

  it("without a known address, attempts share one 'unknown' count rather than going uncounted", async () => {
    const users = await Promise.all(Array.from({ length: ADDRESS_LOCK_AFTER_FAILURES + 1 }, () => makeUser("hr", null)));
    const nowhere = { userId: null, email: null, ip: null };
    for (const u of users.slice(0, -1)) await signIn(u.email, "wrong password!", nowhere, noWait);
    expect(await signIn(users.at(-1)!.email, TEST_PASSWORD, nowhere, noWait)).toMatchObject({
      ok: false,
      reason: "locked",
      scope: "address",
    });
    await db.signInThrottle.deleteMany({ where: { key: "address:unknown" } });
  });

  it("failures older than the window no longer count", async () => {
    const user = await makeUser("analyst", null);
    for (let i = 1; i < LOCK_AFTER_FAILURES; i++) await signIn(user.email, "wrong password!", anon(), noWait);
    await db.signInThrottle.updateMany({
      where: { key: `account:${user.email}` },
      data: { windowStart: new Date(Date.now() - 16 * 60_000) },
    });
    expect(await signIn(user.email, "wrong password!", anon(), noWait)).toEqual({ ok: false, reason: "invalid" });
    expect((await signIn(user.email, TEST_PASSWORD, anon(), noWait)).ok).toBe(true);
  });
});
