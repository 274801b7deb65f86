// The shapes of the clinician–manager gap analysis: input rows, waves, series and their results.
import type { XmrResult, XmrRule } from "../stats/xmr";
import type { Scale } from "../vocab";

/** Differences within this are floating-point rounding (far below any reported precision). */
export const TOLERANCE = 1e-9;

/**
 * Gaps are kept to this many decimal places (a millionth of a point, far below the two that are
 * reported), so that the chart and the trend read the same gap however the arithmetic reached it:
 * regrouping staff groups or reordering rows moves a gap by floating-point rounding (about 10⁻¹⁵),
 * and on a chart whose points differ by no more than that, rounding alone had decided which side of
 * the centre line a point fell (found by the property tests).
 */
export const GAP_DECIMALS = 6;

/**
 * The method's edition: raised whenever the same data and settings give different results (kept
 * analyses are keyed by it, so none computed by an earlier edition is served after an upgrade).
 * 2: gaps kept to GAP_DECIMALS places.
 */
export const GAP_METHOD_EDITION = 2;

/** A gap rounded to GAP_DECIMALS places, halves away from zero (so −x rounds to −(x rounded)); −0 becomes 0. */
export function roundGap(gap: number): number {
  const scale = 10 ** GAP_DECIMALS;
  return (Math.sign(gap) * Math.round(Math.abs(gap) * scale)) / scale + 0;
}

export type PulseAggregate = {
  odsCode: string;
  survey: string;
  /** YYYY-MM */
  fieldwork: string;
  staffGroup: string;
  measure: string;
  scale: Scale;
  value: number;
  respondents: number;
  sd: number | null;
};

export type FamilyStats = {
  n: number;
  mean: number;
  /** Variance of the mean (V). */
  variance: number;
};

export type WaveResult = {
  fieldwork: string;
  clinician: FamilyStats | null;
  manager: FamilyStats | null;
  usable: boolean;
  reason: string | null;
  gap: number | null;
  gapVariance: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  inWindow: boolean;
  /** Years since the window's first wave, when in the window. */
  t: number | null;
};

export type SpcSignal = XmrRule;

/**
 * The Making Data Count chart of the usable gaps (app/domain/stats/xmr.ts), with the signals at the
 * latest wave that point in the widening direction d. Null below settings.spcMinPoints waves.
 */
export type SpcResult = (XmrResult & { direction: 1 | -1; signals: SpcSignal[] }) | null;

export type GapStatus = "widening" | "watch" | "narrowing" | "stable" | "insufficient_data";

export type SeriesResult = {
  odsCode: string;
  survey: string;
  measure: string;
  scale: Scale;
  /** All waves, chronological. */
  waves: WaveResult[];
  /** k: usable waves in the trend window. */
  wavesUsed: number;
  /** Fieldwork month of the latest usable wave. */
  latestFieldwork: string | null;
  /** Gap at the latest usable wave. */
  latestGap: number | null;
  direction: 1 | -1 | null;
  slopePerYear: number | null;
  intercept: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number | null;
  /** Degrees of freedom of the t test (k − 2); null for k = 2 (normal test) or no trend. */
  df: number | null;
  practical: boolean | null;
  /** Signed slope × window length in years (change in the gap over the window). */
  changeOverWindow: number | null;
  spc: SpcResult;
  status: GapStatus;
  reasons: string[];
};

export type OrganisationResult = {
  odsCode: string;
  status: GapStatus;
  series: SeriesResult[];
  /** Reasons from the most serious series (every series that shares the organisation's status). */
  reasons: string[];
};

export type RolePair = {
  clinicianGroup: string;
  managerGroup: string;
  clinician: FamilyStats;
  manager: FamilyStats;
  gap: number;
  gapVariance: number;
  ciLow: number;
  ciHigh: number;
};

export type TrendFit = {
  slope: number;
  intercept: number;
  se: number;
  /** k − 2 for the weighted fit, null for the two-point (normal) case. */
  df: number | null;
  pValue: number;
  ciLow: number;
  ciHigh: number;
};

export type FlagRecord = {
  ods_code: string;
  survey: string;
  measure: string;
  scale: Scale;
  status: GapStatus;
  waves_used: number;
  latest_fieldwork: string | null;
  latest_gap: number | null;
  slope_per_year: number | null;
  ci_low: number | null;
  ci_high: number | null;
  p_value: number | null;
  spc_signals: string[];
  reasons: string;
};

/** Fallback sd: a fixed number, a map keyed by `fallbackKey(survey, measure)`, or a function. */
export type FallbackSdLookup = number | ReadonlyMap<string, number> | ((survey: string, measure: string) => number);
