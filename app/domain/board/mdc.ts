// Making Data Count on the board, read from the one engine (app/domain/stats/xmr.ts): the icons'
// words (one set, used by the rows, the on-screen key and the PDF), the method sentence that says
// which screening is in force, and the gap's icons turned into width terms (higher = wider gap).
import type { SpcResult } from "../gap";
import type { GapSettings } from "../gap-settings";
import {
  type Assurance,
  type Better,
  type Variation,
  type XmrResult,
  type XmrSettings,
  LIMIT_FACTOR,
  SCREEN_FACTOR,
  assuranceOf,
  variationOf,
  xmr,
} from "../stats/xmr";

export type { Assurance, Variation } from "../stats/xmr";
export { isConcerning } from "../stats/xmr";

/** Short words shown in the rows, the key and the PDF ("high"/"low" is the side of the average). */
export const variationShort: Record<Variation, string> = {
  special_cause_improving_high: "Improving (high)",
  special_cause_improving_low: "Improving (low)",
  special_cause_concerning_high: "Concerning (high)",
  special_cause_concerning_low: "Concerning (low)",
  common_cause: "Common cause",
  not_enough_data: "Not enough data",
};

export const variationLabels: Record<Variation, string> = {
  special_cause_improving_high: "Special cause variation: improving (high)",
  special_cause_improving_low: "Special cause variation: improving (low)",
  special_cause_concerning_high: "Special cause variation: concerning (high)",
  special_cause_concerning_low: "Special cause variation: concerning (low)",
  common_cause: "Common cause variation: no significant change",
  not_enough_data: "Not enough data points to judge variation",
};

export const assuranceShort: Record<Assurance, string> = {
  pass: "Consistently passing",
  fail: "Consistently failing",
  hit_and_miss: "Hit and miss",
  no_target: "No target",
  not_enough_data: "Not enough data",
};

export const assuranceLabels: Record<Assurance, string> = {
  pass: "Assurance: consistently meets the target",
  fail: "Assurance: consistently misses the target",
  hit_and_miss: "Assurance: hit and miss, the target may or may not be met",
  no_target: "No target set",
  not_enough_data: "Not enough data points to judge assurance",
};

/** The engine's settings from the administrator's settings. */
export function xmrSettingsOf(s: GapSettings): XmrSettings {
  return { spcMinPoints: s.spcMinPoints, spcRunLength: s.spcRunLength, spcScreenMovingRanges: s.spcScreenMovingRanges };
}

/** Which screening is in force, in words, for every page that shows a judgement. */
export function screeningText(s: Pick<XmrSettings, "spcScreenMovingRanges">): string {
  return s.spcScreenMovingRanges
    ? `Moving ranges of ${SCREEN_FACTOR} × their average or more are left out of the limits (screening on, as NHSRplotthedots)`
    : "Every moving range is used for the limits (screening off, as NHS England's Excel tool)";
}

/** The method sentence: limits, screening, the fewest points and the run length. */
export function mdcMethodText(s: XmrSettings): string {
  return `Limits: mean ± ${LIMIT_FACTOR} × the average moving range. ${screeningText(s)}. Judged from ${s.spcMinPoints} points; runs and trends of ${s.spcRunLength}.`;
}

/** A measure's icons: the engine's result on its known values (periods without data left out). */
export function measureIcons(
  values: readonly number[],
  target: number | null,
  better: Better,
  settings: XmrSettings,
): { spc: XmrResult | null; variation: Variation; assurance: Assurance } {
  const spc = xmr(values, settings);
  return { spc, variation: variationOf(spc, better), assurance: assuranceOf(spc, target, better) };
}

const FLIP: Partial<Record<Variation, Variation>> = {
  special_cause_improving_high: "special_cause_improving_low",
  special_cause_improving_low: "special_cause_improving_high",
  special_cause_concerning_high: "special_cause_concerning_low",
  special_cause_concerning_low: "special_cause_concerning_high",
};

/**
 * The gap's icons from the gap analysis' own chart (gap space, widening = direction d), in width
 * terms: a wider gap is "high" and worse, so the board reads the same judgement as the trends page.
 */
export function gapIcons(spc: SpcResult, direction: 1 | -1, targetWidth: number): { variation: Variation; assurance: Assurance } {
  const better: Better = direction > 0 ? "lower" : "higher";
  const v = variationOf(spc, better);
  return {
    variation: direction > 0 ? v : (FLIP[v] ?? v),
    assurance: assuranceOf(spc, direction * targetWidth, better),
  };
}
