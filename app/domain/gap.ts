// The clinician–manager engagement gap: is the gap between managers and clinicians in an
// organisation widening, narrowing or stable? Pure statistics over aggregate pulse-survey rows.
//
// THE METHOD (as cited in board papers). For each organisation, survey and measure (a *series*;
// different surveys are never mixed) and each fieldwork month (a *wave*):
//  1. Families. Staff groups are pooled into clinicians and managers (`familyOf`; groups with no
//     family are ignored). With groups i having n_i, x_i, s_i: N = Σn_i, M = Σn_i·x_i/N.
//     - score 0–10: S² = (Σ(n_i−1)·s_i² + Σn_i·(x_i−M)²)/(N−1), V = S²/N. A group with no sd uses
//       the fallback sd of its survey and measure: sqrt(Σ(n−1)·s²/Σ(n−1)) over every row of the
//       whole dataset with that survey and measure that has an sd, else settings.fallbackSd.
//     - percent positive: V = P·(100−P)/N with P = M clamped to [0.5, 99.5].
//  2. A wave is usable when both families have N ≥ minN; other waves are kept, with a reason.
//  3. Gap g = M_manager − M_clinician, variance V = V_manager + V_clinician.
//  4. Window: the last K usable waves; t = months since the window's first wave / 12.
//  5. Trend: k < 2 → insufficient data. k = 2: slope and SE from the two points, normal p and
//     b ± 1.96·SE. k ≥ 3: weighted least squares (w = 1/V) with over-dispersion
//     φ = max(1, Σw·r²/(k−2)), SE = sqrt(φ/Sxx), Student t (k−2 df) p and interval.
//  6. Direction d = sign of the latest usable gap (else sign of the slope, else +1). Widening means
//     d·b > 0. Practical: |b|·(t_last − t_first) ≥ δ.
//  7. SPC (Making Data Count) on all usable gaps, when there are ≥ spcMinPoints: centre = mean,
//     MR = mean moving range, limits centre ± 2.66·MR, near-limits centre ± (2/3)·2.66·MR; signals in
//     direction d only, judged at the latest point.
//  8. Status: widening / narrowing (significant at alpha and practical), else watch (widening at
//     watchAlpha and practical, or any SPC signal), else stable.
//
// Numerical guards (judgment calls, documented here and tested):
//  - Zero variance: a wave's gap variance is floored at VARIANCE_FLOOR (1e-9) inside the trend fit
//    only (WaveResult.gapVariance reports the unfloored value). With every V = 0 the weights are
//    equal, so the fit reduces to ordinary least squares with φ = Σr²/(k−2)/ε — i.e. the usual OLS
//    standard error whenever the residuals are not exactly zero.
//  - N = 1 in a family on the score scale: S² is taken as that single respondent's group sd²
//    (its own sd, or the fallback), instead of 0/0.
//  - Rows with respondents ≤ 0 contribute nothing.
//  - Comparisons allow TOLERANCE = 1e-9 for floating-point rounding (far below any reported
//    precision): |change| ≥ δ − 1e-9 is practical; a latest gap within 1e-9 of 0 counts as 0 for the
//    direction; MR ≤ 1e-9 counts as MR = 0; and SPC points must be more than 1e-9 beyond a limit, the
//    centre or the previous point to count (so values equal up to rounding are ties).
//  - Rows of one organisation, survey and measure with different scales are analysed as separate
//    series (a data error upstream, but never pooled across scales).

import { suppressionReasons } from "./suppression";
import { normalTwoSidedP, studentTQuantile, studentTTwoSidedP } from "./distributions";
import { monthsBetween } from "./calendar";
import { formatMonth as formatFieldwork, formatP as pText, plural, unitOf } from "./text";
import { defaultGapSettings, type GapSettings } from "./gap-settings";
import { familyOf, staffGroups, standardMeasures, surveys, type Family, type Scale } from "./vocab";

export type { GapSettings } from "./gap-settings";
export { defaultGapSettings } from "./gap-settings";

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

export type SpcSignal = "outside_limit" | "shift" | "trend" | "two_of_three";

