// Step 7 of the gap method: the Making Data Count chart of the usable gaps, read from the one engine
// (app/domain/stats/xmr.ts). The gap is judged only in the widening direction d: the signals are the
// rules flagging the latest wave on the side that means "wider" (a deliberate difference from
// NHSRplotthedots, which also reports improvement; stated on /methodology).
import { type XmrSettings, xmr, xmrRules } from "../stats/xmr";
import type { SpcResult } from "./types";

/** The control chart of the gaps (oldest first) with the widening signals at the latest point. */
export function spcAnalysis(gaps: readonly number[], direction: 1 | -1, settings: XmrSettings): SpcResult {
  const result = xmr(gaps, settings);
  if (!result) return null;
  const latest = result.points[result.n - 1];
  const signals = latest.side === direction ? xmrRules.filter((rule) => latest.ruleSides[rule] === direction) : [];
  return { ...result, direction, signals };
}
