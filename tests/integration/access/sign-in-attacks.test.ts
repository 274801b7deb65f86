// The holes found by trying the sign-in as an attacker would (issue 14), each now failing safely:
// open redirects, forged client addresses, lock bypass by bursts, unbounded throttle and audit rows.
import { spawn } from "node:child_process";
import { describe, expect, it, vi } from "vitest";
import * as signInRoute from "~/routes/sign-in";
import {
  ADDRESS_LOCK_AFTER_FAILURES,
  FAILURE_AUDIT_PER_MINUTE,
  FAILURE_WINDOW_MINUTES,
  LOCK_AFTER_FAILURES,
  failureDelayMs,
  releaseAccountSlots,
  signIn,
} from "~/models/sign-in.server";
import type { Actor } from "~/models/audit.server";
import type * as SignInModule from "~/models/sign-in.server";
import { clientAddress, rememberSocketAddress } from "~/utils/client-address.server";
import { db } from "~/utils/db.server";
import { TEST_PASSWORD, callRoute, makeUser, requestAs } from "../../support/factories";

const noWait = vi.hoisted(() => async () => {});
// The sign-in page's own attempts here skip the growing wait before a failure is answered (up to 2 s
// each: 14 s for the rotating X-Forwarded-For test alone): these tests check what is counted, refused and
// recorded, which the wait does not change (its length is checked on its own, below).
vi.mock("~/models/sign-in.server", async (importOriginal) => {
  const actual = await importOriginal<typeof SignInModule>();
  return {
    ...actual,
    signIn: (...[email, password, actor, sleep]: Parameters<typeof actual.signIn>) =>
      actual.signIn(email, password, actor, sleep ?? noWait),
  };
});
let seq = 0;
const freshIp = () => `192.0.2.${++seq}`;
const anon = (ip: string | null): Actor => ({ userId: null, email: null, ip });

const OPEN_REDIRECTS = [
  "/\\evil.example",
  "/\\/evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "//evil.example",
  "///evil.example",
  "/%5Cevil.example",
  "/%5cevil.example",
  "/%2F/evil.example",
  "/%2f%2fevil.example",
  "/%09/evil.example",
  "/%255Cevil.example",
  "https://evil.example/",
  "javascript:alert(1)",
  " /x",
  "\\\\evil.example",
  "/.//evil.example",
  "/x/..//evil.example",
];

describe("open redirect after sign-in", () => {
  it("a signed-in user following /sign-in?redirectTo=<attack> is sent to / for every near-path", async () => {
    const user = await makeUser("analyst", null);
    for (const attack of OPEN_REDIRECTS) {
      const res = await callRoute(signInRoute.loader, {
        request: await requestAs(user, `/sign-in?redirectTo=${encodeURIComponent(attack)}`),
      });
      expect(res.status, attack).toBe(302);
      expect(res.response!.headers.get("location"), attack).toBe("/");
    }
  });

  it("the sign-in form refuses them too, and keeps a real path with its query", async () => {
    const user = await makeUser("analyst", null);
    const post = async (redirectTo: string) =>
      callRoute(signInRoute.action, {
        request: await requestAs(null, "/sign-in", {
          method: "POST",
          form: { email: user.email, password: TEST_PASSWORD, redirectTo },
          address: freshIp(),
        }),
      });
    for (const attack of ["/\\evil.example", "/\t/evil.example", "/%5Cevil.example"]) {
      expect((await post(attack)).response!.headers.get("location"), attack).toBe("/");
    }
    expect((await post("/roles?q=chief%20officer&page=2")).response!.headers.get("location")).toBe("/roles?q=chief%20officer&page=2");
    // The page's hidden field never carries the attack either.
    const page = await callRoute(signInRoute.loader, {
      request: await requestAs(null, `/sign-in?redirectTo=${encodeURIComponent("/\\evil.example")}`),
    });
    expect(page.data).toMatchObject({ redirectTo: "/" });
  });
});

