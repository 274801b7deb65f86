// Peer statistics: type-7 quantiles, the position among the same quartiles that are shown, words
// that cannot contradict them, and Pearson's correlation (moved from leadership-metrics).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { leastSquaresLine, pearson, positionWords, quantile, quartilePosition, quartiles } from "~/domain/stats/peers";

describe("quantiles (type 7, as R's default and QUARTILE.INC)", () => {
  it("interpolates", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([4, 1, 3, 2], 0.25)).toBe(1.75);
    expect(quantile([], 0.5)).toBeNull();
    expect(quartiles([1, 2, 3, 4, 6, 7, 8, 9])).toEqual({ q1: 2.75, median: 5, q3: 7.25 });
  });
});

describe("position among the peer quartiles", () => {
  const q = quartiles([1, 2, 3, 4, 6, 7, 8, 9])!;
  it("comes from the same interpolated quartiles that are shown", () => {
    // 2.5 is below the lower quartile 2.75: the old mid-rank rule called it "Second quarter"
    expect(quartilePosition(2.5, q)).toBe("below_lower");
    expect(quartilePosition(2.75, q)).toBe("lower_to_median");
    expect(quartilePosition(5, q)).toBe("at_median");
    expect(quartilePosition(7.25, q)).toBe("median_to_upper");
    expect(quartilePosition(7.3, q)).toBe("above_upper");
  });
  it("the demo cases of issue 9: time in post 2.8 years against a lower quartile of 3.2 is below it", () => {
    expect(quartilePosition(2.8, { q1: 3.2, median: 4, q3: 5 })).toBe("below_lower");
    expect(positionWords("below_lower", "higher")).toBe("Worse than most peers: below the peer lower quartile");
  });
  it("says better or worse given which way is better", () => {
    expect(positionWords("above_upper", "higher")).toMatch(/^Better/);
    expect(positionWords("above_upper", "lower")).toMatch(/^Worse/);
    expect(positionWords("below_lower", "lower")).toMatch(/^Better/);
    expect(positionWords("at_median", "lower")).toBe("Level with the peer median");
  });
  it("no label contradicts the quartiles shown (any peers, any value, either direction)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.constantFrom("higher" as const, "lower" as const),
        (peers, value, better) => {
          const qs = quartiles(peers)!;
          const words = positionWords(quartilePosition(value, qs), better);
          if (words.includes("below the peer lower quartile")) expect(value).toBeLessThan(qs.q1);
          if (words.includes("above the peer upper quartile")) expect(value).toBeGreaterThan(qs.q3);
          if (words.includes("between the lower quartile and the median")) {
            expect(value).toBeGreaterThanOrEqual(qs.q1);
            expect(value).toBeLessThan(qs.median);
          }
          if (words.includes("between the median and the upper quartile")) {
            expect(value).toBeGreaterThan(qs.median);
            expect(value).toBeLessThanOrEqual(qs.q3);
          }
          if (words.startsWith("Level")) expect(value).toBe(qs.median);
          const aboveMedian = value > qs.median;
          if (words.startsWith("Better")) expect(aboveMedian).toBe(better === "higher");
          if (words.startsWith("Worse")) expect(value < qs.median).toBe(better === "higher");
        },
      ),
    );
  });
});

describe("Pearson correlation with a Fisher-z interval", () => {
  it("matches a hand computation", () => {
    // x = 1..5, y = 2,4,5,4,5: Sxy = 6, Sxx = 10, Syy = 6, r = 6/√60 = 0.774597.
    // z = atanh(r) = 1.031719; ± 1.959964/√2 = 1.385903 → tanh(−0.354184) = −0.340082, tanh(2.417622) = 0.984236.
    const c = pearson([
      [1, 2],
      [2, 4],
      [3, 5],
      [4, 4],
      [5, 5],
    ])!;
    expect(c.n).toBe(5);
    expect(c.r).toBeCloseTo(0.774597, 6);
    expect(c.ciLow).toBeCloseTo(-0.340082, 6);
    expect(c.ciHigh).toBeCloseTo(0.984236, 6);
    // t = r√(3/(1−r²)) = 2.1213, 3 df: p ≈ 0.124.
    expect(c.pValue).toBeCloseTo(0.124, 3);
  });

  it("drops incomplete pairs and needs at least 4 of them", () => {
    expect(
      pearson([
        [1, 2],
        [2, 3],
        [3, 5],
      ]),
    ).toBeNull();
    expect(
      pearson([
        [1, 2],
        [2, 3],
        [3, 5],
        [null, 1],
        [4, null],
      ]),
    ).toBeNull();
    expect(
      pearson([
        [1, 2],
        [2, 3],
        [3, 5],
        [4, 4],
      ]),
    ).not.toBeNull();
  });

  it("is null when a variable is constant, and handles a perfect correlation", () => {
    expect(
      pearson([
        [1, 2],
        [2, 2],
        [3, 2],
        [4, 2],
      ]),
    ).toBeNull();
    const perfect = pearson([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
    ])!;
    expect(perfect.r).toBe(1);
    expect(perfect.ciLow).toBe(1);
    expect(perfect.ciHigh).toBe(1);
  });
});

describe("least-squares line", () => {
  it("fits y = 2x + 1 exactly and needs two distinct x", () => {
    expect(
      leastSquaresLine([
        [0, 1],
        [1, 3],
        [2, 5],
      ]),
    ).toEqual({ slope: 2, intercept: 1 });
    expect(
      leastSquaresLine([
        [1, 1],
        [1, 2],
      ]),
    ).toBeNull();
  });
});