export type SpcResult = {
  points: number;
  centre: number;
  movingRange: number;
  upper: number;
  lower: number;
  nearUpper: number;
  nearLower: number;
  signals: SpcSignal[];
} | null;

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

/** 95% normal multiplier used for wave intervals and the two-wave trend. */
export const Z95 = 1.96;
/** Making Data Count control-limit factor (3 / d2 with d2 = 1.128). */
export const SPC_LIMIT_FACTOR = 2.66;
/** Floor applied to a wave's gap variance inside the trend fit, so that w = 1/V is finite. */
export const VARIANCE_FLOOR = 1e-9;
const TOLERANCE = 1e-9;

export const statusSeverity: Record<GapStatus, number> = {
  widening: 4,
  watch: 3,
  narrowing: 2,
  stable: 1,
  insufficient_data: 0,
};

const STATUS_LABELS: Record<GapStatus, string> = {
  widening: "Widening",
  watch: "Watch",
  narrowing: "Narrowing",
  stable: "Stable",
  insufficient_data: "Insufficient data",
};

export function statusLabel(s: GapStatus): string {
  return STATUS_LABELS[s];
}

// ---------------------------------------------------------------------------------------------
// Ordering helpers: results never depend on the order of the input rows (sums are taken in a
// canonical order, so even floating-point rounding is identical).

