// Spearman's rank correlation beside Pearson's, and a leave-one-out check for a trust that drives the
// result on its own. Numbers in, numbers out.
import { type Correlation, pearson } from "~/domain/leadership-metrics";

type Pair = readonly [number | null, number | null];

/** Ranks from 1, ties sharing their average rank (as scipy.stats.rankdata's "average"). */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.v === order[start]!.v) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k]!.i] = rank;
    start = end + 1;
  }
  return ranks;
}

const complete = (pairs: readonly Pair[]) =>
  pairs.filter((p): p is [number, number] => p[0] !== null && p[1] !== null && Number.isFinite(p[0]) && Number.isFinite(p[1]));

/**
 * Spearman's rho: Pearson's correlation of the average ranks, with its Fisher-z interval and the t
 * approximation for p (as scipy.stats.spearmanr). Null where Pearson's would be (fewer than 4 pairs, or
 * a variable constant).
 */
export function spearman(pairs: readonly Pair[]): Correlation | null {
  const xy = complete(pairs);
  const rx = averageRanks(xy.map((p) => p[0]));
  const ry = averageRanks(xy.map((p) => p[1]));
  return pearson(rx.map((x, i) => [x, ry[i]!] as const));
}

export type Influence = {
  /** Index (in the pairs given) of the point whose removal changes the correlation most. */
  index: number;
  /** The correlation without it. */
  without: Correlation;
  /** True when leaving it out changes whether the correlation is clear at the 5% level, or moves r by 0.2 or more. */
  drives: boolean;
};

/** Leave-one-out: the single point with the most influence on a correlation, and whether it drives it. */
export function mostInfluential(
  pairs: readonly Pair[],
  correlation: (p: readonly Pair[]) => Correlation | null = pearson,
): Influence | null {
  const all = correlation(pairs);
  if (!all) return null;
  let best: Influence | null = null;
  pairs.forEach((p, i) => {
    if (p[0] === null || p[1] === null) return;
    const without = correlation(pairs.filter((_, j) => j !== i));
    if (!without) return;
    const shift = Math.abs(without.r - all.r);
    if (!best || shift > Math.abs(best.without.r - all.r)) {
      best = { index: i, without, drives: shift >= 0.2 || all.pValue < 0.05 !== without.pValue < 0.05 };
    }
  });
  return best;
}
