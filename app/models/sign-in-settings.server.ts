// How people may sign in: whether single sign-on is required for everyone but one named
// break-glass administrator (who keeps a local password, and ideally a second factor, for when the
// provider is down). Stored as JSON in the Setting table; every change is audited.
import { z } from "zod";
import { type Actor, recordAudit } from "~/models/audit.server";
import { db } from "~/utils/db.server";

const KEY = "sign_in";

export const signInSettingsSchema = z
  .object({
    ssoRequired: z.boolean(),
    breakGlassEmail: z
      .string()
      .trim()
      .toLowerCase()
      .email("Enter the break-glass administrator's email address, like name@nhs.net")
      .nullable(),
  })
  .refine((s) => !s.ssoRequired || s.breakGlassEmail, {
    path: ["breakGlassEmail"],
    message: "Enter the break-glass administrator's email address: someone must be able to sign in if single sign-on fails",
  });

export type SignInSettings = z.infer<typeof signInSettingsSchema>;
export const defaultSignInSettings: SignInSettings = { ssoRequired: false, breakGlassEmail: null };

export async function getSignInSettings(): Promise<SignInSettings> {
  const row = await db.setting.findUnique({ where: { key: KEY } });
  if (!row) return { ...defaultSignInSettings };
  const parsed = signInSettingsSchema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : { ...defaultSignInSettings };
}

/** Whether this email may sign in with a local password under the current settings. */
export function passwordAllowed(settings: SignInSettings, email: string): boolean {
  return !settings.ssoRequired || email.trim().toLowerCase() === settings.breakGlassEmail;
}

export class SignInSettingsError extends Error {}

export async function updateSignInSettings(actor: Actor, next: SignInSettings): Promise<void> {
  const valid = signInSettingsSchema.parse(next);
  await db.$transaction(async (tx) => {
    if (valid.breakGlassEmail) {
      const admin = await tx.user.findUnique({
        where: { email: valid.breakGlassEmail },
        select: { role: true, active: true, passwordHash: true },
      });
      if (!admin || admin.role !== "administrator" || !admin.active || !admin.passwordHash) {
        throw new SignInSettingsError("The break-glass account must be an active administrator with a password");
      }
    }
    const row = await tx.setting.findUnique({ where: { key: KEY } });
    const before = row ? JSON.parse(row.value) : defaultSignInSettings;
    await tx.setting.upsert({
      where: { key: KEY },
      create: { key: KEY, value: JSON.stringify(valid) },
      update: { value: JSON.stringify(valid) },
    });
    await recordAudit(tx, actor, {
      action: "settings_change",
      entity: "Setting",
      entityId: KEY,
      summary: valid.ssoRequired
        ? `Single sign-on required for everyone except ${valid.breakGlassEmail}`
        : "Local passwords allowed alongside single sign-on",
      before,
      after: valid,
    });
  });
}
