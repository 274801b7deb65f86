// The Making Data Count engine against NHSRplotthedots' own test suite (NHS-R community,
// github.com/nhs-r-community/NHSRplotthedots, release 0.2.x), ported case by case:
//  - tests/testthat/test-ptd_spc_standard.R and tests/testthat/_snaps/ptd_spc_standard.md
//    (limits of set.seed(123); rnorm(20), with and without screening an outlying moving range)
//  - tests/testthat/_snaps/ptd_spc.md (the same data in two facets of 10)
//  - tests/testthat/test-ptd_calculate_point_type.R (seven points one side of the mean, seven-point
//    trend, two in three incl. opposite sides of the mean, part-of-two-in-three, special cause type)
//  - tests/testthat/test-ptd_calculate_assurance_type.R (pass / fail / inconsistent both ways)
// Their helper functions work on indicator vectors; we test the same patterns through `xmr` by
// building series whose indicators are the ones in their cases.
import { describe, expect, it } from "vitest";
import { defaultGapSettings } from "~/domain/gap-settings";
import { type XmrResult, assuranceOf, flaggedBy, processLimits, variationOf, xmr } from "~/domain/stats/xmr";

const S = { spcMinPoints: 2, spcRunLength: 7, spcScreenMovingRanges: true };
const noScreen = { ...S, spcScreenMovingRanges: false };

// R: set.seed(123); rnorm(20)
const RNORM20 = [
  -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621, -1.26506123, -0.68685285, -0.44566197, 1.2240818,
  0.35981383, 0.40077145, 0.11068272, -0.55584113, 1.78691314, 0.49785048, -1.96661716, 0.7013559, -0.47279141,
];

const sidesOf = (r: XmrResult) => r.points.map((p) => p.side ?? 0);

describe("process limits (ptd_spc_standard)", () => {
  it("matches the snapshot for rnorm(20): mean 0.1416238, limits -3.01138 to 3.294627", () => {
    const r = xmr(RNORM20, S)!;
    expect(r.centre).toBeCloseTo(0.1416238, 6);
    expect(r.lower).toBeCloseTo(-3.01138, 5);
    expect(r.upper).toBeCloseTo(3.294627, 6);
    expect(r.points.every((p) => !p.outside)).toBe(true);
    expect(r.points.slice(0, 13).map((p) => p.relativeToMean)).toEqual([-1, -1, 1, -1, -1, 1, 1, -1, -1, -1, 1, 1, 1]);
  });

  it("screens the outlying moving ranges when y[15] = 10, and not when screening is off", () => {
    const y = [...RNORM20];
    y[14] = 10;
    const screened = xmr(y, S)!;
    expect(screened.centre).toBeCloseTo(0.6694159, 6);
    expect(screened.lower).toBeCloseTo(-2.383666, 5);
    expect(screened.upper).toBeCloseTo(3.722497, 5);
    expect(screened.screenedOut).toBe(2);
    expect(screened.points[14].screenedOut && screened.points[15].screenedOut).toBe(true);
    const raw = xmr(y, noScreen)!;
    expect(raw.lower).toBeCloseTo(-4.596625, 5);
    expect(raw.upper).toBeCloseTo(5.935457, 5);
    expect(raw.screenedOut).toBe(0);
    expect(raw.upper - raw.lower).toBeGreaterThan(screened.upper - screened.lower);
    expect(screened.screening).toBe(true);
    expect(raw.screening).toBe(false);
  });

  it("matches the summary snapshot of the two facets of 10 (ptd_spc.md)", () => {
    const a = xmr(RNORM20.slice(0, 10), S)!;
    expect(a.centre).toBeCloseTo(0.0746, 4);
    expect(a.lower).toBeCloseTo(-2.6, 2);
    expect(a.upper).toBeCloseTo(2.75, 2);
    const b = xmr(RNORM20.slice(10), S)!;
    expect(b.centre).toBeCloseTo(0.209, 3);
    expect(b.lower).toBeCloseTo(-3.28, 2);
    expect(b.upper).toBeCloseTo(3.7, 2);
    // and every point is common cause, as the snapshot's counts say (10 of 10)
    expect([...a.points, ...b.points].every((p) => p.side === null)).toBe(true);
  });

  it("needs the administrator's minimum number of points", () => {
    expect(xmr([1, 2, 3, 4, 5], defaultGapSettings)).toBeNull();
    expect(xmr([1, 2, 3, 4, 5, 6], defaultGapSettings)).not.toBeNull();
    expect(xmr([1, 2, 3, 4, 5, 6], { ...defaultGapSettings, spcMinPoints: 12 })).toBeNull();
    expect(xmr([1], { ...S, spcMinPoints: 1 })).toBeNull();
    expect(processLimits([1], true)).toBeNull();
  });
});

