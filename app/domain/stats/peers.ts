// Comparing an organisation with its peers: interpolated quantiles (R type 7, as R's default and
// spreadsheets' QUARTILE.INC), the organisation's position among the SAME quartiles that are shown,
// words that say better or worse given which way is better, and Pearson's correlation with a Fisher-z
// interval. simple-statistics was considered: its quantile is not the interpolated type 7 shown here.
import { studentTTwoSidedP } from "../distributions";
import { Z95 } from "./normal";

/** Sample quantile with linear interpolation (type 7). Null without values. */
export function quantile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

export type Quartiles = { q1: number; median: number; q3: number };

export function quartiles(values: readonly number[]): Quartiles | null {
  if (values.length === 0) return null;
  return { q1: quantile(values, 0.25)!, median: quantile(values, 0.5)!, q3: quantile(values, 0.75)! };
}

export type QuartilePosition = "below_lower" | "lower_to_median" | "at_median" | "median_to_upper" | "above_upper";

/** Where a value lies among the quartiles shown (ties with a quartile count as inside the band). */
export function quartilePosition(value: number, q: Quartiles): QuartilePosition {
  if (value < q.q1) return "below_lower";
  if (value > q.q3) return "above_upper";
  if (value < q.median) return "lower_to_median";
  if (value > q.median) return "median_to_upper";
  return "at_median";
}

/** 1 = below the lower quartile … 4 = above the upper quartile; the median itself is band 2.5 → 2 or 3 by side. */
export function quartileBand(position: QuartilePosition): 1 | 2 | 3 | 4 | null {
  return ({ below_lower: 1, lower_to_median: 2, at_median: null, median_to_upper: 3, above_upper: 4 } as const)[position];
}

/** The position in words that cannot contradict the quartiles: better or worse given the direction. */
export function positionWords(position: QuartilePosition, better: "higher" | "lower"): string {
  const up = better === "higher" ? "Better" : "Worse";
  const down = better === "higher" ? "Worse" : "Better";
  switch (position) {
    case "below_lower":
      return `${down} than most peers: below the peer lower quartile`;
    case "lower_to_median":
      return `${down} than the peer median: between the lower quartile and the median`;
    case "at_median":
      return "Level with the peer median";
    case "median_to_upper":
      return `${up} than the peer median: between the median and the upper quartile`;
    case "above_upper":
      return `${up} than most peers: above the peer upper quartile`;
  }
}

export type Correlation = {
  n: number;
  r: number;
  /** 95% interval from Fisher's z: tanh(atanh(r) ± z95 / sqrt(n − 3)). */
  ciLow: number;
  ciHigh: number;
  /** Two-sided p for r = 0 (t = r·sqrt((n−2)/(1−r²)), n − 2 df). */
  pValue: number;
};

/**
 * Pearson's correlation of paired values (pairs with a missing value are dropped), with a Fisher-z 95%
 * interval. Null with fewer than 4 pairs (the interval needs n − 3 > 0) or when either variable is constant.
 */
export function pearson(pairs: ReadonlyArray<readonly [number | null, number | null]>): Correlation | null {
  const xy = pairs.filter((p): p is [number, number] => p[0] !== null && p[1] !== null && Number.isFinite(p[0]) && Number.isFinite(p[1]));
  const n = xy.length;
  if (n < 4) return null;
  const mx = xy.reduce((s, p) => s + p[0], 0) / n;
  const my = xy.reduce((s, p) => s + p[1], 0) / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (const [x, y] of xy) {
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
    sxy += (x - mx) * (y - my);
  }
  if (sxx <= 0 || syy <= 0) return null;
  const r = Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  const z = Math.atanh(r);
  const half = Z95 / Math.sqrt(n - 3);
  const ciLow = Number.isFinite(z) ? Math.tanh(z - half) : r;
  const ciHigh = Number.isFinite(z) ? Math.tanh(z + half) : r;
  const pValue = Math.abs(r) >= 1 ? 0 : studentTTwoSidedP(r * Math.sqrt((n - 2) / (1 - r * r)), n - 2);
  return { n, r, ciLow, ciHigh, pValue };
}

/** Ordinary least-squares line through paired values (drawn on a scatter). */
export function leastSquaresLine(pairs: ReadonlyArray<readonly [number, number]>): { slope: number; intercept: number } | null {
  const n = pairs.length;
  if (n < 2) return null;
  const mx = pairs.reduce((s, p) => s + p[0], 0) / n;
  const my = pairs.reduce((s, p) => s + p[1], 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const [x, y] of pairs) {
    sxx += (x - mx) ** 2;
    sxy += (x - mx) * (y - my);
  }
  if (sxx <= 0) return null;
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}
