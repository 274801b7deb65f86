// Checking a password at sign-in, with slowing and locking after repeated failures, counted both
// per account and per network address (so one address cannot try many accounts).
//
// - Per account: LOCK_AFTER_FAILURES failed attempts within FAILURE_WINDOW_MINUTES lock the account
//   for LOCK_MINUTES, whatever address they come from. A successful sign-in or a password reset
//   clears the count; an administrator can also unlock the account (app/models/user.server.ts).
// - Per address: the same limit on failures from one address, across all accounts. The address is
//   the first X-Forwarded-For hop (see clientAddress): when the app runs without a proxy there is no
//   address, and the per-address count is skipped rather than shared by everybody.
//   Note for operators: many NHS staff share one NAT address; if this locks out a site, raise
//   ADDRESS_LOCK_AFTER_FAILURES rather than removing the per-account rule.
// - While locked, even the right password is refused, and the page says the account is locked.
// - An unknown email costs the same password check as a known one, so timing does not reveal
//   which email addresses have accounts.
import type { Actor } from "~/models/audit.server";
import { recordAuditNow } from "~/models/audit.server";
import { hashPassword, verifyPassword } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

export const LOCK_AFTER_FAILURES = 5;
/** Failures from one address (across accounts) before that address is locked. */
export const ADDRESS_LOCK_AFTER_FAILURES = LOCK_AFTER_FAILURES;
export const LOCK_MINUTES = 15;
/** Failures older than this no longer count. */
export const FAILURE_WINDOW_MINUTES = 15;

export type SignInResult =
  | { ok: true; user: { id: number; email: string } }
  | { ok: false; reason: "invalid" | "locked"; retryAfterMinutes?: number };

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const addressKey = (ip: string) => `address:${ip}`;

async function lockedUntil(key: string, now: Date): Promise<Date | null> {
  const t = await db.signInThrottle.findUnique({ where: { key } });
  return t?.lockedUntil && t.lockedUntil > now ? t.lockedUntil : null;
}

/** Counts one failure against a key (read and write in one transaction) and returns the count. */
async function recordFailure(key: string, limit: number, now: Date): Promise<{ failures: number; lockedUntil: Date | null }> {
  return db.$transaction(async (tx) => {
    const t = await tx.signInThrottle.findUnique({ where: { key } });
    const windowStale = !t || now.getTime() - t.windowStart.getTime() > FAILURE_WINDOW_MINUTES * 60_000;
    const failures = windowStale ? 1 : t.failures + 1;
    const lock = failures >= limit ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
    await tx.signInThrottle.upsert({
      where: { key },
      create: { key, failures, windowStart: now, lockedUntil: lock },
      update: { failures, windowStart: windowStale ? now : undefined, lockedUntil: lock },
    });
    return { failures, lockedUntil: lock };
  });
}

/** Extra wait before answering a failed attempt: grows with the failures, up to 2 seconds. */
export function failureDelayMs(failures: number): number {
  return Math.min(2000, Math.max(0, failures - 1) * 400);
}

// A real Argon2 hash of a random string, checked when the email is unknown (equal timing).
let dummyHash: Promise<string> | null = null;
function timingDummy(): Promise<string> {
  dummyHash ??= hashPassword(`no-such-user-${Math.random()}-${Date.now()}`);
  return dummyHash;
}

export async function signIn(email: string, password: string, actor: Actor, sleep = defaultSleep): Promise<SignInResult> {
  const now = new Date();
  const normalised = email.trim().toLowerCase();
  const keys = [accountKey(normalised), ...(actor.ip ? [addressKey(actor.ip)] : [])];
  const locks = (await Promise.all(keys.map((k) => lockedUntil(k, now)))).filter((d): d is Date => d !== null);
  if (locks.length) {
    const until = new Date(Math.max(...locks.map((d) => d.getTime())));
    await recordAuditNow(
      { ...actor, email: actor.email ?? normalised },
      { action: "sign_in_locked", entity: "User", summary: `Sign-in refused for ${normalised}: locked after repeated failures` },
    );
    return { ok: false, reason: "locked", retryAfterMinutes: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000)) };
  }
  const user = await db.user.findUnique({
    where: { email: normalised },
    select: { id: true, email: true, passwordHash: true, active: true },
  });
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await timingDummy()), password);
  const valid = !!user && user.active && !!user.passwordHash && passwordOk;
  if (!valid) {
    const account = await recordFailure(accountKey(normalised), LOCK_AFTER_FAILURES, now);
    const address = actor.ip ? await recordFailure(addressKey(actor.ip), ADDRESS_LOCK_AFTER_FAILURES, now) : null;
    if (user) {
      // Mirrored on the user so administrators can see (and clear) the lock.
      await db.user.update({ where: { id: user.id }, data: { failedSignIns: account.failures, lockedUntil: account.lockedUntil } });
    }
    const failures = Math.max(account.failures, address?.failures ?? 0);
    const locked = account.lockedUntil !== null || (address?.lockedUntil ?? null) !== null;
    await recordAuditNow(
      { ...actor, userId: user?.id ?? null, email: normalised },
      {
        action: "sign_in_failed",
        entity: "User",
        entityId: user?.id ?? null,
        summary: `Failed sign-in for ${normalised} (${account.failures} for this account${address ? `, ${address.failures} from this address` : ""})${locked ? ": now locked" : ""}`,
      },
    );
    await sleep(failureDelayMs(failures));
    if (locked) return { ok: false, reason: "locked", retryAfterMinutes: LOCK_MINUTES };
    return { ok: false, reason: "invalid" };
  }
  await db.signInThrottle.deleteMany({ where: { key: accountKey(normalised) } });
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: now, failedSignIns: 0, lockedUntil: null } });
  await recordAuditNow(
    { ...actor, userId: user.id, email: user.email },
    { action: "sign_in", entity: "User", entityId: user.id, summary: `Signed in: ${user.email}` },
  );
  return { ok: true, user: { id: user.id, email: user.email } };
}

/** Clears the per-account failure count and lock (after a password reset or by an administrator). */
export async function clearAccountThrottle(email: string): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: accountKey(email) } });
}

function defaultSleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}