function cmp(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareRows(a: PulseAggregate, b: PulseAggregate): number {
  return (
    cmp(a.odsCode, b.odsCode) ||
    cmp(a.survey, b.survey) ||
    cmp(a.measure, b.measure) ||
    cmp(a.scale, b.scale) ||
    cmp(a.fieldwork, b.fieldwork) ||
    cmp(a.staffGroup, b.staffGroup) ||
    cmp(a.value, b.value) ||
    cmp(a.respondents, b.respondents) ||
    cmp(a.sd ?? -1, b.sd ?? -1)
  );
}

function sortedRows(rows: readonly PulseAggregate[]): PulseAggregate[] {
  return [...rows].sort(compareRows);
}

// ---------------------------------------------------------------------------------------------
// Step 1: families

export function fallbackKey(survey: string, measure: string): string {
  return `${survey}|${measure}`;
}

/**
 * Fallback sd per survey and measure (key `survey|measure`): sqrt(Σ(n−1)·s²/Σ(n−1)) over every row
 * with an sd, across all organisations and waves. Every survey|measure present in the rows gets an
 * entry; those with no usable sd get settings.fallbackSd.
 */
export function fallbackSds(
  rows: readonly PulseAggregate[],
  settings: GapSettings = defaultGapSettings,
): Map<string, number> {
  const acc = new Map<string, { num: number; den: number }>();
  for (const r of sortedRows(rows)) {
    const key = fallbackKey(r.survey, r.measure);
    let a = acc.get(key);
    if (!a) {
      a = { num: 0, den: 0 };
      acc.set(key, a);
    }
    if (r.sd !== null && Number.isFinite(r.sd) && r.respondents > 1) {
      a.num += (r.respondents - 1) * r.sd * r.sd;
      a.den += r.respondents - 1;
    }
  }
  const out = new Map<string, number>();
  for (const [key, a] of acc) out.set(key, a.den > 0 ? Math.sqrt(a.num / a.den) : settings.fallbackSd);
  return out;
}

function resolveFallbackSd(lookup: FallbackSdLookup, survey: string, measure: string): number {
  if (typeof lookup === "number") return lookup;
  if (typeof lookup === "function") return lookup(survey, measure);
  return lookup.get(fallbackKey(survey, measure)) ?? defaultGapSettings.fallbackSd;
}

/**
 * Pools the rows of one family (one series, one wave) into N, mean M and V (variance of the mean).
 * Returns null when there are no respondents. A Map lookup without the row's key falls back to
 * defaultGapSettings.fallbackSd; pass the output of `fallbackSds(allRows, settings)` to honour settings.
 */
export function poolFamily(
  rows: readonly PulseAggregate[],
  fallback: FallbackSdLookup,
  scale: Scale,
): FamilyStats | null {
  const groups = sortedRows(rows).filter((r) => r.respondents > 0);
  if (groups.length === 0) return null;
  let n = 0;
  let sum = 0;
  for (const g of groups) {
    n += g.respondents;
    sum += g.respondents * g.value;
  }
  const mean = sum / n;
  if (scale === "percent_positive") {
    const p = Math.min(99.5, Math.max(0.5, mean));
    return { n, mean, variance: (p * (100 - p)) / n };
  }
  const sdOf = (g: PulseAggregate) => g.sd ?? resolveFallbackSd(fallback, g.survey, g.measure);
  let s2: number;
  if (n <= 1) {
    // A single respondent: no spread to pool, so use the group's own (or fallback) sd.
    const sd = sdOf(groups[0]);
    s2 = sd * sd;
  } else {
    let ss = 0;
    for (const g of groups) {
      const sd = sdOf(g);
      const dev = g.value - mean;
      ss += (g.respondents - 1) * sd * sd + g.respondents * dev * dev;
    }
    s2 = ss / (n - 1);
  }
  return { n, mean, variance: s2 / n };
}

// ---------------------------------------------------------------------------------------------
// Step 5: trend

/**
 * The trend of the gap over the window (step 5). Points need distinct t. Returns null for k < 2.
 * Variances are floored at VARIANCE_FLOOR.
 */
export function fitTrend(points: ReadonlyArray<{ t: number; gap: number; variance: number }>): TrendFit | null {
  const k = points.length;
  if (k < 2) return null;
  const v = points.map((p) => Math.max(p.variance, VARIANCE_FLOOR));
  if (k === 2) {
    const [p1, p2] = points;
    const dt = p2.t - p1.t;
    const slope = (p2.gap - p1.gap) / dt;
    const se = Math.sqrt(v[0] + v[1]) / Math.abs(dt);
    return {
      slope,
      intercept: p1.gap - slope * p1.t,
      se,
      df: null,
      pValue: normalTwoSidedP(slope / se),
      ciLow: slope - Z95 * se,
      ciHigh: slope + Z95 * se,
    };
  }
  const w = v.map((x) => 1 / x);
  let sw = 0;
  let swt = 0;
  let swg = 0;
  for (let i = 0; i < k; i++) {
    sw += w[i];
    swt += w[i] * points[i].t;
    swg += w[i] * points[i].gap;
  }
  const tBar = swt / sw;
  const gBar = swg / sw;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < k; i++) {
    const dt = points[i].t - tBar;
    sxx += w[i] * dt * dt;
    sxy += w[i] * dt * (points[i].gap - gBar);
  }
  const slope = sxy / sxx;
  const intercept = gBar - slope * tBar;
  let rss = 0;
  for (let i = 0; i < k; i++) {
    const r = points[i].gap - intercept - slope * points[i].t;
    rss += w[i] * r * r;
  }
  const df = k - 2;
  const phi = Math.max(1, rss / df);
  const se = Math.sqrt(phi / sxx);
  const q = studentTQuantile(0.975, df);
  return {
    slope,
    intercept,
    se,
    df,
    pValue: studentTTwoSidedP(slope / se, df),
    ciLow: slope - q * se,
    ciHigh: slope + q * se,
  };
}

// ---------------------------------------------------------------------------------------------
// Step 7: SPC

/**
 * Making Data Count control chart of the usable gaps (chronological), with signals in direction d
 * only, judged at the latest point. Returns null when there are fewer than spcMinPoints points.
 */
