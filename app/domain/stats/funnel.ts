// Funnel plots: the inverse-variance weighted mean of the points, the 95% and 99.8% limits around it
// at a given precision (1 / standard error), and where a point lies against them. The one place the
// funnel rule lives; the dashboard's chart draws the limits computed here.
import { Z95, Z998 } from "./normal";

export type FunnelPosition = "above_998" | "above_95" | "within" | "below_95" | "below_998";

export type FunnelLimits = { precision: number; lower998: number; lower95: number; upper95: number; upper998: number };

/** Inverse-variance weighted mean of values with standard errors (null when there are none). */
export function weightedMean(points: ReadonlyArray<{ value: number; se: number }>): number | null {
  let sw = 0;
  let swv = 0;
  for (const p of points) {
    if (!(p.se > 0) || !Number.isFinite(p.value)) continue;
    const w = 1 / (p.se * p.se);
    sw += w;
    swv += w * p.value;
  }
  return sw > 0 ? swv / sw : null;
}

/** The limits around `mean` at a precision: mean ± z / precision. */
export function funnelLimits(mean: number, precision: number): FunnelLimits {
  return {
    precision,
    lower998: mean - Z998 / precision,
    lower95: mean - Z95 / precision,
    upper95: mean + Z95 / precision,
    upper998: mean + Z998 / precision,
  };
}

/** Where a value with standard error `se` lies against the limits around `mean`. */
export function funnelPosition(value: number, se: number, mean: number): FunnelPosition {
  const z = (value - mean) / se;
  if (z > Z998) return "above_998";
  if (z > Z95) return "above_95";
  if (z < -Z998) return "below_998";
  if (z < -Z95) return "below_95";
  return "within";
}

/** The limit curves from `from` to `to` precision in `steps` equal steps (for drawing). */
export function funnelCurve(mean: number, from: number, to: number, steps = 48): FunnelLimits[] {
  if (!(from > 0) || !(to > from)) return [];
  return Array.from({ length: steps + 1 }, (_, i) => funnelLimits(mean, from + ((to - from) * i) / steps));
}