// A series whose relative-to-mean signs are the given ones and that has no outside, close or trend
// points: a long alternating background (±1, limits about ±5.3) and the body at ±0.9 / ±1.1.
function sideSeries(signs: readonly number[]): { values: number[]; offset: number } {
  const bg = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 1 : -1));
  const body = signs.map((s, i) => s * (i % 2 === 0 ? 0.9 : 1.1));
  return { values: [...bg, ...body], offset: bg.length };
}

describe("seven points one side of the mean (ptd_seven_point_one_side_mean + part_of)", () => {
  it.each<[number[], number[]]>([
    [
      [1, 1, 1, 1, 1, 1],
      [0, 0, 0, 0, 0, 0],
    ],
    [
      [1, 1, 1, 1, 1, 1, -1],
      [0, 0, 0, 0, 0, 0, 0],
    ],
    [
      [1, 1, 1, 1, 1, 1, 1, 1, -1],
      [1, 1, 1, 1, 1, 1, 1, 1, 0],
    ],
    [
      [-1, -1, -1, -1, -1, -1, -1, -1, 1],
      [-1, -1, -1, -1, -1, -1, -1, -1, 0],
    ],
    [
      [-1, 1, 1, 1, 1, 1, 1, 1, 1, -1],
      [0, 1, 1, 1, 1, 1, 1, 1, 1, 0],
    ],
  ])("signs %j flag %j", (signs, expected) => {
    const { values, offset } = sideSeries(signs);
    const r = xmr(values, S)!;
    expect(r.points.slice(offset).map((p) => p.relativeToMean)).toEqual(signs);
    expect(
      flaggedBy(r, "shift")
        .filter((i) => i >= offset)
        .map((i) => i - offset),
    ).toEqual(expected.flatMap((e, i) => (e !== 0 ? [i] : [])));
    expect(sidesOf(r).slice(offset)).toEqual(expected);
  });

  it("a point on the mean breaks the run", () => {
    const r = xmr([1, 1, 1, 1, 1, 1, 1, -1, 0, -1, -1, -1, -1, -1, -1], { ...S, spcRunLength: 7 })!;
    expect(r.centre).toBeCloseTo(0, 12);
    expect(flaggedBy(r, "shift")).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});

describe("seven-point trend (ptd_seven_point_trend + part_of)", () => {
  const trendSides = (y: number[]) => {
    const r = xmr(y, noScreen)!;
    return r.points.map((p) => p.ruleSides.trend ?? 0);
  };
  it("1:6 is too short; a tie breaks c(1:3, 3:6)", () => {
    expect(trendSides([1, 2, 3, 4, 5, 6])).toEqual([0, 0, 0, 0, 0, 0]);
    expect(trendSides([1, 2, 3, 3, 4, 5, 6])).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
  it("1:7 and 7:1 are trends of every point, in their direction", () => {
    expect(trendSides([1, 2, 3, 4, 5, 6, 7])).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(trendSides([7, 6, 5, 4, 3, 2, 1])).toEqual([-1, -1, -1, -1, -1, -1, -1]);
  });
  it("c(2, 1:7, 3) and c(2, 7:1, 3): only the seven points of the trend", () => {
    expect(trendSides([2, 1, 2, 3, 4, 5, 6, 7, 3])).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 0]);
    expect(trendSides([2, 7, 6, 5, 4, 3, 2, 1, 3])).toEqual([0, -1, -1, -1, -1, -1, -1, -1, 0]);
  });
  it("a trend takes precedence over the side of the mean (issue #171: trends crossing the mean)", () => {
    const bg = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 3 : -3));
    const r = xmr([...bg, -3, -2, -1, 0, 1, 2, 3], noScreen)!;
    expect(r.points[20].relativeToMean).toBe(-1);
    expect(r.points[20].rules).toEqual(["trend"]);
    expect(r.points[20].side).toBe(1);
    expect(variationOf(r, "higher")).toBe("special_cause_improving_high");
    expect(variationOf(xmr([...bg, 3, 2, 1, 0, -1, -2, -3], noScreen), "higher")).toBe("special_cause_concerning_low");
  });
  it("a peak shared by a rising and a falling trend takes the right-hand (falling) side", () => {
    const bg = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 10 : -10));
    const r = xmr([...bg, 1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1], noScreen)!;
    expect(r.points[26].rules).toContain("trend");
    expect(r.points[26].side).toBe(-1);
    expect(r.points[25].side).toBe(1);
    expect(r.points[27].side).toBe(-1);
  });
});

