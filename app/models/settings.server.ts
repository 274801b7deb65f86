// Administrator-changeable settings: the small-number threshold (min_n) and the gap-analysis
// defaults. Stored as JSON in the Setting table; every change is audited.
import {
  type GapSettings,
  MIN_N_PRACTICE,
  defaultGapSettings,
  gapSettingsSchema,
  minNConfirmationMessage,
  minNNeedsConfirmation,
} from "~/domain/gap-settings";
import { queueStatusCheck } from "~/models/alerts.server";
import { type Actor, recordAudit } from "~/models/audit.server";
import { whileDataUnchanged } from "~/models/data-memo.server";
import { db } from "~/utils/db.server";

const GAP_KEY = "gap_analysis";

/** The settings in force: stored values over the defaults. */
export async function getGapSettings(): Promise<GapSettings> {
  // Read once per change of the data or settings in each process (every page view asks).
  return { ...(await whileDataUnchanged("gap-settings", "", readGapSettings)) };
}

async function readGapSettings(): Promise<GapSettings> {
  const row = await db.setting.findUnique({ where: { key: GAP_KEY } });
  if (!row) return { ...defaultGapSettings };
  const stored = (JSON.parse(row.value) ?? {}) as Partial<Record<keyof GapSettings, unknown>>;
  const parsed = gapSettingsSchema.safeParse({ ...defaultGapSettings, ...stored });
  if (parsed.success) return parsed.data;
  // Settings that cannot be read fall back to the defaults, but never to a LOWER small-number
  // threshold than the one stored: an administrator's min_n of 20 must not quietly become 11.
  const storedMinN = stored.minN;
  const minN =
    typeof storedMinN === "number" && Number.isInteger(storedMinN) && storedMinN > defaultGapSettings.minN
      ? storedMinN
      : defaultGapSettings.minN;
  return { ...defaultGapSettings, minN };
}

/** The minimum group size for publishing survey results (shared with the gap analysis). */
export async function getMinN(): Promise<number> {
  return (await getGapSettings()).minN;
}

/**
 * Saves the settings, audited. A min_n below NHS practice (11) is refused unless the administrator
 * confirmed it (`confirmedBelowPractice`); the audit event then says so, naming the practice.
 */
export async function updateGapSettings(actor: Actor, next: GapSettings, opts: { confirmedBelowPractice?: boolean } = {}): Promise<void> {
  const valid = gapSettingsSchema.parse(next);
  await db.$transaction(async (tx) => {
    const row = await tx.setting.findUnique({ where: { key: GAP_KEY } });
    const before = row ? { ...defaultGapSettings, ...JSON.parse(row.value) } : { ...defaultGapSettings };
    const lowered = minNNeedsConfirmation(valid.minN, before.minN);
    if (lowered && !opts.confirmedBelowPractice) throw new RangeError(minNConfirmationMessage);
    await tx.setting.upsert({
      where: { key: GAP_KEY },
      create: { key: GAP_KEY, value: JSON.stringify(valid) },
      update: { value: JSON.stringify(valid) },
    });
    await recordAudit(tx, actor, {
      action: "settings_change",
      entity: "Setting",
      entityId: GAP_KEY,
      summary: lowered
        ? `Set the minimum group size to ${valid.minN}, below the NHS practice of ${MIN_N_PRACTICE}, with the administrator's confirmation`
        : "Changed the gap-analysis and suppression settings",
      before,
      after: valid,
    });
    await queueStatusCheck(tx, "Setting", null, "settings change"); // every organisation, after commit
  });
}
