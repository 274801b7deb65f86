// A second factor for local passwords: time-based one-time codes (TOTP, RFC 6238: 6 digits, 30-second
// steps, HMAC-SHA1, as every authenticator app uses), through otplib. Administrators who sign in with
// a password can turn it on. A code is accepted once (the last used time step is kept), one step of
// clock drift either way is allowed, and wrong codes count like wrong passwords (sign-in.server.ts).
import { generateSecret, generateURI, verify } from "otplib/functional";
import { type Actor, recordAudit, recordAuditNow } from "~/models/audit.server";
import { db } from "~/utils/db.server";

const ISSUER = "Leadership engagement tracker";
const CODE = /^\d{6}$/;

/** A new secret and the otpauth:// address an authenticator app reads (typed or scanned). */
export function newTotpSecret(email: string): { secret: string; uri: string } {
  const secret = generateSecret();
  return { secret, uri: generateURI({ issuer: ISSUER, label: email, secret }) };
}

/** The time step a code matches (with one step of drift), after `afterStep`; null if it does not. */
async function matchingStep(secret: string, code: string, afterStep: number | null): Promise<number | null> {
  const token = code.replace(/\s/g, "");
  if (!CODE.test(token)) return null;
  const result = await verify({ secret, token, epochTolerance: 30, ...(afterStep != null ? { afterTimeStep: afterStep } : {}) });
  if (!result.valid) return null;
  return "timeStep" in result && typeof result.timeStep === "number" ? result.timeStep : null;
}

export class TotpError extends Error {}

/** Who may set up a second factor: administrators with a local password. */
export function mayUseTotp(user: { role: string; passwordHash: string | null }): boolean {
  return user.role === "administrator" && !!user.passwordHash;
}

/** Turns the second factor on once the user has shown a code from the new secret. */
export async function enableTotp(actor: Actor, userId: number, secret: string, code: string): Promise<void> {
  const step = await matchingStep(secret, code, null);
  if (step === null) throw new TotpError("The code is not right. Enter the 6-digit code your authenticator app shows now");
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { email: true, role: true, passwordHash: true, totpEnabledAt: true },
    });
    if (!mayUseTotp(user)) throw new TotpError("Only administrators who sign in with a password can add a second factor");
    await tx.user.update({ where: { id: userId }, data: { totpSecret: secret, totpEnabledAt: new Date(), totpLastStep: step } });
    await recordAudit(tx, actor, {
      action: "totp_enabled",
      entity: "User",
      entityId: userId,
      summary: `Second factor (authenticator app) turned on for ${user.email}`,
    });
  });
}

/** Turns it off; a current code is needed, so a session left open cannot remove it. */
export async function disableTotp(actor: Actor, userId: number, code: string): Promise<void> {
  if (!(await consumeTotpCode(userId, code)))
    throw new TotpError("The code is not right. Enter the 6-digit code your authenticator app shows now");
  await db.$transaction(async (tx) => {
    const user = await tx.user.update({
      where: { id: userId },
      data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null },
      select: { email: true },
    });
    await recordAudit(tx, actor, {
      action: "totp_disabled",
      entity: "User",
      entityId: userId,
      summary: `Second factor turned off for ${user.email}`,
    });
  });
}

/**
 * Checks a code for the user and uses it up: the stored last step moves forward only if no other
 * request used this step first (one conditional update), so a code works once.
 */
export async function consumeTotpCode(userId: number, code: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpLastStep: true } });
  if (!user?.totpSecret) return false;
  const step = await matchingStep(user.totpSecret, code, user.totpLastStep);
  if (step === null) return false;
  const claimed = await db.user.updateMany({
    where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return claimed.count === 1;
}

/** Records the completed two-step sign-in. */
export async function recordSecondFactorSignIn(actor: Actor, user: { id: number; email: string }): Promise<void> {
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  await recordAuditNow(
    { ...actor, userId: user.id, email: user.email },
    { action: "sign_in", entity: "User", entityId: user.id, summary: `Signed in with a password and an authenticator code: ${user.email}` },
  );
}
