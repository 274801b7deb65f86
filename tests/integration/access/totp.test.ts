// The second factor for administrators' passwords (TOTP, RFC 6238): turning it on, the two-step
// sign-in, a code used once, wrong codes counted and locked like passwords, and who may use it.
import { generate } from "otplib/functional";
import { describe, expect, it } from "vitest";
import * as twoFactorRoute from "~/routes/account.two-factor";
import * as signInRoute from "~/routes/sign-in";
import { LOCK_AFTER_FAILURES } from "~/models/sign-in.server";
import { getUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { TEST_PASSWORD, callRoute, makeUser, requestAs } from "../../support/factories";

let ip = 0;
const address = () => `192.0.2.${100 + ++ip}`;

/** Runs the action and returns its status, data and Set-Cookie (data() keeps headers in its init). */
async function act(request: Request) {
  try {
    const out = (await signInRoute.action({ request, params: {}, context: {} } as never)) as unknown as {
      data: unknown;
      init?: { status?: number; headers?: Record<string, string> };
    };
    return {
      status: out.init?.status ?? 200,
      data: out.data,
      setCookie: out.init?.headers?.["Set-Cookie"] ?? null,
      response: null as Response | null,
    };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, data: null, setCookie: null, response: thrown };
    throw thrown;
  }
}

async function enableFor(admin: { id: number }) {
  const page = await callRoute(twoFactorRoute.loader, { request: await requestAs(admin, "/account/two-factor") });
  const secret = (page.data as { secret: string }).secret;
  const on = await callRoute(twoFactorRoute.action, {
    request: await requestAs(admin, "/account/two-factor", { method: "POST", form: { secret, code: await generate({ secret }) } }),
  });
  expect(on.status).toBe(302);
  return secret;
}

/** A code for the next time step: the current one was used up when the factor was turned on. */
const nextCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

describe("second factor", () => {
  it("is turned on by showing a code, then asked for after the password; a code works once", async () => {
    const admin = await makeUser("administrator", null);
    const secret = await enableFor(admin);
    const row = await db.user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(row.totpEnabledAt).not.toBeNull();
    expect(await db.auditEvent.count({ where: { action: "totp_enabled", entityId: String(admin.id) } })).toBe(1);

    const from = address();
    const step1 = await act(
      await requestAs(null, "/sign-in", {
        method: "POST",
        form: { email: admin.email, password: TEST_PASSWORD, redirectTo: "/admin" },
        address: from,
      }),
    );
    expect(step1.status).toBe(200);
    expect(step1.data).toMatchObject({ step: "code" });
    expect(step1.setCookie).toMatch(/^tracker_2fa=/);
    const pending = step1.setCookie!.split(";")[0]!;
    expect(await db.auditEvent.count({ where: { action: "sign_in", entityId: String(admin.id) } })).toBe(0);

    const wrong = await act(
      await requestAs(null, "/sign-in", {
        method: "POST",
        form: { intent: "code", code: "000000" },
        headers: { cookie: pending },
        address: from,
      }),
    );
    expect(wrong.status).toBe(400);
    const code = await nextCode(secret);
    const step2 = await act(
      await requestAs(null, "/sign-in", { method: "POST", form: { intent: "code", code }, headers: { cookie: pending }, address: from }),
    );
    expect(step2.status).toBe(302);
    expect(step2.response!.headers.get("location")).toBe("/admin");
    const session = step2
      .response!.headers.getSetCookie()
      .find((c) => c.startsWith("tracker_session="))!
      .split(";")[0]!;
    expect(await getUser(new Request("http://localhost/", { headers: { cookie: session } }))).toMatchObject({ id: admin.id });
    expect(await db.auditEvent.count({ where: { action: "sign_in", entityId: String(admin.id) } })).toBe(1);

    // The same code again (a replay) is refused.
    const replay = await act(
      await requestAs(null, "/sign-in", { method: "POST", form: { intent: "code", code }, headers: { cookie: pending }, address: from }),
    );
    expect(replay.status).toBe(400);
  });

  it(`locks the code step after ${LOCK_AFTER_FAILURES} wrong codes, even for a right one`, async () => {
    const admin = await makeUser("administrator", null);
    const secret = await enableFor(admin);
    const from = address();
    const step1 = await act(
      await requestAs(null, "/sign-in", { method: "POST", form: { email: admin.email, password: TEST_PASSWORD }, address: from }),
    );
    const pending = step1.setCookie!.split(";")[0]!;
    for (let i = 0; i < LOCK_AFTER_FAILURES; i++) {
      expect(
        (
          await act(
            await requestAs(null, "/sign-in", {
              method: "POST",
              form: { intent: "code", code: String(100000 + i) },
              headers: { cookie: pending },
              address: from,
            }),
          )
        ).status,
      ).toBe(400);
    }
    const locked = await act(
      await requestAs(null, "/sign-in", {
        method: "POST",
        form: { intent: "code", code: await nextCode(secret) },
        headers: { cookie: pending },
        address: from,
      }),
    );
    expect(locked.status).toBe(429);
  });

  it("the code step needs the password step first", async () => {
    const res = await act(
      await requestAs(null, "/sign-in", { method: "POST", form: { intent: "code", code: "123456" }, address: address() }),
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.data)).toMatch(/took too long/);
  });

  it("is for administrators with a password only, and turning it off needs a current code", async () => {
    const analyst = await makeUser("analyst", null);
    expect((await callRoute(twoFactorRoute.loader, { request: await requestAs(analyst, "/account/two-factor") })).status).toBe(403);
    const admin = await makeUser("administrator", null);
    const secret = await enableFor(admin);
    const bad = await callRoute(twoFactorRoute.action, {
      request: await requestAs(admin, "/account/two-factor", { method: "POST", form: { intent: "disable", code: "000000" } }),
    });
    expect(bad.status).toBe(400);
    const off = await callRoute(twoFactorRoute.action, {
      request: await requestAs(admin, "/account/two-factor", { method: "POST", form: { intent: "disable", code: await nextCode(secret) } }),
    });
    expect(off.status).toBe(302);
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).totpSecret).toBeNull();
  });
});
