// The small statistics the dashboards use: quartile position among peers, sample quantiles, Pearson
// correlation with a Fisher-z interval and a least-squares line. Pure. (The investment measures that
// used to live here are in ./investment/, one rule per file; they are re-exported below so callers
// that still import them from here keep working until they move.)
import { studentTTwoSidedP } from "./distributions";

export * from "./investment";

// ---------------------------------------------------------------------------------------------
// Statistics

/**
 * The quartile of `value` among peers: 1 = lowest quarter of peer values, 4 = highest. The position is
 * the mid-rank percentile (peers below + half of ties) / n. Null when the value is missing or there
 * are no peer values. Missing peer values are ignored.
 */
export function quartile(value: number | null, peerValues: readonly (number | null)[]): 1 | 2 | 3 | 4 | null {
  if (value === null || !Number.isFinite(value)) return null;
  const peers = peerValues.filter((v): v is number => v !== null && Number.isFinite(v));
  if (peers.length === 0) return null;
  const below = peers.filter((v) => v < value).length;
  const ties = peers.filter((v) => v === value).length;
  const p = (below + ties / 2) / peers.length;
  return Math.min(4, Math.floor(p * 4) + 1) as 1 | 2 | 3 | 4;
}

/** Sample quantile with linear interpolation (type 7, as R and spreadsheets). */
export function quantile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

export type Correlation = {
  n: number;
  r: number;
  /** 95% interval from Fisher's z: tanh(atanh(r) ± 1.96 / sqrt(n − 3)). */
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
  const half = 1.96 / Math.sqrt(n - 3);
  const ciLow = Number.isFinite(z) ? Math.tanh(z - half) : r;
  const ciHigh = Number.isFinite(z) ? Math.tanh(z + half) : r;
  const pValue = Math.abs(r) >= 1 ? 0 : studentTTwoSidedP(r * Math.sqrt((n - 2) / (1 - r * r)), n - 2);
  return { n, r, ciLow, ciHigh, pValue };
}

/** Ordinary least-squares line through paired values (for drawing a fitted line on a scatter). */
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