describe("client address", () => {
  const withPeer = (peer: string, headers: Record<string, string> = {}) => {
    const request = new Request("http://localhost/sign-in", { headers });
    rememberSocketAddress(request, peer);
    return request;
  };

  it("ignores X-Forwarded-For unless TRUST_PROXY names how many proxies to trust", () => {
    const request = withPeer("10.0.0.5", { "x-forwarded-for": "203.0.113.9, 198.51.100.7" });
    expect(clientAddress(request, 0)).toBe("10.0.0.5");
    expect(clientAddress(request, 1)).toBe("198.51.100.7");
    expect(clientAddress(request, 2)).toBe("203.0.113.9");
    // More trusted hops than the chain has: the furthest one.
    expect(clientAddress(request, 5)).toBe("203.0.113.9");
  });

  it("never returns a value that is not an IP address (nothing forged reaches the audit trail)", () => {
    expect(clientAddress(withPeer("10.0.0.5", { "x-forwarded-for": '=HYPERLINK("http://evil.example","x")' }), 1)).toBeNull();
    expect(clientAddress(withPeer("::ffff:10.0.0.5"), 0)).toBe("10.0.0.5");
    expect(
      clientAddress(new Request("http://localhost/", { headers: { "x-real-ip": "1.2.3.4", "x-forwarded-for": "1.2.3.4" } }), 0),
    ).toBeNull();
  });

  it("rotating X-Forwarded-For neither gives a fresh count nor writes the forged value into the audit trail", async () => {
    const peer = freshIp();
    const victims = await Promise.all(Array.from({ length: ADDRESS_LOCK_AFTER_FAILURES + 2 }, () => makeUser("board_member", null)));
    const statuses: number[] = [];
    for (const [i, victim] of victims.entries()) {
      const forged = i % 2 ? `203.0.113.${i}` : `=HYPERLINK("http://evil.example/${i}")`;
      const res = await callRoute(signInRoute.action, {
        request: await requestAs(null, "/sign-in", {
          method: "POST",
          form: { email: victim.email, password: "not the password" },
          address: peer,
          headers: { "x-forwarded-for": forged },
        }),
      });
      statuses.push(res.status);
    }
    // The address is refused after ADDRESS_LOCK_AFTER_FAILURES, whatever the header said.
    expect(statuses.slice(0, ADDRESS_LOCK_AFTER_FAILURES - 1).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(ADDRESS_LOCK_AFTER_FAILURES - 1).every((s) => s === 429)).toBe(true);
    const recorded = await db.auditEvent.findMany({
      where: { action: { in: ["sign_in_failed", "sign_in_locked"] }, userEmail: { in: victims.map((v) => v.email) } },
    });
    expect(recorded.length).toBeGreaterThan(0);
    expect(new Set(recorded.map((e) => e.ipAddress))).toEqual(new Set([peer]));
    const all = await db.auditEvent.findMany({ select: { ipAddress: true } });
    expect(all.some((e) => /HYPERLINK|203\.0\.113/.test(e.ipAddress ?? ""))).toBe(false);
  });
});

