// Checking a password at sign-in, with slowing and locking after repeated failures, counted both
// per account and per network address (so one address cannot try many accounts).
import type { Actor } from "~/models/audit.server";
import { recordAuditNow } from "~/models/audit.server";
import { verifyPassword } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;
/** Failures older than this no longer count. */
export const FAILURE_WINDOW_MINUTES = 15;

export type SignInResult =
  | { ok: true; user: { id: number; email: string } }
  | { ok: false; reason: "invalid" | "locked"; retryAfterMinutes?: number };

const accountKey = (email: string) => `account:${email.toLowerCase()}`;
const addressKey = (ip: string | null) => `address:${ip ?? "unknown"}`;

async function lockedUntil(key: string, now: Date): Promise<Date | null> {
  const t = await db.signInThrottle.findUnique({ where: { key } });
  return t?.lockedUntil && t.lockedUntil > now ? t.lockedUntil : null;
}

async function recordFailure(key: string, now: Date): Promise<number> {
  const t = await db.signInThrottle.findUnique({ where: { key } });
  const windowStale = !t || now.getTime() - t.windowStart.getTime() > FAILURE_WINDOW_MINUTES * 60_000;
  const failures = windowStale ? 1 : t.failures + 1;
  const lock = failures >= LOCK_AFTER_FAILURES ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
  await db.signInThrottle.upsert({
    where: { key },
    create: { key, failures, windowStart: now, lockedUntil: lock },
    update: { failures, windowStart: windowStale ? now : undefined, lockedUntil: lock },
  });
  return failures;
}

/** Extra wait before answering a failed attempt: grows with the failures, up to 2 seconds. */
export function failureDelayMs(failures: number): number {
  return Math.min(2000, Math.max(0, failures - 1) * 400);
}

export async function signIn(email: string, password: string, actor: Actor, sleep = defaultSleep): Promise<SignInResult> {
  const now = new Date();
  const normalised = email.trim().toLowerCase();
  const locks = [await lockedUntil(accountKey(normalised), now), await lockedUntil(addressKey(actor.ip), now)].filter(
    (d): d is Date => d !== null,
  );
  if (locks.length) {
    const until = new Date(Math.max(...locks.map((d) => d.getTime())));
    await recordAuditNow(actor, { action: "sign_in_failed", entity: "User", summary: `Sign-in refused for ${normalised}: locked` });
    return { ok: false, reason: "locked", retryAfterMinutes: Math.ceil((until.getTime() - now.getTime()) / 60_000) };
  }
  const user = await db.user.findUnique({
    where: { email: normalised },
    select: { id: true, email: true, passwordHash: true, active: true },
  });
  const valid = !!user && user.active && !!user.passwordHash && (await verifyPassword(user.passwordHash, password));
  if (!valid) {
    const failures = Math.max(await recordFailure(accountKey(normalised), now), await recordFailure(addressKey(actor.ip), now));
    await recordAuditNow(
      { ...actor, userId: user?.id ?? null, email: normalised },
      { action: "sign_in_failed", entity: "User", entityId: user?.id ?? null, summary: `Failed sign-in for ${normalised} (${failures} in a row)` },
    );
    await sleep(failureDelayMs(failures));
    if (failures >= LOCK_AFTER_FAILURES) return { ok: false, reason: "locked", retryAfterMinutes: LOCK_MINUTES };
    return { ok: false, reason: "invalid" };
  }
  await db.signInThrottle.deleteMany({ where: { key: accountKey(normalised) } });
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: now, failedSignIns: 0 } });
  await recordAuditNow(
    { ...actor, userId: user.id, email: user.email },
    { action: "sign_in", entity: "User", entityId: user.id, summary: `Signed in: ${user.email}` },
  );
  return { ok: true, user: { id: user.id, email: user.email } };
}

function defaultSleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}