// Two in three: build series with mean 0 and limits ±2.66·MR where "close" points sit at ±(2/3·w + ε).
function closeSeries(close: readonly number[], rtm: readonly number[]) {
  // constant alternating background with MR = 1 → limits ±2.66, near-limits ±1.7733
  const values = close.map((c, i) => rtm[i] * (c ? 2.2 : 0.5));
  return values;
}

describe("two in three (ptd_two_in_three + ptd_part_of_two_in_three)", () => {
  const judge = (close: number[], rtm: number[]) => {
    // surround with a long alternating background so the limits stay fixed and the mean ~0
    const bg = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 0.5 : -0.5));
    const values = [...bg, ...closeSeries(close, rtm), ...bg];
    const r = xmr(values, { ...S, spcScreenMovingRanges: false, spcRunLength: 99 })!;
    const body = r.points.slice(bg.length, bg.length + close.length);
    expect(body.map((p) => (p.close ? 1 : 0))).toEqual(close);
    return body.map((p) => (p.rules.includes("two_of_three") ? 1 : 0));
  };
  const same = (n: number) => Array.from({ length: n }, () => 1);
  it("flags only the close points when all three are on one side", () => {
    expect(judge([1, 0, 1], same(3))).toEqual([1, 0, 1]);
    expect(judge([0, 1, 1], same(3))).toEqual([0, 1, 1]);
    expect(judge([1, 1, 0], same(3))).toEqual([1, 1, 0]);
    expect(judge([0, 0, 1, 0, 1, 0, 0], same(7))).toEqual([0, 0, 1, 0, 1, 0, 0]);
    expect(judge([0, 0, 1, 1, 0, 0, 0], same(7))).toEqual([0, 0, 1, 1, 0, 0, 0]);
    expect(judge([1, 0, 0, 1], same(4))).toEqual([0, 0, 0, 0]);
    expect(judge([1, 0, 0, 1, 1], same(5))).toEqual([0, 0, 0, 1, 1]);
  });
  it("needs all three on the same side of the mean (issue #143)", () => {
    expect(judge([1, 0, 1], [1, -1, 1])).toEqual([0, 0, 0]);
    expect(judge([0, 1, 1], [1, -1, 1])).toEqual([0, 0, 0]);
    expect(judge([1, 1, 0], [1, -1, 1])).toEqual([0, 0, 0]);
    expect(judge([0, 0, 1, 0, 1, 0, 0], [1, -1, 1, -1, 1, -1, 1])).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(judge([0, 0, 1, 1, 0, 0, 0], [-1, 1, -1, 1, -1, 1, -1])).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
  it("symmetrical data with two successive close points on opposite sides: common cause (test-ptd_spc_standard.R)", () => {
    const y: number[] = Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? 1 : -1));
    y[14] = 5.5;
    y[15] = -5.5;
    const r = xmr(y, { ...defaultGapSettings, spcMinPoints: 2 })!;
    expect(r.points.slice(14).map((p) => p.side)).toEqual([null, null]);
  });
  it("a point outside the limits is not 'close' and does not count towards 2 of 3", () => {
    const bg = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 0.5 : -0.5));
    const r = xmr([...bg, 2.2, 0.5, 30], { ...S, spcScreenMovingRanges: true })!;
    const [a, , c] = r.points.slice(200);
    expect(c.outside).toBe(true);
    expect(c.close).toBe(false);
    expect(a.close).toBe(true);
    expect(a.rules).not.toContain("two_of_three");
  });
});

