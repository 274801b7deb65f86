// The one Making Data Count engine (XmR chart of individuals): process limits, every special-cause
// rule with the points it flags, the variation icon and the assurance icon. Numbers in, numbers out;
// the gap series, the board summary, the charts and the PDF all read its result.
//
// It follows NHSRplotthedots (NHS-R community; R/ptd_spc_standard.R, R/ptd_calculate_point_type.R,
// R/ptd_calculate_assurance_type.R), the package NHS analysts use for Making Data Count:
//  - centre = mean; moving ranges MR_i = |x_i − x_{i−1}|; with screening on (the default), moving
//    ranges ≥ 3.267 × their mean are left out and the mean moving range recomputed; limits are
//    centre ± 2.66 × mean MR, "close to the limits" is beyond two thirds of that.
//  - outside the limits: x > upper or x < lower.
//  - shift: a run of `runLength` points on the same side of the mean (a point on the mean breaks it).
//  - trend: `runLength` points each strictly higher (or lower) than the one before.
//  - 2 of 3: among 3 consecutive points all on the same side of the mean, at least 2 close to the
//    limits; only the close points are flagged ("close" excludes points already outside).
//  - a flagged point's side: its trend's direction for a trend, else its side of the mean; where a
//    point is flagged by several rules the first of outside, trend, 2 of 3, shift decides.
//  - variation icon: the latest point; assurance icon: the target against the limits.
// Comparisons allow TOLERANCE (1e-9) for floating-point rounding, so values equal up to rounding tie.
import type { GapSettings } from "../gap-settings";

/** 3 / d2 with d2 = 1.128: the control-limit factor on the mean moving range. */
export const LIMIT_FACTOR = 2.66;
/** Moving ranges at or above this multiple of their mean are screened out (D4 for n = 2). */
export const SCREEN_FACTOR = 3.267;
const TOLERANCE = 1e-9;

/** The administrator's settings the engine needs (always passed: there are no hidden defaults). */
export type XmrSettings = Pick<GapSettings, "spcMinPoints" | "spcRunLength" | "spcScreenMovingRanges">;

export type XmrRule = "outside_limit" | "trend" | "two_of_three" | "shift";
/** Rules in the order NHSRplotthedots lets them decide a point's type. */
export const xmrRules: readonly XmrRule[] = ["outside_limit", "trend", "two_of_three", "shift"];

export type Side = 1 | -1;

export type XmrPoint = {
  value: number;
  /** |x_i − x_{i−1}|; null for the first point. */
  movingRange: number | null;
  /** True when this point's moving range was screened out of the limits. */
  screenedOut: boolean;
  /** Sign of x − centre (0 on the centre, up to rounding). */
  relativeToMean: -1 | 0 | 1;
  outside: boolean;
  close: boolean;
  /** Every rule that flags this point, in `xmrRules` order. */
  rules: XmrRule[];
  /** The side each of those rules gives (a trend's direction; otherwise the side of the mean). */
  ruleSides: Partial<Record<XmrRule, Side>>;
  /** Which way the special cause points (null: common cause). */
  side: Side | null;
};

export type XmrResult = {
  n: number;
  centre: number;
  /** Mean moving range used for the limits (after screening when it is on). */
  movingRange: number;
  upper: number;
  lower: number;
  nearUpper: number;
  nearLower: number;
  /** Whether outlying moving ranges were screened out (the administrator's setting). */
  screening: boolean;
  /** How many moving ranges were screened out. */
  screenedOut: number;
  runLength: number;
  points: XmrPoint[];
};

const signOf = (d: number): -1 | 0 | 1 => (d > TOLERANCE ? 1 : d < -TOLERANCE ? -1 : 0);

/** Centre, mean moving range (screened or not) and the limits. Null for fewer than 2 values. */
export function processLimits(values: readonly number[], screen: boolean) {
  const n = values.length;
  if (n < 2) return null;
  const centre = values.reduce((s, v) => s + v, 0) / n;
  const ranges = values.slice(1).map((v, i) => Math.abs(v - values[i]));
  const rawMean = ranges.reduce((s, r) => s + r, 0) / ranges.length;
  const kept = screen ? ranges.map((r) => r < SCREEN_FACTOR * rawMean - TOLERANCE || r <= TOLERANCE) : ranges.map(() => true);
  const used = ranges.filter((_, i) => kept[i]);
  const movingRange = used.length ? used.reduce((s, r) => s + r, 0) / used.length : 0;
  const w = LIMIT_FACTOR * movingRange;
  return {
    centre,
    movingRange,
    ranges,
    kept,
    upper: centre + w,
    lower: centre - w,
    nearUpper: centre + (2 / 3) * w,
    nearLower: centre - (2 / 3) * w,
  };
}

/** Indexes of every run of `len` consecutive points where `ok(i)` holds for each step i (1..n−1 or 0..n−1). */
function runs(n: number, len: number, start: number, ok: (i: number) => boolean): number[][] {
  const out: number[][] = [];
  let from = start;
  for (let i = start; i < n; i++) {
    if (!ok(i)) {
      from = i + 1;
      continue;
    }
    if (i - from + 1 >= len) out.push([from, i]);
  }
  return out;
}

