// Local ambitions the board's assurance icons are judged against (shown next to each measure); a
// measure without one shows "no target".
import type { MeasureKey } from "../investment";
import type { Scale } from "../vocab";

export type Target = { value: number; text: string };

/** The width of the gap (points on the 0–10 scale, percentage points on the percent scale). */
export const gapTargets: Record<Scale, Target> = {
  score_0_10: { value: 0.5, text: "Gap no wider than 0.5 points" },
  percent_positive: { value: 5, text: "Gap no wider than 5 percentage points" },
};

export const boardTargets: Partial<Record<MeasureKey, Target>> = {
  vacancyRate: { value: 0.1, text: "No more than 10% of posts vacant" },
  turnoverRate: { value: 0.15, text: "No more than 15% of holders leaving in a year" },
  leadersWithTimeShare: { value: 0.9, text: "At least 90% of clinical leaders with leadership time" },
};
