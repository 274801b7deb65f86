// Small-number suppression for survey results. A result for a staff group with fewer than min_n
// respondents is withheld (primary suppression). Because the family totals (all clinicians, all
// managers) are published by the gap analysis, a family with exactly one withheld part would let
// anyone recover it by subtraction (N − Σ others, and N·M − Σ n·x), so the next smallest part of that
// family is withheld too (complementary suppression). Pure: used by the data layer for every output.
//
// A "family" here is exactly what the gap analysis pools and publishes: one organisation, survey,
// fieldwork month, measure AND scale (a 0–10 score and a percent positive are never pooled), so the
// complement is always chosen among the parts of the total that could be subtracted from. A withheld
// part with no respondents adds nothing to that total, so it does not count as a second withheld part.
import { familyOf } from "./vocab";

export type SuppressibleRow = {
  organisationId: number;
  survey: string;
  fieldwork: string;
  measure: string;
  staffGroup: string;
  respondents: number;
  /** score_0_10 or percent_positive: families on different scales are separate totals. */
  scale?: string;
};

export type SuppressionReason = "small_group" | "complementary";

/** Why each row is withheld (absent when the row may be published). */
export function suppressionReasons<T extends SuppressibleRow>(rows: readonly T[], minN: number): Map<T, SuppressionReason> {
  const reasons = new Map<T, SuppressionReason>();
  const cells = new Map<string, T[]>();
  for (const row of rows) {
    const key = [row.organisationId, row.survey, row.fieldwork, row.measure, row.scale ?? "", familyOf(row.staffGroup) ?? "none"].join("|");
    const list = cells.get(key);
    if (list) list.push(row);
    else cells.set(key, [row]);
  }
  for (const parts of cells.values()) {
    for (const part of parts) if (part.respondents < minN) reasons.set(part, "small_group");
    // Only withheld parts that have respondents hide anything: a part with 0 respondents is withheld
    // but adds nothing to the family total, so it cannot stand in for the complement.
    const hiding = parts.filter((p) => reasons.has(p) && p.respondents > 0).length;
    const total = parts.reduce((s, p) => s + Math.max(0, p.respondents), 0);
    // The family total is published only when it reaches min_n; then one withheld part is exposed.
    if (hiding === 1 && parts.length > 1 && total >= minN) {
      const next = parts
        .filter((p) => !reasons.has(p))
        .sort((a, b) => a.respondents - b.respondents || a.staffGroup.localeCompare(b.staffGroup))[0];
      if (next) reasons.set(next, "complementary");
    }
  }
  return reasons;
}

export type Suppressed<T> = T & { suppressed: SuppressionReason | null };

/** The rows with value, respondents and sd blanked where withheld. */
export function suppressRows<T extends SuppressibleRow & { value: number | null; sd?: number | null }>(
  rows: readonly T[],
  minN: number,
): Array<
  Omit<T, "value" | "respondents" | "sd"> & {
    value: number | null;
    respondents: number | null;
    sd: number | null;
    suppressed: SuppressionReason | null;
  }
> {
  const reasons = suppressionReasons(rows, minN);
  return rows.map((row) => {
    const reason = reasons.get(row) ?? null;
    return reason
      ? { ...row, value: null, respondents: null, sd: null, suppressed: reason }
      : { ...row, sd: row.sd ?? null, suppressed: null };
  });
}

/** What a value withheld to protect another group says: it is not itself below min_n. */
export const WITHHELD_COMPLEMENT = "withheld so that a smaller group cannot be worked out";

/**
 * How a withheld value is shown in pages, exports and PDFs: a group below min_n says so; a group
 * withheld as the complement (or by the publication ledger, app/domain/publication.ts) must not
 * claim to be small, so it says why it is withheld instead.
 */
export function suppressedLabel(minN: number, reason: string | null = "small_group"): string {
  return reason === "small_group" ? `suppressed (fewer than ${minN})` : WITHHELD_COMPLEMENT;
}