/**
 * The XmR analysis of a series (oldest first). Null when there are fewer than settings.spcMinPoints
 * values (or fewer than 2): not enough data to judge.
 */
export function xmr(values: readonly number[], settings: XmrSettings): XmrResult | null {
  const n = values.length;
  if (n < Math.max(2, settings.spcMinPoints)) return null;
  const L = processLimits(values, settings.spcScreenMovingRanges)!;
  const run = settings.spcRunLength;
  const points: XmrPoint[] = values.map((value, i) => {
    const outside = value - L.upper > TOLERANCE || L.lower - value > TOLERANCE;
    return {
      value,
      movingRange: i === 0 ? null : L.ranges[i - 1],
      screenedOut: i > 0 && !L.kept[i - 1],
      relativeToMean: signOf(value - L.centre),
      outside,
      close: !outside && (value - L.nearUpper > TOLERANCE || L.nearLower - value > TOLERANCE),
      rules: [],
      ruleSides: {},
      side: null,
    };
  });
  const sides = new Map<XmrRule, Map<number, Side>>(xmrRules.map((r) => [r, new Map()]));
  const flag = (rule: XmrRule, i: number, side: Side) => sides.get(rule)!.set(i, side);

  points.forEach((p, i) => {
    if (p.outside) flag("outside_limit", i, p.relativeToMean >= 0 ? 1 : -1);
  });
  // Trend: run of `run` points = run − 1 steps of the same strict sign. Later runs overwrite the
  // turning point, as NHSRplotthedots takes the right-hand trend for a point in two.
  for (const dir of [1, -1] as const) {
    const step = (i: number) => signOf(values[i] - values[i - 1]) === dir;
    for (const [a, b] of runs(n, run - 1, 1, step)) for (let i = a - 1; i <= b; i++) flag("trend", i, dir);
  }
  const trendSide = sides.get("trend")!;
  // Right-hand rule at a peak or trough that belongs to a rising and a falling trend.
  for (const [i] of trendSide) {
    const next = i + 1 < n && trendSide.has(i + 1) ? signOf(values[i + 1] - values[i]) : 0;
    if (next !== 0) trendSide.set(i, next);
  }
  for (let i = 0; i + 2 < n; i++) {
    const w = [i, i + 1, i + 2];
    const same = Math.abs(w.reduce((s, j) => s + points[j].relativeToMean, 0)) === 3;
    if (same && w.filter((j) => points[j].close).length >= 2) {
      for (const j of w) if (points[j].close) flag("two_of_three", j, points[j].relativeToMean as Side);
    }
  }
  for (const dir of [1, -1] as const) {
    for (const [a, b] of runs(n, run, 0, (i) => points[i].relativeToMean === dir)) {
      for (let i = a; i <= b; i++) flag("shift", i, dir);
    }
  }
  points.forEach((p, i) => {
    for (const rule of xmrRules) {
      const side = sides.get(rule)!.get(i);
      if (side === undefined) continue;
      p.rules.push(rule);
      p.ruleSides[rule] = side;
      if (p.side === null) p.side = side;
    }
  });
  return {
    n,
    centre: L.centre,
    movingRange: L.movingRange,
    upper: L.upper,
    lower: L.lower,
    nearUpper: L.nearUpper,
    nearLower: L.nearLower,
    screening: settings.spcScreenMovingRanges,
    screenedOut: L.kept.filter((k) => !k).length,
    runLength: run,
    points,
  };
}

/** Indexes of the points each rule flags. */
export function flaggedBy(result: XmrResult, rule: XmrRule): number[] {
  return result.points.flatMap((p, i) => (p.rules.includes(rule) ? [i] : []));
}

export type Better = "higher" | "lower";

export type Variation =
  | "special_cause_improving_high"
  | "special_cause_improving_low"
  | "special_cause_concerning_high"
  | "special_cause_concerning_low"
  | "common_cause"
  | "not_enough_data";

export type Assurance = "pass" | "fail" | "hit_and_miss" | "no_target" | "not_enough_data";

/** The variation icon: the type of the latest point. */
export function variationOf(result: XmrResult | null, better: Better): Variation {
  if (!result) return "not_enough_data";
  const side = result.points[result.n - 1].side;
  if (side === null) return "common_cause";
  const improving = (side === 1) === (better === "higher");
  return `special_cause_${improving ? "improving" : "concerning"}_${side === 1 ? "high" : "low"}`;
}

/** The assurance icon: the target against the limits (meeting it is ≥ target when higher is better). */
export function assuranceOf(result: XmrResult | null, target: number | null, better: Better): Assurance {
  if (target === null) return "no_target";
  if (!result) return "not_enough_data";
  if (target - result.upper > TOLERANCE) return better === "higher" ? "fail" : "pass";
  if (result.lower - target > TOLERANCE) return better === "higher" ? "pass" : "fail";
  return "hit_and_miss";
}

export function isConcerning(v: Variation): boolean {
  return v === "special_cause_concerning_high" || v === "special_cause_concerning_low";
}