describe("special cause type precedence (ptd_special_cause_type)", () => {
  it("outside beats trend beats 2 of 3 beats shift, and each point lists every rule", () => {
    const y = [0, 0.2, 0.4, 0.6, 0.8, 1, 1.2, 0, 0, 0, 0, 0, 0, 0, 9];
    const r = xmr(y, noScreen)!;
    expect(r.points[14].rules).toEqual(["outside_limit"]);
    expect(r.points[14].side).toBe(1);
    expect(r.points[0].rules).toContain("trend");
    expect(r.points[6].side).toBe(1);
  });
});

describe("assurance (ptd_calculate_assurance_type)", () => {
  // lpl/upl of the three facets a, b, c with target 4
  const facets = [
    { lower: 1, upper: 3 },
    { lower: 5, upper: 7 },
    { lower: 1, upper: 5 },
  ];
  const fake = (l: { lower: number; upper: number }) => ({ ...xmr([1, 2], S)!, ...l });
  it("increase: consistent fail, consistent pass, inconsistent", () => {
    expect(facets.map((f) => assuranceOf(fake(f), 4, "higher"))).toEqual(["fail", "pass", "hit_and_miss"]);
  });
  it("decrease: consistent pass, consistent fail, inconsistent", () => {
    expect(facets.map((f) => assuranceOf(fake(f), 4, "lower"))).toEqual(["pass", "fail", "hit_and_miss"]);
  });
  it("no target, or not enough data", () => {
    expect(assuranceOf(fake(facets[0]), null, "higher")).toBe("no_target");
    expect(assuranceOf(null, 4, "higher")).toBe("not_enough_data");
  });
  it("a target exactly on a limit is hit and miss (strict comparisons, as NHSRplotthedots)", () => {
    expect(assuranceOf(fake({ lower: 4, upper: 6 }), 4, "higher")).toBe("hit_and_miss");
    expect(assuranceOf(fake({ lower: 2, upper: 4 }), 4, "lower")).toBe("hit_and_miss");
  });
  it("uses the screened limits of the rnorm(20) example: target 0.5 is inconsistent", () => {
    expect(assuranceOf(xmr(RNORM20, S), 0.5, "higher")).toBe("hit_and_miss");
  });
});

describe("variation icon", () => {
  it("is the latest point's type, oriented by which way is better", () => {
    const spike = [5, 6, 5, 6, 5, 6, 5, 20];
    expect(variationOf(xmr(spike, S), "lower")).toBe("special_cause_concerning_high");
    expect(variationOf(xmr(spike, S), "higher")).toBe("special_cause_improving_high");
    expect(
      variationOf(
        xmr(
          spike.map((v) => 10 - v),
          S,
        ),
        "lower",
      ),
    ).toBe("special_cause_improving_low");
    expect(variationOf(xmr([5, 6, 5, 6, 5, 6, 5, 6], S), "lower")).toBe("common_cause");
    expect(variationOf(xmr([4, 4, 4, 4, 4, 4], S), "lower")).toBe("common_cause");
    expect(variationOf(null, "lower")).toBe("not_enough_data");
  });
  it("a jump from a flat line is special cause (the screened mean moving range is 0)", () => {
    const r = xmr([2, 2, 2, 2, 2, 5], S)!;
    expect(r.movingRange).toBe(0);
    expect(r.points[5].outside).toBe(true);
    // unscreened, the one jump sets the mean moving range (0.6) and the limits widen around it
    expect(xmr([2, 2, 2, 2, 2, 5], noScreen)!.movingRange).toBeCloseTo(0.6, 12);
  });
  it("values equal up to rounding tie", () => {
    expect(variationOf(xmr([2, 2, 2, 2, 2, 2 + 1e-12], S), "higher")).toBe("common_cause");
  });
});
