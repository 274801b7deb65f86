// Checking a password at sign-in, with slowing and locking after repeated failures, counted both
// per account and per network address (so one address cannot try many accounts).
//
// - Check and count in one step, before the password hash: each attempt first takes a slot in the
//   account's and the address's failure counts (one write transaction), and only then is the slow
//   password hash computed. So a burst of simultaneous attempts cannot slip past the limit while the
//   hashes run: at most LOCK_AFTER_FAILURES attempts per account are ever checked in a window, and a
//   right password sent during a burst of wrong ones is refused once the slots are used up. A
//   successful attempt clears the count as it stood when it took its slot; attempts counted since
//   (perhaps someone else's burst, running beside it) stay counted, and their lock stands.
// - Per account: LOCK_AFTER_FAILURES failed attempts within FAILURE_WINDOW_MINUTES lock the account
//   for LOCK_MINUTES, whatever address they come from. A successful sign-in or a password reset
//   clears the count; an administrator can also unlock the account (app/models/user.server.ts).
// - Per address: ADDRESS_LOCK_AFTER_FAILURES failures from one address, across all accounts, refuse
//   that address for LOCK_MINUTES (a cool-down, HTTP 429 with Retry-After), even with a right
//   password. The address is the peer's (see app/utils/client-address.server.ts; X-Forwarded-For
//   only with TRUST_PROXY); IPv6 addresses count by their /64. Without a known address (the
//   development server), attempts share one "unknown" count, so failures are never uncounted.
//   Note for operators: many NHS staff share one NAT address; if this locks out a site, set
//   TRUST_PROXY correctly first, then raise ADDRESS_LOCK_AFTER_FAILURES rather than removing it.
// - Bounded growth: throttle rows expire (they are deleted once their window and lock are over),
//   every failure is audited, but of the attempts refused while locked only the first is audited
//   (the rest are counted on the throttle row), so a flood cannot grow the audit trail without limit.
// - An unknown email costs the same password check as a known one, so timing does not reveal
//   which email addresses have accounts.
import { takeWriteLock } from "~/models/write-lock.server";
import type { Actor } from "~/models/audit.server";
import { recordAuditNow } from "~/models/audit.server";
import { getSignInSettings, passwordAllowed } from "~/models/sign-in-settings.server";
import { hashPassword, verifyPassword } from "~/utils/auth.server";
import { addressBucket } from "~/utils/client-address.server";
import { db } from "~/utils/db.server";

export const LOCK_AFTER_FAILURES = 5;
/** Failures from one address (across accounts) before that address is refused for a cool-down. */
export const ADDRESS_LOCK_AFTER_FAILURES = 10;
export const LOCK_MINUTES = 15;
/** Failures older than this no longer count. */
export const FAILURE_WINDOW_MINUTES = 15;

export type SignInResult =
  | { ok: true; user: { id: number; email: string }; secondFactor?: boolean }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "sso_required" }
  | { ok: false; reason: "locked"; scope: "account" | "address"; retryAfterMinutes: number; retryAfterSeconds: number };

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const addressKey = (ip: string | null) => `address:${ip ? addressBucket(ip) : "unknown"}`;

type Slot = { key: string; limit: number; scope: "account" | "address" };
type Reservation =
  | { ok: true; counts: Record<string, { failures: number; lockedUntil: Date | null }> }
  | { ok: false; scope: "account" | "address"; until: Date; firstRefusal: boolean };

/**
 * Takes one failure slot on every key, or refuses when any key is locked or out of slots, in one
 * write transaction (taken at its first statement, so two processes cannot both take the last slot).
 * Expired rows are deleted on the way.
 */
