// Spearman's rho and the leave-one-out influence check. Reference values from SciPy 1.11:
// scipy.stats.rankdata(..., method="average") and scipy.stats.spearmanr(x, y).
import { describe, expect, it } from "vitest";
import { averageRanks, mostInfluential, spearman } from "~/domain/stats/rank-correlation";

describe("averageRanks", () => {
  it("gives ties their average rank", () => {
    expect(averageRanks([5, 6, 7, 8, 7])).toEqual([1, 2, 3.5, 5, 3.5]);
    expect(averageRanks([])).toEqual([]);
  });
});

describe("spearman", () => {
  it("matches scipy.stats.spearmanr, ties included", () => {
    // spearmanr([1,2,3,4,5], [5,6,7,8,7]) -> 0.8207826816681233, p 0.08858700531354381
    const s = spearman([1, 2, 3, 4, 5].map((x, i) => [x, [5, 6, 7, 8, 7][i]!] as const));
    expect(s!.r).toBeCloseTo(0.8207826816681233, 12);
    expect(s!.pValue).toBeCloseTo(0.08858700531354381, 6);
  });
  it("is 1 for any increasing relation and ignores missing pairs", () => {
    const s = spearman([
      [1, 1],
      [2, 8],
      [3, 27],
      [4, 64],
      [null, 3],
      [5, 125],
    ]);
    expect(s!.n).toBe(5);
    expect(s!.r).toBeCloseTo(1, 12);
  });
});

describe("mostInfluential", () => {
  it("finds one trust that alone makes a correlation", () => {
    // No relation among nine trusts; a tenth far out on both axes makes Pearson's r large.
    const pairs: [number, number][] = [
      [1, 3],
      [2, 1],
      [3, 4],
      [4, 2],
      [5, 3],
      [6, 1],
      [7, 4],
      [8, 2],
      [9, 3],
      [40, 40],
    ];
    const inf = mostInfluential(pairs);
    expect(inf!.index).toBe(9);
    expect(inf!.drives).toBe(true);
  });
  it("does not flag a relation that holds without any one point", () => {
    const pairs: [number, number][] = Array.from({ length: 20 }, (_, i) => [i, 2 * i + (i % 3)]);
    expect(mostInfluential(pairs)!.drives).toBe(false);
  });
});
