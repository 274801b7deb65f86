// Step 5 of the gap method: the trend of the gap over the window (two-point normal test, or weighted
// least squares with over-dispersion and a Student t test).
import { normalTwoSidedP, studentTQuantile, studentTTwoSidedP } from "../distributions";
import { Z95 } from "../stats/normal";
import type { TrendFit } from "./types";

/** Floor applied to a wave's gap variance inside the trend fit, so that w = 1/V is finite. */
export const VARIANCE_FLOOR = 1e-9;

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