async function reserve(slots: Slot[], now: Date): Promise<Reservation> {
  return db.$transaction(async (tx) => {
    const windowStart = new Date(now.getTime() - FAILURE_WINDOW_MINUTES * 60_000);
    // A write first (one that changes nothing, as in recordAudit): SQLite gives this transaction the
    // write lock now, before it reads any count, so two processes cannot both take the last slot.
    await takeWriteLock(tx);
    await tx.signInThrottle.deleteMany({
      where: {
        windowStart: { lt: windowStart },
        OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }],
        NOT: { key: { startsWith: "audit-budget:" } },
      },
    });
    const rows = await tx.signInThrottle.findMany({ where: { key: { in: slots.map((s) => s.key) } } });
    const byKey = new Map(rows.map((r) => [r.key, r]));
    for (const slot of slots) {
      const row = byKey.get(slot.key);
      if (row?.lockedUntil && row.lockedUntil > now) {
        // updateMany: a concurrent sign-in may have cleared the row meanwhile; the refusal stands either way.
        await tx.signInThrottle.updateMany({ where: { key: slot.key }, data: { refused: { increment: 1 } } });
        return { ok: false, scope: slot.scope, until: row.lockedUntil, firstRefusal: row.refused === 0 };
      }
    }
    const counts: Record<string, { failures: number; lockedUntil: Date | null }> = {};
    for (const slot of slots) {
      const row = byKey.get(slot.key);
      const fresh = !row || row.windowStart < windowStart;
      const failures = fresh ? 1 : row.failures + 1;
      // The attempt that takes the last slot still has its password checked; later ones are refused.
      const lockedUntil = failures >= slot.limit ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
      await tx.signInThrottle.upsert({
        where: { key: slot.key },
        create: { key: slot.key, failures, windowStart: now, lockedUntil },
        update: { failures, windowStart: fresh ? now : undefined, lockedUntil, refused: 0 },
      });
      counts[slot.key] = { failures, lockedUntil };
    }
    return { ok: true, counts };
  });
}

/**
 * A right password clears the account's count as it stood when this attempt took its slot (its own
 * slot and the failures before it), but not the attempts counted since, which may be someone else's
 * burst running beside it: they stay counted, and a lock they set stands. What is left is returned
 * (to mirror on the user).
 */
export async function releaseAccountSlots(key: string, slot: number): Promise<{ failures: number; lockedUntil: Date | null }> {
  return db.$transaction(async (tx) => {
    await takeWriteLock(tx);
    const row = await tx.signInThrottle.findUnique({ where: { key } });
    const since = row ? Math.max(0, row.failures - slot) : 0;
    if (!row || since === 0) {
      await tx.signInThrottle.deleteMany({ where: { key } });
      return { failures: 0, lockedUntil: null };
    }
    await tx.signInThrottle.update({ where: { key }, data: { failures: since } });
    return { failures: since, lockedUntil: row.lockedUntil };
  });
}

/** A right password gives back its address slot (and the lock that slot may have set). */
async function releaseAddressSlot(key: string, limit: number): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.signInThrottle.findUnique({ where: { key } });
    if (!row) return;
    const failures = Math.max(0, row.failures - 1);
    await tx.signInThrottle.update({
      where: { key },
      data: { failures, lockedUntil: failures < limit && row.refused === 0 ? null : undefined },
    });
  });
}

/** Failed sign-ins recorded one by one per minute, across all addresses; beyond it they are counted. */
export const FAILURE_AUDIT_PER_MINUTE = 120;
const AUDIT_BUDGET_KEY = "audit-budget:sign_in_failed";

/**
 * Whether this failure is recorded in the audit trail: at most FAILURE_AUDIT_PER_MINUTE a minute
 * (so attempts from many addresses cannot grow the trail without limit). The rest are counted on a
 * throttle row, and the first recorded failure of the next minute reports how many were skipped.
 */