export function spcAnalysis(
  gaps: readonly number[],
  direction: 1 | -1,
  settings: Pick<GapSettings, "spcMinPoints" | "spcRunLength"> = defaultGapSettings,
): SpcResult {
  const n = gaps.length;
  if (n < settings.spcMinPoints || n < 2) return null;
  const centre = gaps.reduce((s, g) => s + g, 0) / n;
  let mrSum = 0;
  for (let i = 1; i < n; i++) mrSum += Math.abs(gaps[i] - gaps[i - 1]);
  const movingRange = mrSum / (n - 1);
  const width = SPC_LIMIT_FACTOR * movingRange;
  const nearWidth = (2 / 3) * width;
  const result = {
    points: n,
    centre,
    movingRange,
    upper: centre + width,
    lower: centre - width,
    nearUpper: centre + nearWidth,
    nearLower: centre - nearWidth,
    signals: [] as SpcSignal[],
  };
  if (movingRange <= TOLERANCE) return result;

  const d = direction;
  const limit = d > 0 ? result.upper : result.lower;
  const nearLimit = d > 0 ? result.nearUpper : result.nearLower;
  const latest = gaps[n - 1];
  const run = settings.spcRunLength;

  // "a is beyond b in direction d", ignoring differences within floating-point rounding
  const beyond = (a: number, b: number) => d * (a - b) > TOLERANCE;

  if (beyond(latest, limit)) result.signals.push("outside_limit");
  if (n >= run && gaps.slice(n - run).every((g) => beyond(g, centre))) result.signals.push("shift");
  if (n >= run) {
    let rising = true;
    for (let i = n - run + 1; i < n; i++) if (!beyond(gaps[i], gaps[i - 1])) rising = false;
    if (rising) result.signals.push("trend");
  }
  if (n >= 3 && gaps.slice(n - 3).filter((g) => beyond(g, nearLimit)).length >= 2) {
    result.signals.push("two_of_three");
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Words

function measureLabel(measure: string): string {
  const label = standardMeasures.label(measure);
  const text = label === measure ? measure.replace(/_/g, " ") : label;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** "NHS Staff Survey, staff engagement". */
export function seriesLabel(survey: string, measure: string): string {
  return `${surveys.label(survey)}, ${measureLabel(measure)}`;
}

/** A magnitude in words: one decimal place, or two when that would show 0.0. */
function amount(x: number): string {
  const a = Math.abs(x);
  if (a === 0) return "0";
  if (a >= 0.05) return a.toFixed(1);
  if (a >= 0.005) return a.toFixed(2);
  return "less than 0.01";
}

const FAMILY_PLURAL: Record<Family, string> = {
  clinician: "clinicians",
  manager: "managers",
};

function gapWords(gap: number, scale: Scale, fieldwork: string): string {
  const when = `in ${formatFieldwork(fieldwork)}`;
  if (Math.abs(gap) <= TOLERANCE) return `managers and clinicians equally positive ${when}`;
  const [more, less] = gap > 0 ? ["managers", "clinicians"] : ["clinicians", "managers"];
  return `${more} ${amount(gap)} ${unitOf(scale)} more positive than ${less} ${when}`;
}

// ---------------------------------------------------------------------------------------------
// Series and organisations

function familyReason(family: Family, stats: FamilyStats | null, minN: number): string | null {
  if (!stats) return `no responses from ${FAMILY_PLURAL[family]}`;
  if (stats.n < minN) {
    // The exact count of a small family is itself a small number: say only that it is below min_n.
    return `${FAMILY_PLURAL[family]}: fewer than ${minN} respondents`;
  }
  return null;
}

function assertOneSeries(rows: readonly PulseAggregate[], what: string, sameWave: boolean): void {
  const first = rows[0];
  for (const r of rows) {
    if (
      r.odsCode !== first.odsCode ||
      r.survey !== first.survey ||
      r.measure !== first.measure ||
      r.scale !== first.scale ||
      (sameWave && r.fieldwork !== first.fieldwork)
    ) {
      throw new Error(
        `${what} expects rows of one organisation, survey, measure and scale${sameWave ? " and one fieldwork month" : ""}`,
      );
    }
  }
}

/**
 * Analyses one series (rows of one organisation, survey, measure and scale). `fallback` should come
 * from `fallbackSds` over the WHOLE dataset; when omitted it is computed from these rows only.
 */
export function analyseSeries(
  rows: readonly PulseAggregate[],
  settings: GapSettings = defaultGapSettings,
  fallback?: FallbackSdLookup,
): SeriesResult {
  if (rows.length === 0) throw new Error("analyseSeries needs at least one row");
  assertOneSeries(rows, "analyseSeries", false);
  const sorted = sortedRows(rows);
  const { odsCode, survey, measure, scale } = sorted[0];
  const fb = fallback ?? fallbackSds(sorted, settings);

  // Steps 1–3: waves
  const byWave = new Map<string, PulseAggregate[]>();
  for (const r of sorted) {
    const list = byWave.get(r.fieldwork);
    if (list) list.push(r);
    else byWave.set(r.fieldwork, [r]);
  }
  const waves: WaveResult[] = [...byWave.keys()].sort().map((fieldwork) => {
    const waveRows = byWave.get(fieldwork)!;
    const clinician = poolFamily(
      waveRows.filter((r) => familyOf(r.staffGroup) === "clinician"),
      fb,
      scale,
    );
    const manager = poolFamily(
      waveRows.filter((r) => familyOf(r.staffGroup) === "manager"),
      fb,
      scale,
    );
    const problems = [
      familyReason("clinician", clinician, settings.minN),
      familyReason("manager", manager, settings.minN),
    ].filter((p): p is string => p !== null);
    if (problems.length > 0 || !clinician || !manager) {
      return {
        fieldwork,
        clinician,
        manager,
        usable: false,
        reason: problems.join("; "),
        gap: null,
        gapVariance: null,
        ciLow: null,
        ciHigh: null,
        inWindow: false,
        t: null,
      };
    }
    const gap = manager.mean - clinician.mean;
    const gapVariance = manager.variance + clinician.variance;
    const half = Z95 * Math.sqrt(gapVariance);
    return {
      fieldwork,
      clinician,
      manager,
      usable: true,
      reason: null,
      gap,
      gapVariance,
      ciLow: gap - half,
      ciHigh: gap + half,
      inWindow: false,
      t: null,
    };
  });

  // Step 4: window
  const usable = waves.filter((w) => w.usable);
  const window = usable.slice(Math.max(0, usable.length - settings.windowWaves));
  const k = window.length;
  if (k > 0) {
    const start = window[0].fieldwork;
    for (const w of window) {
      w.inWindow = true;
      w.t = monthsBetween(start, w.fieldwork) / 12;
    }
  }
  const latest = k > 0 ? window[k - 1] : null;
  const latestGap = latest ? latest.gap! : null;

  // Step 5: trend
  const fit = fitTrend(window.map((w) => ({ t: w.t!, gap: w.gap!, variance: w.gapVariance! })));

  // Step 6: direction and practical importance
  let direction: 1 | -1 | null = null;
  if (latestGap !== null) {
    direction = latestGap > TOLERANCE ? 1 : latestGap < -TOLERANCE ? -1 : fit && fit.slope < 0 ? -1 : 1;
  }
  const delta = scale === "percent_positive" ? settings.deltaPercent : settings.deltaScore;
  let practical: boolean | null = null;
  let changeOverWindow: number | null = null;
  if (fit) {
    const span = window[k - 1].t! - window[0].t!;
    changeOverWindow = fit.slope * span;
    practical = Math.abs(changeOverWindow) >= delta - TOLERANCE;
  }

  // Step 7: SPC on every usable gap
  const spc =
    direction === null
      ? null
      : spcAnalysis(
          usable.map((w) => w.gap!),
          direction,
          settings,
        );

  // Step 8: status
  let status: GapStatus = "insufficient_data";
  let trendWatch = false;
  if (fit && direction !== null) {
    const db = direction * fit.slope;
    if (db > 0 && fit.pValue < settings.alpha && practical) status = "widening";
    else if (db < 0 && fit.pValue < settings.alpha && practical) status = "narrowing";
    else {
      trendWatch = db > 0 && fit.pValue < settings.watchAlpha && practical === true;
      status = trendWatch || (spc?.signals.length ?? 0) > 0 ? "watch" : "stable";
    }
  }

  // Reasons
  const label = seriesLabel(survey, measure);
  const unit = unitOf(scale);
  const reasons: string[] = [];
  reasons.push(`${label}: ${latest ? gapWords(latestGap!, scale, latest.fieldwork) : "no usable waves"}`);
  if (fit && direction !== null) {
    const db = direction * fit.slope;
    const verb =
      db > 0
        ? `grew ${amount(fit.slope)} ${unit} a year`
        : db < 0
          ? `shrank ${amount(fit.slope)} ${unit} a year`
          : "did not change";
    const trend = `gap ${verb} over ${k} waves (${pText(fit.pValue)})`;
    if (status === "widening" || status === "narrowing") reasons.push(trend);
    else if (fit.pValue < settings.alpha && db !== 0 && !practical) {
      reasons.push(
        `${trend}, but that is only ${Math.abs(changeOverWindow!).toFixed(2)} ${unit} over the period, less than the ${delta} ${unit} judged to matter`,
      );
    } else if (trendWatch) reasons.push(`${trend}; not yet statistically clear`);
    else reasons.push(`no clear trend: ${trend}`);
  } else if (k === 1) {
    reasons.push("only 1 usable wave, and a trend needs at least 2");
  }
  if (spc) {
    const run = settings.spcRunLength;
    for (const s of spc.signals) {
      if (s === "outside_limit") reasons.push("latest wave beyond the control limit (unusually wide gap)");
      if (s === "shift") reasons.push(`last ${run} waves all on the wider side of the average gap`);
      if (s === "trend") reasons.push(`gap widened ${run - 1} waves in a row`);
      if (s === "two_of_three") reasons.push("2 of the last 3 waves beyond the near-limit");
    }
  }
  const unusable = waves.filter((w) => !w.usable);
  const missingFamily = unusable.filter((w) => !w.clinician || !w.manager).length;
  const lowN = unusable.length - missingFamily;
  if (status === "insufficient_data") {
    if (lowN > 0) {
      reasons.push(`${plural(lowN, "wave", "waves")} had fewer than ${settings.minN} respondents in a family`);
    }
    if (missingFamily > 0) {
      reasons.push(`${plural(missingFamily, "wave", "waves")} had no responses from clinicians or from managers`);
    }
  } else {
    if (lowN > 0) {
      reasons.push(`${plural(lowN, "wave", "waves")} left out (fewer than ${settings.minN} respondents in a family)`);
    }
    if (missingFamily > 0) {
      reasons.push(`${plural(missingFamily, "wave", "waves")} left out (no responses from clinicians or managers)`);
    }
  }

  return {
    odsCode,
    survey,
    measure,
    scale,
    waves,
    wavesUsed: k,
    latestFieldwork: latest ? latest.fieldwork : null,
    latestGap,
    direction,
    slopePerYear: fit ? fit.slope : null,
    intercept: fit ? fit.intercept : null,
    se: fit ? fit.se : null,
    ciLow: fit ? fit.ciLow : null,
    ciHigh: fit ? fit.ciHigh : null,
    pValue: fit ? fit.pValue : null,
    df: fit ? fit.df : null,
    practical,
    changeOverWindow,
    spc,
    status,
    reasons,
  };
}

/** The most serious of several statuses. */
export function mostSerious(statuses: readonly GapStatus[]): GapStatus {
  let best: GapStatus = "insufficient_data";
  for (const s of statuses) if (statusSeverity[s] > statusSeverity[best]) best = s;
  return best;
}

/**
 * Analyses every organisation and series. Fallback sds come from the whole dataset. Organisations
 * are sorted by ODS code; series by survey, then measure (then scale).
 */
export function analyseAll(
  rows: readonly PulseAggregate[],
  settings: GapSettings = defaultGapSettings,
): OrganisationResult[] {
  const sorted = sortedRows(rows);
  const fb = fallbackSds(sorted, settings);
  const orgs = new Map<string, Map<string, PulseAggregate[]>>();
  for (const r of sorted) {
    let series = orgs.get(r.odsCode);
    if (!series) {
      series = new Map();
      orgs.set(r.odsCode, series);
    }
    const key = `${r.survey}\u0000${r.measure}\u0000${r.scale}`;
    const list = series.get(key);
    if (list) list.push(r);
    else series.set(key, [r]);
  }
  // Rows are sorted by odsCode, survey, measure, scale, so Map insertion order is already the output order.
  return [...orgs].map(([odsCode, seriesMap]) => {
    const series = [...seriesMap.values()].map((s) => analyseSeries(s, settings, fb));
    const status = mostSerious(series.map((s) => s.status));
    return {
      odsCode,
      status,
      series,
      reasons: series.filter((s) => s.status === status).flatMap((s) => s.reasons),
    };
  });
}

function groupOrder(group: string): number {
  const i = (staffGroups.values as readonly string[]).indexOf(group);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
}

/**
 * Role-pair drill-down (Powell and Davies): for one series and one wave, every pair of a clinician
 * staff group and a manager staff group that both have n ≥ minN, with gap = x_manager − x_clinician
 * and its 95% interval (each group's V as in step 1, pooled on its own). Rows for the same staff group
 * are pooled. Ordered by the vocabulary order of the clinician group, then the manager group.
 */
export function rolePairs(
  rows: readonly PulseAggregate[],
  settings: GapSettings = defaultGapSettings,
  fallback?: FallbackSdLookup,
): RolePair[] {
  if (rows.length === 0) return [];
  assertOneSeries(rows, "rolePairs", true);
  const fb = fallback ?? fallbackSds(rows, settings);
  const scale = rows[0].scale;
  // A group withheld by small-number suppression (including complementary suppression, which stops
  // recovery by subtraction from the family total) never appears in a pair.
  const withheld = suppressionReasons(
    rows.map((r) => ({ ...r, organisationId: 0, source: r })),
    settings.minN,
  );
  const withheldGroups = new Set([...withheld.keys()].map((r) => r.staffGroup));
  const byGroup = new Map<string, PulseAggregate[]>();
  for (const r of rows) {
    if (!familyOf(r.staffGroup) || withheldGroups.has(r.staffGroup)) continue;
    const list = byGroup.get(r.staffGroup);
    if (list) list.push(r);
    else byGroup.set(r.staffGroup, [r]);
  }
  const stats = [...byGroup]
    .map(([group, groupRows]) => ({
      group,
      family: familyOf(group)!,
      stats: poolFamily(groupRows, fb, scale),
    }))
    .filter(
      (g): g is { group: string; family: Family; stats: FamilyStats } => g.stats !== null && g.stats.n >= settings.minN,
    )
    .sort((a, b) => groupOrder(a.group) - groupOrder(b.group) || cmp(a.group, b.group));
  const clinicians = stats.filter((g) => g.family === "clinician");
  const managers = stats.filter((g) => g.family === "manager");
  const pairs: RolePair[] = [];
  for (const c of clinicians) {
    for (const m of managers) {
      const gap = m.stats.mean - c.stats.mean;
      const gapVariance = m.stats.variance + c.stats.variance;
      const half = Z95 * Math.sqrt(gapVariance);
      pairs.push({
        clinicianGroup: c.group,
        managerGroup: m.group,
        clinician: c.stats,
        manager: m.stats,
        gap,
        gapVariance,
        ciLow: gap - half,
        ciHigh: gap + half,
      });
    }
  }
  return pairs;
}

/** The fixed CLI/JSON record for one series: numbers unrounded, null where a value does not exist. */
export function flagRecord(series: SeriesResult): FlagRecord {
  return {
    ods_code: series.odsCode,
    survey: series.survey,
    measure: series.measure,
    scale: series.scale,
    status: series.status,
    waves_used: series.wavesUsed,
    latest_fieldwork: series.latestFieldwork,
    latest_gap: series.latestGap,
    slope_per_year: series.slopePerYear,
    ci_low: series.ciLow,
    ci_high: series.ciHigh,
    p_value: series.pValue,
    spc_signals: series.spc ? [...series.spc.signals] : [],
    reasons: series.reasons.join("; "),
  };
}