/** Waits (up to 10 s) until the check holds. */
async function until(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not reached within 10 s");
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("the wait before a failure is answered", () => {
  it("grows by 0.4 s a failure after the first, to at most 2 s", () => {
    expect([1, 2, 3, 5, 6, 7, 50].map(failureDelayMs)).toEqual([0, 400, 800, 1600, 2000, 2000, 2000]);
  });
});

describe("lock and count in one step, before the password hash", () => {
  it("a burst of simultaneous wrong passwords cannot get a right one through, and at most the limit is counted", async () => {
    const user = await makeUser("analyst", null);
    const wrong = Array.from({ length: 19 }, (_, i) => signIn(user.email, `wrong password ${i}`, anon(freshIp()), noWait));
    // The right password is sent once the wrong ones have taken every slot (their password checks are
    // still running): sent in the same tick, several database connections could count it first.
    await until(async () => {
      const row = await db.signInThrottle.findUnique({ where: { key: `account:${user.email}` } });
      return (row?.failures ?? 0) >= LOCK_AFTER_FAILURES;
    });
    const results = await Promise.all([...wrong, signIn(user.email, TEST_PASSWORD, anon(freshIp()), noWait)]);
    expect(results.at(-1)).toMatchObject({ ok: false, reason: "locked", scope: "account" });
    expect(results.filter((r) => r.ok)).toHaveLength(0);
    const failed = await db.auditEvent.count({ where: { action: "sign_in_failed", entityId: String(user.id) } });
    expect(failed).toBe(LOCK_AFTER_FAILURES);
    // The refusals while locked are recorded once, not once each.
    expect(await db.auditEvent.count({ where: { action: "sign_in_locked", userEmail: user.email } })).toBe(1);
    const throttle = await db.signInThrottle.findUniqueOrThrow({ where: { key: `account:${user.email}` } });
    expect(throttle.failures).toBe(LOCK_AFTER_FAILURES);
    expect(throttle.refused).toBe(20 - LOCK_AFTER_FAILURES);
  });

  it("several server processes bursting at once cannot count past the limit, and a right password among them lifts no lock they set", async () => {
    // Two accounts, attacked at once by three processes, 8 attempts each per account: on the first
    // every password is wrong; on the second, one process's last attempt is the right password.
    const [wrongOnly, withRight] = [await makeUser("analyst", null), await makeUser("analyst", null)];
    const procs = [0, 1, 2].map((i) => {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "tests/support/sign-in-burst.ts", wrongOnly.email, "8", "", withRight.email, "8", i === 2 ? TEST_PASSWORD : ""],
        { env: { ...process.env }, stdio: ["pipe", "pipe", "pipe"] },
      );
      let out = "";
      let err = "";
      const ready = new Promise<void>((resolve) => child.stdout.on("data", (c) => (out += String(c)).includes("ready\n") && resolve()));
      child.stderr.on("data", (c) => (err += String(c)));
      type Got = { ok: number; locked: number; errors: number };
      const done = new Promise<Got[]>((resolve, reject) =>
        child.on("close", (code) =>
          code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!)) : reject(new Error(`burst process exited ${code}: ${err}`)),
        ),
      );
      return { child, ready, done };
    });
    await Promise.all(procs.map((p) => p.ready));
    for (const p of procs) p.child.stdin.end("go\n");
    const results = await Promise.all(procs.map((p) => p.done));
    const sum = (account: number, key: "ok" | "locked" | "errors") => results.reduce((n, r) => n + r[account]![key], 0);
    const failed = (userId: number) => db.auditEvent.count({ where: { action: "sign_in_failed", entityId: String(userId) } });

    // Wrong passwords only: 24 attempts, at most LOCK_AFTER_FAILURES of them checked; every other one
    // refused without its password being checked (or, with the database too busy, failed with an
    // error: never a session).
    expect(sum(0, "ok")).toBe(0);
    expect(await failed(wrongOnly.id)).toBeLessThanOrEqual(LOCK_AFTER_FAILURES);
    expect(sum(0, "locked") + sum(0, "errors")).toBeGreaterThanOrEqual(24 - LOCK_AFTER_FAILURES);

    // With the right password among them: it succeeds at most once, and only from a slot. Its success
    // clears the count as it stood when it took that slot (at most LOCK_AFTER_FAILURES - 1 failures
    // before it), never the attempts counted since; so at most LOCK_AFTER_FAILURES wrong passwords are
    // checked after it, and a lock they set stands (before this, the success deleted the count and a
    // burst beside it got LOCK_AFTER_FAILURES more).
    const okCount = sum(1, "ok");
    expect(okCount).toBeLessThanOrEqual(1);
    expect((await failed(withRight.id)) + okCount).toBeLessThanOrEqual(2 * LOCK_AFTER_FAILURES - 1 + okCount);
    if (okCount === 0) expect(await failed(withRight.id)).toBeLessThanOrEqual(LOCK_AFTER_FAILURES);
    const left = await db.signInThrottle.findUnique({ where: { key: `account:${withRight.email}` } });
    expect(left?.failures ?? 0).toBeLessThanOrEqual(LOCK_AFTER_FAILURES);
  }, 60_000);

  it("a right password's success keeps counting the attempts made since it took its slot, and their lock", async () => {
    // As if the right password took slot 1 and, while its hash was checked, LOCK_AFTER_FAILURES - 1
    // wrong passwords took the rest, the last of them locking the account: the success clears only
    // what stood when it took its slot, so the account stays locked for the attempts that followed.
    const user = await makeUser("analyst", null);
    const key = `account:${user.email}`;
    const lockedUntil = new Date(Date.now() + 15 * 60_000);
    await db.signInThrottle.create({ data: { key, failures: LOCK_AFTER_FAILURES, windowStart: new Date(), lockedUntil } });
    expect(await releaseAccountSlots(key, 1)).toEqual({ failures: LOCK_AFTER_FAILURES - 1, lockedUntil });
    expect(await db.signInThrottle.findUniqueOrThrow({ where: { key } })).toMatchObject({ failures: LOCK_AFTER_FAILURES - 1, lockedUntil });
    expect(await signIn(user.email, TEST_PASSWORD, anon(freshIp()), noWait)).toMatchObject({
      ok: false,
      reason: "locked",
      scope: "account",
    });
    // Nothing counted since its slot: the count is cleared whole.
    await db.signInThrottle.update({ where: { key }, data: { failures: 3, lockedUntil: null } });
    expect(await releaseAccountSlots(key, 3)).toEqual({ failures: 0, lockedUntil: null });
    expect(await db.signInThrottle.findUnique({ where: { key } })).toBeNull();
  });

  it("a right password within the account's slots of a burst is accepted, whatever order the attempts reach the database", async () => {
    // LOCK_AFTER_FAILURES attempts at once, one of them right: every attempt takes a slot before any
    // password is checked, and the attempt that takes the last slot is still checked, so the right
    // password is accepted in any order. (Several connections, as on PostgreSQL, may reorder a burst:
    // the order the attempts were sent in is no promise of the order they are counted in.)
    for (const position of [0, LOCK_AFTER_FAILURES - 1]) {
      const user = await makeUser("analyst", null);
      const attempts = Array.from({ length: LOCK_AFTER_FAILURES }, (_, i) => (i === position ? TEST_PASSWORD : `wrong password ${i}`));
      const results = await Promise.all(attempts.map((password) => signIn(user.email, password, anon(freshIp()), noWait)));
      expect(results[position]).toMatchObject({ ok: true });
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      // Each wrong password was checked and recorded (the one that took the last slot says the account is now locked).
      expect(await db.auditEvent.count({ where: { action: "sign_in_failed", entityId: String(user.id) } })).toBe(LOCK_AFTER_FAILURES - 1);
    }
  });

  it("an address over its failure limit is refused for a cool-down: 429 with Retry-After, even with a right password", async () => {
    const ip = freshIp();
    const others = await Promise.all(Array.from({ length: ADDRESS_LOCK_AFTER_FAILURES }, () => makeUser("hr", null)));
    for (const u of others) await signIn(u.email, "not the password", anon(ip), noWait);
    const good = await makeUser("analyst", null);
    const res = await callRoute(signInRoute.action, {
      request: await requestAs(null, "/sign-in", { method: "POST", form: { email: good.email, password: TEST_PASSWORD }, address: ip }),
    });
    expect(res.status).toBe(429);
    expect(JSON.stringify(res.data)).toMatch(/from your network/);
    // data() keeps the headers in its init: read them back as React Router would send them.
    const init = (await signInRoute.action({
      request: await requestAs(null, "/sign-in", { method: "POST", form: { email: good.email, password: TEST_PASSWORD }, address: ip }),
      params: {},
      context: {},
    } as never)) as unknown as {
      init: { headers: Record<string, string> };
    };
    const retryAfter = Number(init.init.headers["Retry-After"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Another address is unaffected.
    expect((await signIn(good.email, TEST_PASSWORD, anon(freshIp()), noWait)).ok).toBe(true);
  });
});