async function failureAuditBudget(now: Date): Promise<{ record: boolean; skipped: number }> {
  return db.$transaction(async (tx) => {
    await takeWriteLock(tx);
    const row = await tx.signInThrottle.findUnique({ where: { key: AUDIT_BUDGET_KEY } });
    const fresh = !row || now.getTime() - row.windowStart.getTime() >= 60_000;
    if (fresh) {
      const skipped = row?.refused ?? 0;
      await tx.signInThrottle.upsert({
        where: { key: AUDIT_BUDGET_KEY },
        create: { key: AUDIT_BUDGET_KEY, failures: 1, windowStart: now },
        update: { failures: 1, windowStart: now, refused: 0 },
      });
      return { record: true, skipped };
    }
    if (row.failures < FAILURE_AUDIT_PER_MINUTE) {
      await tx.signInThrottle.update({ where: { key: AUDIT_BUDGET_KEY }, data: { failures: { increment: 1 } } });
      return { record: true, skipped: 0 };
    }
    await tx.signInThrottle.update({ where: { key: AUDIT_BUDGET_KEY }, data: { refused: { increment: 1 } } });
    return { record: false, skipped: 0 };
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

const minutesUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));

export async function signIn(email: string, password: string, actor: Actor, sleep = defaultSleep): Promise<SignInResult> {
  const now = new Date();
  const normalised = email.trim().toLowerCase();
  // Single sign-on required: the password is not even checked (so nothing is learnt about it).
  if (!passwordAllowed(await getSignInSettings(), normalised)) return { ok: false, reason: "sso_required" };
  const account: Slot = { key: accountKey(normalised), limit: LOCK_AFTER_FAILURES, scope: "account" };
  const address: Slot = { key: addressKey(actor.ip), limit: ADDRESS_LOCK_AFTER_FAILURES, scope: "address" };
  const reservation = await reserve([address, account], now);
  if (!reservation.ok) {
    if (reservation.firstRefusal) {
      const what =
        reservation.scope === "account" ? `${normalised}: the account is locked` : "this address: too many failed sign-ins from it";
      await recordAuditNow(
        { ...actor, email: actor.email ?? normalised },
        {
          action: "sign_in_locked",
          entity: "User",
          summary: `Sign-in refused for ${what} (further refusals until the lock ends are counted, not recorded)`,
        },
      );
    }
    const seconds = Math.max(1, Math.ceil((reservation.until.getTime() - now.getTime()) / 1000));
    return {
      ok: false,
      reason: "locked",
      scope: reservation.scope,
      retryAfterMinutes: minutesUntil(reservation.until, now),
      retryAfterSeconds: seconds,
    };
  }
  const user = await db.user.findUnique({
    where: { email: normalised },
    select: { id: true, email: true, passwordHash: true, active: true, totpEnabledAt: true },
  });
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await timingDummy()), password);
  const valid = !!user && user.active && !!user.passwordHash && passwordOk;
  const accountCount = reservation.counts[account.key]!;
  const addressCount = reservation.counts[address.key]!;
  if (!valid) {
    if (user) {
      // Mirrored on the user so administrators can see (and clear) the lock.
      await db.user.update({
        where: { id: user.id },
        data: { failedSignIns: accountCount.failures, lockedUntil: accountCount.lockedUntil },
      });
    }
    const lock = accountCount.lockedUntil ? ("account" as const) : addressCount.lockedUntil ? ("address" as const) : null;
    const budget = await failureAuditBudget(now);
    if (budget.record)
      await recordAuditNow(
        { ...actor, userId: user?.id ?? null, email: normalised },
        {
          action: "sign_in_failed",
          entity: "User",
          entityId: user?.id ?? null,
          summary: `Failed sign-in for ${normalised} (${accountCount.failures} for this account, ${addressCount.failures} from this address)${lock ? `: ${lock === "account" ? "account" : "address"} now locked` : ""}${budget.skipped ? `; ${budget.skipped} further failed sign-ins in the minute before were counted, not recorded one by one` : ""}`,
        },
      );
    await sleep(failureDelayMs(Math.max(accountCount.failures, addressCount.failures)));
    if (lock) return { ok: false, reason: "locked", scope: lock, retryAfterMinutes: LOCK_MINUTES, retryAfterSeconds: LOCK_MINUTES * 60 };
    return { ok: false, reason: "invalid" };
  }
  const left = await releaseAccountSlots(account.key, accountCount.failures);
  await releaseAddressSlot(address.key, address.limit);
  const mirror = { failedSignIns: left.failures, lockedUntil: left.lockedUntil };
  if (user.totpEnabledAt) {
    // The password is right; the sign-in completes (and is recorded) when the code is (totp.server.ts).
    await db.user.update({ where: { id: user.id }, data: mirror });
    return { ok: true, user: { id: user.id, email: user.email }, secondFactor: true };
  }
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: now, ...mirror } });
  await recordAuditNow(
    { ...actor, userId: user.id, email: user.email },
    { action: "sign_in", entity: "User", entityId: user.id, summary: `Signed in: ${user.email}` },
  );
  return { ok: true, user: { id: user.id, email: user.email } };
}

/**
 * Counts one authenticator-code attempt for a user before it is checked (the same one-step rule as
 * passwords: LOCK_AFTER_FAILURES wrong codes lock the second step for LOCK_MINUTES). A right code
 * gives the count back with clearSecondFactorAttempts.
 */
export async function takeSecondFactorAttempt(userId: number): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  const now = new Date();
  const r = await reserve([{ key: `second-factor:${userId}`, limit: LOCK_AFTER_FAILURES, scope: "account" }], now);
  if (r.ok) return { ok: true };
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((r.until.getTime() - now.getTime()) / 1000)) };
}

export async function clearSecondFactorAttempts(userId: number): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: `second-factor:${userId}` } });
}

/** Clears the per-account failure count and lock (after a password reset or by an administrator). */
export async function clearAccountThrottle(email: string): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: accountKey(email) } });
}

function defaultSleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}