describe("bounded growth from unauthenticated attempts", () => {
  it("throttle rows expire once their window and lock are over", async () => {
    const old = new Date(Date.now() - (FAILURE_WINDOW_MINUTES + 1) * 60_000);
    await db.signInThrottle.createMany({
      data: Array.from({ length: 50 }, (_, i) => ({ key: `account:old-${i}@example.org`, failures: 1, windowStart: old })),
    });
    await db.signInThrottle.create({
      data: { key: "account:still-locked@example.org", failures: 5, windowStart: old, lockedUntil: new Date(Date.now() + 60_000) },
    });
    await signIn("someone@example.org", "not the password", anon(freshIp()), noWait);
    expect(await db.signInThrottle.count({ where: { key: { startsWith: "account:old-" } } })).toBe(0);
    expect(await db.signInThrottle.count({ where: { key: "account:still-locked@example.org" } })).toBe(1);
  });

  it("a flood from one address adds a bounded number of audit and throttle rows", async () => {
    const ip = freshIp();
    const eventsBefore = await db.auditEvent.count();
    const rowsBefore = await db.signInThrottle.count();
    for (let i = 0; i < 60; i++) await signIn(`random-${i}-${Math.random()}@example.org`, "guess", anon(ip), noWait);
    // Failures until the address is refused, then one record of the refusal.
    expect((await db.auditEvent.count()) - eventsBefore).toBe(ADDRESS_LOCK_AFTER_FAILURES + 1);
    // One row per email tried before the cool-down, plus the address's own row.
    expect((await db.signInThrottle.count()) - rowsBefore).toBeLessThanOrEqual(ADDRESS_LOCK_AFTER_FAILURES + 1);
  });

  it("IPv6 addresses count by their /64, so a fresh address from the same network is no fresh count", async () => {
    const users = await Promise.all(Array.from({ length: ADDRESS_LOCK_AFTER_FAILURES }, () => makeUser("hr", null)));
    for (const [i, u] of users.entries()) await signIn(u.email, "not the password", anon(`2001:db8:14:1::${(i + 1).toString(16)}`), noWait);
    expect(await signIn(users[0]!.email, TEST_PASSWORD, anon("2001:db8:14:1:ffff::1"), noWait)).toMatchObject({
      reason: "locked",
      scope: "address",
    });
    expect((await signIn(users[0]!.email, TEST_PASSWORD, anon("2001:db8:14:2::1"), noWait)).ok).toBe(true);
  });

  it(`failures from many addresses are recorded one by one only up to ${FAILURE_AUDIT_PER_MINUTE} a minute; the rest are counted`, async () => {
    const key = "audit-budget:sign_in_failed";
    await db.signInThrottle.upsert({
      where: { key },
      create: { key, failures: FAILURE_AUDIT_PER_MINUTE, windowStart: new Date() },
      update: { failures: FAILURE_AUDIT_PER_MINUTE, windowStart: new Date(), refused: 0 },
    });
    const before = await db.auditEvent.count({ where: { action: "sign_in_failed" } });
    for (let i = 0; i < 3; i++)
      expect(await signIn(`spray-${i}@example.org`, "guess", anon(freshIp()), noWait)).toEqual({ ok: false, reason: "invalid" });
    expect(await db.auditEvent.count({ where: { action: "sign_in_failed" } })).toBe(before);
    // The next minute, the first failure recorded says how many were only counted.
    await db.signInThrottle.update({ where: { key }, data: { windowStart: new Date(Date.now() - 61_000) } });
    await signIn("spray-next@example.org", "guess", anon(freshIp()), noWait);
    const last = await db.auditEvent.findFirstOrThrow({ where: { action: "sign_in_failed" }, orderBy: { id: "desc" } });
    expect(last.summary).toMatch(/3 further failed sign-ins in the minute before were counted/);
  });
});
