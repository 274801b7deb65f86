import { describe, expect, it } from "vitest";
import {
  analyseAll,
  analyseSeries,
  defaultGapSettings,
  fallbackSds,
  fitTrend,
  flagRecord,
  mostSerious,
  poolFamily,
  rolePairs,
  spcAnalysis,
  Z95,
  statusLabel,
  statusSeverity,
  VARIANCE_FLOOR,
  type GapSettings,
  type GapStatus,
  type PulseAggregate,
  type SeriesResult,
} from "~/domain/gap";
import { addMonths, row, seriesFromGaps, wave } from "./gap-fixtures";

const settings = (over: Partial<GapSettings> = {}): GapSettings => ({
  ...defaultGapSettings,
  ...over,
});

/** Asserts that no number anywhere in the value is NaN or infinite. */
function expectAllFinite(value: unknown, path = "result"): void {
  if (typeof value === "number") {
    expect(Number.isFinite(value), `${path} = ${value}`).toBe(true);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => expectAllFinite(v, `${path}[${i}]`));
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) expectAllFinite(v, `${path}.${k}`);
  }
}

// ---------------------------------------------------------------------------------------------
describe("fallbackSds", () => {
  it("pools sd over every row with that survey and measure, across organisations and waves", () => {
    const rows = [
      row({
        fieldwork: "2024-01",
        staffGroup: "consultant",
        value: 6,
        respondents: 11,
        sd: 2,
      }),
      row({
        odsCode: "RBB",
        fieldwork: "2024-07",
        staffGroup: "service_manager",
        value: 7,
        respondents: 21,
        sd: 1,
      }),
      row({
        fieldwork: "2024-07",
        staffGroup: "consultant",
        value: 6,
        respondents: 40,
        sd: null,
      }), // no sd: ignored
      row({
        fieldwork: "2024-07",
        staffGroup: "porter",
        value: 6,
        respondents: 3,
        sd: null,
      }),
      row({
        survey: "NQPS",
        fieldwork: "2024-07",
        staffGroup: "consultant",
        value: 6,
        respondents: 31,
        sd: 3,
      }),
      row({
        measure: "advocacy",
        fieldwork: "2024-07",
        staffGroup: "consultant",
        value: 6,
        respondents: 31,
        sd: null,
      }),
    ];
    const fb = fallbackSds(rows, defaultGapSettings);
    // NSS|engagement: sqrt((10·2² + 20·1²) / (10 + 20)) = sqrt(60/30) = √2
    expect(fb.get("NSS|engagement")).toBeCloseTo(Math.SQRT2, 14);
    // NQPS is separate: only its own row
    expect(fb.get("NQPS|engagement")).toBeCloseTo(3, 14);
    // no row with an sd: the settings' fallback
    expect(fb.get("NSS|advocacy")).toBe(2.5);
    expect(fallbackSds(rows, settings({ fallbackSd: 1.7 })).get("NSS|advocacy")).toBe(1.7);
    expect([...fb.keys()].sort()).toEqual(["NQPS|engagement", "NSS|advocacy", "NSS|engagement"]);
  });

  it("ignores rows with a single respondent (weight n − 1 = 0)", () => {
    const rows = [
      row({
        fieldwork: "2024-01",
        staffGroup: "consultant",
        value: 6,
        respondents: 1,
        sd: 9,
      }),
      row({
        fieldwork: "2024-01",
        staffGroup: "consultant",
        value: 6,
        respondents: 5,
        sd: 1,
      }),
    ];
    expect(fallbackSds(rows).get("NSS|engagement")).toBe(1);
    expect(fallbackSds([rows[0]]).get("NSS|engagement")).toBe(2.5);
  });
});

// ---------------------------------------------------------------------------------------------
describe("poolFamily", () => {
  it("pools score groups: within- plus between-group variance (hand-checked)", () => {
    const rows = [
      row({
        fieldwork: "2024-01",
        staffGroup: "consultant",
        value: 6,
        respondents: 10,
        sd: 2,
      }),
      row({
        fieldwork: "2024-01",
        staffGroup: "nurse_midwife",
        value: 7,
        respondents: 30,
        sd: 1,
      }),
    ];
    // N = 40, M = (60 + 210)/40 = 6.75
    // within  = 9·2² + 29·1² = 65; between = 10·0.75² + 30·0.25² = 5.625 + 1.875 = 7.5
    // S² = 72.5/39 = 1.858974…, V = S²/40 = 0.046474358974…
    const stats = poolFamily(rows, 2.5, "score_0_10")!;
    expect(stats.n).toBe(40);
    expect(stats.mean).toBeCloseTo(6.75, 14);
    expect(stats.variance).toBeCloseTo(72.5 / 39 / 40, 14);
    expect(stats.variance).toBeCloseTo(0.046474358974359, 12);
  });

  it("uses the fallback sd for a group without one (number, map or function)", () => {
    const rows = [
      row({
        fieldwork: "2024-01",
        staffGroup: "consultant",
        value: 5,
        respondents: 11,
        sd: null,
      }),
    ];
    // S² = 10·s²/10 = s², V = s²/11
    expect(poolFamily(rows, Math.SQRT2, "score_0_10")!.variance).toBeCloseTo(2 / 11, 14);
    expect(poolFamily(rows, new Map([["NSS|engagement", 3]]), "score_0_10")!.variance).toBeCloseTo(9 / 11, 14);
    expect(poolFamily(rows, new Map(), "score_0_10")!.variance).toBeCloseTo(6.25 / 11, 14);
    expect(poolFamily(rows, (s, m) => (s === "NSS" && m === "engagement" ? 1 : 99), "score_0_10")!.variance).toBeCloseTo(1 / 11, 14);
  });

  it("handles a single respondent without NaN (S² = the group's sd²)", () => {
    const one = [
      row({
        fieldwork: "2024-01",
        staffGroup: "consultant",
        value: 7,
        respondents: 1,
        sd: null,
      }),
    ];
    expect(poolFamily(one, 2.5, "score_0_10")).toEqual({
      n: 1,
      mean: 7,
      variance: 6.25,
    });
    const withSd = [
      row({
        fieldwork: "2024-01",
        staffGroup: "consultant",
        value: 7,
        respondents: 1,
        sd: 1.5,
      }),
    ];
    expect(poolFamily(withSd, 2.5, "score_0_10")).toEqual({
      n: 1,
      mean: 7,
      variance: 2.25,
    });
  });

  it("percent positive: V = P(100 − P)/N", () => {
    const rows = [
      row({
        scale: "percent_positive",
        fieldwork: "2024-01",
        staffGroup: "nurse_midwife",
        value: 70,
        respondents: 30,
      }),
      row({
        scale: "percent_positive",
        fieldwork: "2024-01",
        staffGroup: "ahp",
        value: 95,
        respondents: 20,
      }),
    ];
    // N = 50, P = (2100 + 1900)/50 = 80, V = 80·20/50 = 32 (sd and fallback play no part)
    expect(poolFamily(rows, 2.5, "percent_positive")).toEqual({
      n: 50,
      mean: 80,
      variance: 32,
    });
  });

  it("percent positive: clamps P to [0.5, 99.5] for the variance only", () => {
    const at = (value: number) =>
      poolFamily(
        [
          row({
            scale: "percent_positive",
            fieldwork: "2024-01",
            staffGroup: "ahp",
            value,
            respondents: 20,
          }),
        ],
        2.5,
        "percent_positive",
      )!;
    // 99.5·0.5/20 = 2.4875
    expect(at(100)).toEqual({ n: 20, mean: 100, variance: 2.4875 });
    expect(at(0)).toEqual({ n: 20, mean: 0, variance: 2.4875 });
    expect(at(99.8).variance).toBeCloseTo(2.4875, 14);
    expect(at(0.2).variance).toBeCloseTo(2.4875, 14);
    expect(at(50).variance).toBe(125);
  });

  it("returns null when there are no respondents", () => {
    expect(poolFamily([], 2.5, "score_0_10")).toBeNull();
    expect(
      poolFamily(
        [
          row({
            fieldwork: "2024-01",
            staffGroup: "ahp",
            value: 5,
            respondents: 0,
          }),
        ],
        2.5,
        "score_0_10",
      ),
    ).toBeNull();
  });

  it("gives zero variance for identical groups with sd 0", () => {
    const rows = [
      row({
        fieldwork: "2024-01",
        staffGroup: "consultant",
        value: 6,
        respondents: 12,
        sd: 0,
      }),
      row({
        fieldwork: "2024-01",
        staffGroup: "ahp",
        value: 6,
        respondents: 12,
        sd: 0,
      }),
    ];
    expect(poolFamily(rows, 2.5, "score_0_10")).toEqual({
      n: 24,
      mean: 6,
      variance: 0,
    });
  });
});

// ---------------------------------------------------------------------------------------------
describe("waves and usability", () => {
  it("a family with 10 respondents is unusable, 11 is usable (minN boundary)", () => {
    const rows = [
      ...wave("2024-01", { value: 6, n: 40, sd: 2 }, { value: 7, n: 10, sd: 2 }),
      ...wave("2024-07", { value: 6, n: 40, sd: 2 }, { value: 7, n: 11, sd: 2 }),
      ...wave("2025-01", { value: 6, n: 10, sd: 2 }, { value: 7, n: 8, sd: 2 }),
    ];
    const s = analyseSeries(rows);
    expect(s.waves.map((w) => w.usable)).toEqual([false, true, false]);
    expect(s.waves[0].reason).toBe("managers: fewer than 11 respondents");
    expect(s.waves[1].reason).toBeNull();
    expect(s.waves[2].reason).toBe("clinicians: fewer than 11 respondents; managers: fewer than 11 respondents");
    // unusable waves keep their family figures but no gap
    expect(s.waves[0].manager).toMatchObject({ n: 10, mean: 7 });
    expect(s.waves[0].gap).toBeNull();
    expect(s.waves[0].inWindow).toBe(false);
    expect(s.waves[0].t).toBeNull();
    // minN is a setting
    expect(analyseSeries(rows, settings({ minN: 8 })).waves.map((w) => w.usable)).toEqual([true, true, true]);
  });

  it("pools staff groups within a family before applying minN", () => {
    const rows = [
      row({
        fieldwork: "2024-01",
        staffGroup: "consultant",
        value: 6,
        respondents: 6,
        sd: 1,
      }),
      row({
        fieldwork: "2024-01",
        staffGroup: "nurse_midwife",
        value: 6,
        respondents: 5,
        sd: 1,
      }),
      row({
        fieldwork: "2024-01",
        staffGroup: "general_manager",
        value: 7,
        respondents: 5,
        sd: 1,
      }),
      row({
        fieldwork: "2024-01",
        staffGroup: "service_manager",
        value: 8,
        respondents: 6,
        sd: 1,
      }),
    ];
    const w = analyseSeries(rows).waves[0];
    expect(w.usable).toBe(true);
    expect(w.clinician!.n).toBe(11);
    expect(w.manager!.n).toBe(11);
    expect(w.manager!.mean).toBeCloseTo((35 + 48) / 11, 14);
  });

  it("ignores staff groups with no family", () => {
    const rows = [
      ...wave("2024-01", { value: 6, n: 20, sd: 1 }, { value: 7, n: 20, sd: 1 }),
      row({
        fieldwork: "2024-01",
        staffGroup: "porter",
        value: 1,
        respondents: 500,
        sd: 1,
      }),
    ];
    const w = analyseSeries(rows).waves[0];
    expect(w.clinician!.n).toBe(20);
    expect(w.manager!.n).toBe(20);
    expect(w.gap).toBeCloseTo(1, 14);
  });

  it("says when a family has no responses at all", () => {
    const rows = [
      row({
        fieldwork: "2024-01",
        staffGroup: "consultant",
        value: 6,
        respondents: 30,
        sd: 1,
      }),
      row({
        fieldwork: "2024-07",
        staffGroup: "porter",
        value: 6,
        respondents: 30,
        sd: 1,
      }),
    ];
    const s = analyseSeries(rows);
    expect(s.waves[0]).toMatchObject({
      usable: false,
      reason: "no responses from managers",
      manager: null,
    });
    expect(s.waves[1].reason).toBe("no responses from clinicians; no responses from managers");
    expect(s.reasons).toContain("2 waves had no responses from clinicians or from managers");
  });

  it("gives each usable wave its gap, gap variance and 95% interval", () => {
    // clinicians: n 25, sd 2 → V = 4/25 = 0.16; managers: n 36, sd 3 → V = 9/36 = 0.25
    const s = analyseSeries(wave("2024-01", { value: 6.2, n: 25, sd: 2 }, { value: 7, n: 36, sd: 3 }));
    const w = s.waves[0];
    expect(w.gap).toBeCloseTo(0.8, 14);
    expect(w.gapVariance).toBeCloseTo(0.41, 14);
    expect(w.ciLow).toBeCloseTo(0.8 - Z95 * Math.sqrt(0.41), 14);
    expect(w.ciHigh).toBeCloseTo(0.8 + Z95 * Math.sqrt(0.41), 14);
  });

  it("orders waves chronologically whatever the input order", () => {
    const rows = seriesFromGaps([1, 2, 3]).reverse();
    expect(analyseSeries(rows).waves.map((w) => w.fieldwork)).toEqual(["2020-01", "2020-07", "2021-01"]);
  });

  it("rejects rows from more than one series", () => {
    const rows = [...seriesFromGaps([1, 2]), ...seriesFromGaps([1, 2], { base: { survey: "NQPS" } })];
    expect(() => analyseSeries(rows)).toThrow(/one organisation, survey, measure/);
    expect(() => analyseSeries([])).toThrow();
  });
});

// ---------------------------------------------------------------------------------------------
describe("trend", () => {
  it("k = 0: insufficient data, with the reason", () => {
    const s = analyseSeries(seriesFromGaps([1, 1.1, 1.2], { lowN: [0, 1, 2] }));
    expect(s.status).toBe("insufficient_data");
    expect(s.wavesUsed).toBe(0);
    expect(s).toMatchObject({
      latestFieldwork: null,
      latestGap: null,
      direction: null,
      slopePerYear: null,
      intercept: null,
      se: null,
      ciLow: null,
      ciHigh: null,
      pValue: null,
      df: null,
      practical: null,
      changeOverWindow: null,
      spc: null,
    });
    expect(s.reasons).toEqual(["NHS Staff Survey, staff engagement: no usable waves", "3 waves had fewer than 11 respondents in a family"]);
  });

  it("k = 1: insufficient data; says only 1 usable wave", () => {
    const s = analyseSeries(seriesFromGaps([1, 1.1, 1.2, 1.3], { lowN: [0, 1, 2] }));
    expect(s.status).toBe("insufficient_data");
    expect(s.wavesUsed).toBe(1);
    expect(s.latestGap).toBeCloseTo(1.3, 12);
    expect(s.latestFieldwork).toBe("2021-07");
    expect(s.direction).toBe(1);
    expect(s.slopePerYear).toBeNull();
    expect(s.waves[3]).toMatchObject({ inWindow: true, t: 0 });
    expect(s.reasons).toEqual([
      "NHS Staff Survey, staff engagement: managers 1.3 points more positive than clinicians in July 2021",
      "only 1 usable wave, and a trend needs at least 2",
      "3 waves had fewer than 11 respondents in a family",
    ]);
  });

  it("k = 2: slope from two points with a normal test (hand-checked)", () => {
    // gaps 1.0 (Jan 2023) and 1.5 (Jan 2024), each with V = 0.02:
    // b = 0.5/1 = 0.5; SE = sqrt(0.04)/1 = 0.2; z = 2.5; p = 2(1 − Φ(2.5)) = 0.0124193
    // CI = 0.5 ± z·0.2 with z = Φ⁻¹(0.975) = 1.959964 = [0.107993, 0.892007]; change = 0.5 ≥ 0.3 → widening
    const s = analyseSeries(seriesFromGaps([1.0, 1.5], { start: "2023-01", stepMonths: 12 }));
    expect(s.wavesUsed).toBe(2);
    expect(s.slopePerYear).toBeCloseTo(0.5, 12);
    expect(s.intercept).toBeCloseTo(1.0, 12);
    expect(s.se).toBeCloseTo(0.2, 12);
    expect(s.pValue).toBeCloseTo(0.012419330651552, 10);
    expect(s.ciLow).toBeCloseTo(0.5 - 1.959963984540054 * 0.2, 10);
    expect(s.ciHigh).toBeCloseTo(0.5 + 1.959963984540054 * 0.2, 10);
    expect(s.df).toBeNull();
    expect(s.changeOverWindow).toBeCloseTo(0.5, 12);
    expect(s.practical).toBe(true);
    expect(s.direction).toBe(1);
    expect(s.status).toBe("widening");
    expect(s.reasons).toEqual([
      "NHS Staff Survey, staff engagement: managers 1.5 points more positive than clinicians in January 2024",
      "gap grew 0.5 points a year over 2 waves (p = 0.01)",
    ]);
  });

  it("k = 2 with waves 6 months apart: t is in years", () => {
    // b = 0.5/0.5 = 1.0 a year; SE = 0.2/0.5 = 0.4
    const s = analyseSeries(seriesFromGaps([1.0, 1.5], { start: "2023-01", stepMonths: 6 }));
    expect(s.waves.map((w) => w.t)).toEqual([0, 0.5]);
    expect(s.slopePerYear).toBeCloseTo(1, 12);
    expect(s.se).toBeCloseTo(0.4, 12);
  });

  it("k = 3: weighted least squares with φ = 1 (hand-checked)", () => {
    // t = 0, 0.5, 1; g = 1.0, 1.4, 2.0; V = 0.04, 0.01, 0.04 → w = 25, 100, 25 (Σw = 150)
    // t̄ = (0 + 50 + 25)/150 = 0.5; ḡ = (25 + 140 + 50)/150 = 1.43333…
    // Sxx = 25·0.25 + 0 + 25·0.25 = 12.5; Sxy = 25·(−0.5)(−0.43333) + 25·0.5·0.56667 = 12.5
    // b = 1; a = 1.43333 − 0.5 = 0.93333
    // r = 0.06667, −0.03333, 0.06667; Σw·r² = 0.11111·3 = 0.33333; /(k − 2) = 0.333 → φ = 1
    // SE = sqrt(1/12.5) = 0.2828427; t = 3.5355339 with 1 df → p = 1 − (2/π)·atan(3.5355339) = 0.1754797
    // CI = 1 ± 12.7062047·0.2828427 = 1 ± 3.5938574
    const s = analyseSeries(
      seriesFromGaps([1.0, 1.4, 2.0], {
        start: "2023-01",
        variance: [0.04, 0.01, 0.04],
      }),
    );
    expect(s.waves.map((w) => w.gapVariance)).toEqual([expect.closeTo(0.04, 12), expect.closeTo(0.01, 12), expect.closeTo(0.04, 12)]);
    expect(s.slopePerYear).toBeCloseTo(1, 12);
    expect(s.intercept).toBeCloseTo(1.4 / 1.5, 12);
    expect(s.se).toBeCloseTo(Math.sqrt(0.08), 12);
    expect(s.df).toBe(1);
    expect(s.pValue).toBeCloseTo(1 - (2 / Math.PI) * Math.atan(1 / Math.sqrt(0.08)), 10);
    expect(s.pValue).toBeCloseTo(0.1754796560918, 10);
    expect(s.ciLow).toBeCloseTo(1 - 3.5938574128375, 9);
    expect(s.ciHigh).toBeCloseTo(1 + 3.5938574128375, 9);
    // p 0.175: not < 0.05 but < 0.20, widening and practical (change 1.0 ≥ 0.3) → watch
    expect(s.status).toBe("watch");
    expect(s.reasons[1]).toBe("gap grew 1.0 points a year over 3 waves (p = 0.18); not yet statistically clear");
  });

  it("k = 3: over-dispersion inflates the SE (φ = Σw·r²/(k − 2) > 1, hand-checked)", () => {
    // t = 0, 0.5, 1; g = 1, 2, 1.5; V = 0.01 → w = 100 each. t̄ = 0.5, ḡ = 1.5
    // Sxx = 100·0.5 = 50, Sxy = 100·(0.25 + 0) = 25 → b = 0.5, a = 1.25
    // r = −0.25, 0.5, −0.25 → Σw·r² = 100·0.375 = 37.5 = φ
    // SE = sqrt(37.5/50) = sqrt(0.75) = 0.8660254; t = 0.57735 = 1/√3 → p = 1 − (2/π)(π/6) = 2/3
    const s = analyseSeries(seriesFromGaps([1, 2, 1.5], { variance: 0.01 }));
    expect(s.slopePerYear).toBeCloseTo(0.5, 12);
    expect(s.intercept).toBeCloseTo(1.25, 12);
    expect(s.se).toBeCloseTo(Math.sqrt(0.75), 12);
    expect(s.pValue).toBeCloseTo(2 / 3, 10);
    expect(s.status).toBe("stable");
    expect(s.reasons[1]).toBe("no clear trend: gap grew 0.5 points a year over 3 waves (p = 0.67)");
  });

  it("agrees with fitTrend on the window's points", () => {
    const s = analyseSeries(seriesFromGaps([0.2, 0.5, 0.4, 0.9, 0.8, 1.1, 1.0], { variance: 0.03 }));
    const fit = fitTrend(s.waves.filter((w) => w.inWindow).map((w) => ({ t: w.t!, gap: w.gap!, variance: w.gapVariance! })))!;
    expect(s.slopePerYear).toBe(fit.slope);
    expect(s.se).toBe(fit.se);
    expect(s.pValue).toBe(fit.pValue);
    expect(s.df).toBe(4);
  });

  describe("zero variance (floored at VARIANCE_FLOOR = 1e-9 inside the fit)", () => {
    it("equal zero variances reduce to ordinary least squares", () => {
      // OLS of g = 1, 2, 1.5 on t = 0, 0.5, 1: b = 0.5, RSS = 0.375, s² = 0.375, Sxx = 0.5,
      // SE = sqrt(0.375/0.5) = 0.8660254, p = 2/3 (same as the weighted case above)
      const fit = fitTrend([
        { t: 0, gap: 1, variance: 0 },
        { t: 0.5, gap: 2, variance: 0 },
        { t: 1, gap: 1.5, variance: 0 },
      ])!;
      expect(fit.slope).toBeCloseTo(0.5, 9);
      expect(fit.se).toBeCloseTo(Math.sqrt(0.75), 9);
      expect(fit.pValue).toBeCloseTo(2 / 3, 8);
    });

    it("a perfect line with zero variance gives a tiny SE and p ≈ 0, not NaN", () => {
      const fit = fitTrend([
        { t: 0, gap: 1, variance: 0 },
        { t: 0.5, gap: 2, variance: 0 },
        { t: 1, gap: 3, variance: 0 },
      ])!;
      expect(fit.slope).toBeCloseTo(2, 9);
      // φ = 1, Sxx = 0.5/1e-9 → SE = sqrt(2e-9); t = 2/SE = 44721 with 1 df (heavy Cauchy tails):
      // p = 1 − (2/π)·atan(44721) ≈ 2/(π·44721) = 1.42e-5
      expect(fit.se).toBeCloseTo(Math.sqrt(2 * VARIANCE_FLOOR), 15);
      expect(fit.pValue).toBeCloseTo(1 - (2 / Math.PI) * Math.atan(2 / Math.sqrt(2e-9)), 10);
      expect(fit.pValue).toBeLessThan(2e-5);
      expectAllFinite(fit);
    });

    it("two waves with zero variance: a change is significant, no change gives p = 1", () => {
      const up = fitTrend([
        { t: 0, gap: 1, variance: 0 },
        { t: 1, gap: 1.5, variance: 0 },
      ])!;
      expect(up.se).toBeCloseTo(Math.sqrt(2e-9), 15);
      expect(up.pValue).toBe(0);
      const flat = fitTrend([
        { t: 0, gap: 1, variance: 0 },
        { t: 1, gap: 1, variance: 0 },
      ])!;
      expect(flat.slope).toBe(0);
      expect(flat.pValue).toBe(1);
    });

    it("a whole series with sd 0 everywhere analyses without NaN", () => {
      const rows = [0, 1, 2, 3].flatMap((i) =>
        wave(addMonths("2022-01", 6 * i), { value: 6, n: 20, sd: 0 }, { value: 6.5 + 0.2 * i, n: 20, sd: 0 }),
      );
      const s = analyseSeries(rows);
      expect(s.waves.every((w) => w.gapVariance === 0)).toBe(true);
      expect(s.slopePerYear).toBeCloseTo(0.4, 9);
      expect(s.status).toBe("widening");
      expectAllFinite({ ...s, waves: s.waves });
    });
  });

  it("the window is the last K usable waves only", () => {
    // 9 waves; wave 7 (index 7) unusable. Usable: 0–6, 8 (8 waves) → window = 2, 3, 4, 5, 6, 8
    const gaps = [5, 5, 0.1, 0.2, 0.3, 0.4, 0.5, 9, 0.7];
    const s = analyseSeries(seriesFromGaps(gaps, { lowN: [7], start: "2020-01", stepMonths: 6 }));
    expect(s.wavesUsed).toBe(6);
    expect(s.waves.map((w) => w.inWindow)).toEqual([false, false, true, true, true, true, true, false, true]);
    // t counts months from the window's first wave (2021-01), skipping nothing
    expect(s.waves.map((w) => w.t)).toEqual([null, null, 0, 0.5, 1, 1.5, 2, null, 3]);
    // the early gaps of 5 are outside the window, the unusable 9 never counts: slope 0.2 a year exactly
    expect(s.slopePerYear).toBeCloseTo(0.2, 10);
    expect(s.changeOverWindow).toBeCloseTo(0.6, 10);
    expect(s.latestGap).toBeCloseTo(0.7, 12);
    expect(s.latestFieldwork).toBe("2024-01");
    // SPC uses every usable wave (8), not just the window
    expect(s.spc!.n).toBe(8);
    expect(s.spc!.centre).toBeCloseTo((10 + 1.5 + 0.7) / 8, 12);
    expect(s.reasons).toContain("1 wave left out (fewer than 11 respondents in a family)");
  });

  it("honours windowWaves", () => {
    const s = analyseSeries(seriesFromGaps([3, 0, 0.5, 1], { variance: 0.01 }), settings({ windowWaves: 3 }));
    expect(s.wavesUsed).toBe(3);
    expect(s.slopePerYear).toBeCloseTo(1, 10);
  });
});

// ---------------------------------------------------------------------------------------------
describe("direction and practical importance", () => {
  it("a negative gap (clinicians more positive) that becomes more negative is widening", () => {
    const s = analyseSeries(seriesFromGaps([-0.5, -1.0, -1.5, -2.0], { variance: 0.01 }));
    expect(s.direction).toBe(-1);
    expect(s.slopePerYear).toBeCloseTo(-1, 10);
    expect(s.status).toBe("widening");
    expect(s.reasons[0]).toBe("NHS Staff Survey, staff engagement: clinicians 2.0 points more positive than managers in July 2021");
    // perfect line, V = 0.01: Sxx = 100·1.25 = 125, SE = √(1/125) = 0.0894, t = 11.18 with 2 df → p = 0.008
    expect(s.reasons[1]).toBe("gap grew 1.0 points a year over 4 waves (p = 0.008)");
  });

  it("a gap moving towards zero is narrowing", () => {
    const s = analyseSeries(seriesFromGaps([2.0, 1.5, 1.0, 0.5], { variance: 0.01 }));
    expect(s.direction).toBe(1);
    expect(s.status).toBe("narrowing");
    expect(s.reasons[1]).toBe("gap shrank 1.0 points a year over 4 waves (p = 0.008)");
  });

  it("a gap crossing zero: direction follows the latest gap", () => {
    // from clinicians ahead to managers ahead: latest gap positive, slope positive → widening
    const s = analyseSeries(seriesFromGaps([-1.5, -0.5, 0.5, 1.5], { variance: 0.01 }));
    expect(s.direction).toBe(1);
    expect(s.status).toBe("widening");
  });

  it("latest gap exactly 0: direction is the sign of the slope; a flat zero gap is +1", () => {
    expect(analyseSeries(seriesFromGaps([1, 0.5, 0], { variance: 0.01 })).direction).toBe(-1);
    expect(analyseSeries(seriesFromGaps([-1, -0.5, 0], { variance: 0.01 })).direction).toBe(1);
    const flat = analyseSeries(seriesFromGaps([0, 0, 0], { variance: 0.01 }));
    expect(flat.direction).toBe(1);
    expect(flat.slopePerYear).toBe(0);
    expect(flat.status).toBe("stable");
    expect(flat.reasons[0]).toBe("NHS Staff Survey, staff engagement: managers and clinicians equally positive in January 2021");
    expect(flat.reasons[1]).toBe("no clear trend: gap did not change over 3 waves (p = 1.00)");
    expect(analyseSeries(seriesFromGaps([0], { variance: 0.01 })).direction).toBe(1);
  });

  it("a latest gap within rounding (1e-9) of 0 counts as 0", () => {
    // 6.1 − 0.1·… style arithmetic leaves ~1e-15 noise; the direction must not hinge on it
    const s = analyseSeries(seriesFromGaps([1, 0.5, 1e-12], { variance: 0.01 }));
    expect(s.direction).toBe(-1);
    expect(s.reasons[0]).toContain("managers and clinicians equally positive");
  });

  it("practical boundary: a change of exactly δ = 0.3 over the window counts, 0.29 does not", () => {
    // two waves a year apart, tiny variance so p ≈ 0
    const at = (change: number) => analyseSeries(seriesFromGaps([1, 1 + change], { variance: 1e-6, stepMonths: 12 }));
    expect(at(0.3).practical).toBe(true);
    expect(at(0.3).status).toBe("widening");
    const small = at(0.29);
    expect(small.practical).toBe(false);
    expect(small.pValue).toBeLessThan(0.001);
    // significant but too small to matter: stable, not watch
    expect(small.status).toBe("stable");
    expect(small.reasons[1]).toBe(
      "gap grew 0.3 points a year over 2 waves (p < 0.001), but that is only 0.29 points over the period, less than the 0.3 points judged to matter",
    );
    // δ is a setting
    expect(analyseSeries(seriesFromGaps([1, 1.29], { variance: 1e-6, stepMonths: 12 }), settings({ deltaScore: 0.2 })).status).toBe(
      "widening",
    );
  });

  it("the practical threshold uses the whole window length, not one year", () => {
    // 0.2 a year over 2 years = 0.4 ≥ 0.3
    const s = analyseSeries(
      seriesFromGaps([1, 1.1, 1.2, 1.3, 1.4], {
        variance: 1e-6,
        stepMonths: 6,
      }),
    );
    expect(s.slopePerYear).toBeCloseTo(0.2, 9);
    expect(s.changeOverWindow).toBeCloseTo(0.4, 9);
    expect(s.practical).toBe(true);
  });

  it("percent-positive series use deltaPercent (3 percentage points)", () => {
    const pct = (g1: number, g2: number) =>
      analyseSeries([
        ...wave("2023-01", { value: 50, n: 100000 }, { value: 50 + g1, n: 100000 }, { scale: "percent_positive" }),
        ...wave("2024-01", { value: 50, n: 100000 }, { value: 50 + g2, n: 100000 }, { scale: "percent_positive" }),
      ]);
    const big = pct(5, 8);
    expect(big.slopePerYear).toBeCloseTo(3, 10);
    expect(big.practical).toBe(true);
    expect(big.status).toBe("widening");
    expect(big.reasons[1]).toBe("gap grew 3.0 percentage points a year over 2 waves (p < 0.001)");
    const small = pct(5, 7.5);
    expect(small.practical).toBe(false);
    expect(small.status).toBe("stable");
  });

  it("percent values of 0 and 100 are clamped in the variance, never giving zero variance", () => {
    const s = analyseSeries([
      ...wave("2023-01", { value: 0, n: 20 }, { value: 100, n: 20 }, { scale: "percent_positive" }),
      ...wave("2023-07", { value: 0, n: 20 }, { value: 100, n: 20 }, { scale: "percent_positive" }),
    ]);
    // each family: 0.5·99.5/20 = 2.4875 → gap variance 4.975
    expect(s.waves[0].gapVariance).toBeCloseTo(4.975, 12);
    expect(s.waves[0].gap).toBe(100);
    expect(s.slopePerYear).toBe(0);
    expect(s.pValue).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------
describe("SPC (Making Data Count)", () => {
  // Hand-checked cases without screening (every moving range used), then the screened default.
  const OFF = { ...defaultGapSettings, spcScreenMovingRanges: false };

  it("computes centre, moving range and limits (hand-checked)", () => {
    // gaps 1, 1.2, 1, 1.2, 1, 3: centre = 8.4/6 = 1.4; MR = (0.2·4 + 2)/5 = 0.56
    // limits 1.4 ± 2.66·0.56 = 1.4 ± 1.4896; near-limits 1.4 ± 0.99307
    const spc = spcAnalysis([1, 1.2, 1, 1.2, 1, 3], 1, OFF)!;
    expect(spc.n).toBe(6);
    expect(spc.centre).toBeCloseTo(1.4, 12);
    expect(spc.movingRange).toBeCloseTo(0.56, 12);
    expect(spc.upper).toBeCloseTo(2.8896, 12);
    expect(spc.lower).toBeCloseTo(-0.0896, 12);
    expect(spc.nearUpper).toBeCloseTo(1.4 + (2 / 3) * 1.4896, 12);
    expect(spc.nearLower).toBeCloseTo(1.4 - (2 / 3) * 1.4896, 12);
    // 3 > 2.8896 → outside_limit; only one of the last 3 beyond 2.393 → no two_of_three
    expect(spc.signals).toEqual(["outside_limit"]);
  });

  it("needs at least spcMinPoints points", () => {
    expect(spcAnalysis([1, 2, 3, 4, 5], 1, OFF)).toBeNull();
    expect(spcAnalysis([1, 2, 3, 4, 5], 1, { ...OFF, spcMinPoints: 5 })).not.toBeNull();
  });

  it("only judges the widening direction d", () => {
    // the same spike is not a signal when the gap's direction is negative
    expect(spcAnalysis([1, 1.2, 1, 1.2, 1, 3], -1, OFF)!.signals).toEqual([]);
    // and a downward spike is one
    expect(spcAnalysis([-1, -1.2, -1, -1.2, -1, -3], -1, OFF)!.signals).toEqual(["outside_limit"]);
    expect(spcAnalysis([-1, -1.2, -1, -1.2, -1, -3], 1, OFF)!.signals).toEqual([]);
  });

  it("outside_limit: only the latest point counts", () => {
    // the spike is earlier; latest point is ordinary
    expect(spcAnalysis([1, 1.2, 1, 3, 1.2, 1, 1.2], 1, OFF)!.signals).not.toContain("outside_limit");
  });

  it("shift: the last 7 points all on the d side of the centre", () => {
    // centre = (0.1 + 3.8)/12 = 0.325; MR = 0.16364; near-upper = 0.6152, upper = 0.7603
    const gaps = [0.1, -0.1, 0.1, -0.1, 0.1, 0.5, 0.6, 0.5, 0.6, 0.5, 0.6, 0.5];
    expect(spcAnalysis(gaps, 1, OFF)!.signals).toEqual(["shift"]);
    // 6 above is not enough
    const six = [...gaps.slice(0, 6), 0.2, ...gaps.slice(7)];
    expect(spcAnalysis(six, 1, OFF)!.signals).toEqual([]);
    // and the run length is a setting
    expect(spcAnalysis(six, 1, { ...OFF, spcRunLength: 5 })!.signals).toEqual(["shift"]);
    // mirror image with d = −1
    expect(
      spcAnalysis(
        gaps.map((g) => -g),
        -1,
        OFF,
      )!.signals,
    ).toEqual(["shift"]);
    expect(
      spcAnalysis(
        gaps.map((g) => -g),
        1,
        OFF,
      )!.signals,
    ).toEqual([]);
  });

  it("trend: the last 7 points each further in direction d (6 successive moves)", () => {
    // centre 0.2818, upper 0.9734, near-upper 0.7429: only the trend rule fires
    const gaps = [0, 0.5, 0, 0.5, 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
    expect(spcAnalysis(gaps, 1, OFF)!.signals).toEqual(["trend"]);
    // a tie breaks the run
    const tie = [0, 0.5, 0, 0.5, 0, 0.1, 0.2, 0.2, 0.4, 0.5, 0.6];
    expect(spcAnalysis(tie, 1, OFF)!.signals).toEqual([]);
    // falling trend with d = −1
    expect(
      spcAnalysis(
        gaps.map((g) => -g),
        -1,
        OFF,
      )!.signals,
    ).toEqual(["trend"]);
    // a rising run is not a signal when widening means falling
    expect(spcAnalysis(gaps, -1, OFF)!.signals).not.toContain("trend");
  });

  it("two_of_three: 2 of the last 3 points beyond the near-limit on the d side", () => {
    // centre = 1.4/13 = 0.10769; MR = (9·0.1 + 3·0.3)/12 = 0.15;
    // upper = 0.10769 + 0.399 = 0.50669, near-upper = 0.10769 + 0.266 = 0.37369:
    // 0.4 is beyond the near-limit but inside the limit
    // (NHSRplotthedots' rule: all three on the same side of the mean, at least two close to the limits)
    // centre = 1.5/13 = 0.11538; MR = (9·0.1 + 0.3 + 0.2 + 0.2)/12 = 0.13333;
    // upper = 0.11538 + 0.35467, near-upper = 0.11538 + 0.23644: 0.4 is close, 0.2 above the mean
    const gaps = [0, 0.1, 0, 0.1, 0, 0.1, 0, 0.1, 0, 0.1, 0.4, 0.2, 0.4];
    const spc = spcAnalysis(gaps, 1, OFF)!;
    expect(spc.movingRange).toBeCloseTo(1.6 / 12, 12);
    expect(spc.upper).toBeCloseTo(1.5 / 13 + 2.66 * (1.6 / 12), 12);
    expect(spc.nearUpper).toBeCloseTo(1.5 / 13 + (2 / 3) * 2.66 * (1.6 / 12), 12);
    expect(spc.signals).toEqual(["two_of_three"]);
    // only the close points are flagged, not the one between them
    expect(spc.points.slice(10).map((p) => p.rules.includes("two_of_three"))).toEqual([true, false, true]);
    // only one of the last three close to the limit
    expect(spcAnalysis([...gaps.slice(0, 10), 0.4, 0.2, 0.2], 1, OFF)!.signals).toEqual([]);
    // the middle point below the mean: not all on one side, so no signal (NHSRplotthedots issue #143)
    expect(spcAnalysis([...gaps.slice(0, 10), 0.4, 0.1, 0.4], 1, OFF)!.signals).toEqual([]);
    expect(
      spcAnalysis(
        gaps.map((g) => -g),
        -1,
        OFF,
      )!.signals,
    ).toEqual(["two_of_three"]);
  });

  it("points equal up to rounding are ties, not moves or crossings", () => {
    // a rising run broken by a step of 1e-12 (rounding noise) is not a trend
    const gaps = [0, 0.5, 0, 0.5, 0, 0.1, 0.2, 0.3, 0.3 + 1e-12, 0.5, 0.6];
    expect(spcAnalysis(gaps, 1, OFF)!.signals).toEqual([]);
    // MR within rounding of 0 gives no signals either
    expect(spcAnalysis([2, 2, 2, 2, 2, 2 + 1e-12], 1, OFF)!.signals).toEqual([]);
  });

  it("MR = 0 gives no signals", () => {
    const spc = spcAnalysis([2, 2, 2, 2, 2, 2, 2, 2], 1, OFF)!;
    expect(spc.movingRange).toBe(0);
    expect(spc.upper).toBe(2);
    expect(spc.signals).toEqual([]);
  });

  it("screens outlying moving ranges by default, narrowing the limits", () => {
    // gaps 1, 1.2, 1, 1.2, 1, 3: the last moving range (2) is ≥ 3.267 × 0.56, so it is left out:
    // MR = 0.2, limits 1.4 ± 0.532
    const on = spcAnalysis([1, 1.2, 1, 1.2, 1, 3], 1, defaultGapSettings)!;
    expect(on.screening).toBe(true);
    expect(on.screenedOut).toBe(1);
    expect(on.movingRange).toBeCloseTo(0.2, 12);
    expect(on.upper).toBeCloseTo(1.932, 12);
    expect(on.signals).toEqual(["outside_limit"]);
    expect(spcAnalysis([1, 1.2, 1, 1.2, 1, 3], 1, OFF)!.screenedOut).toBe(0);
  });

  it("an SPC signal alone makes a series watch", () => {
    // 8 waves, big variance so the trend is not even watch-level significant, but the last point spikes
    const s = analyseSeries(seriesFromGaps([1, 1.2, 1, 1.2, 1, 1.2, 1, 3.2], { variance: 2 }));
    expect(s.pValue).toBeGreaterThan(0.2);
    expect(s.spc!.signals).toEqual(["outside_limit"]);
    expect(s.status).toBe("watch");
    expect(s.reasons).toContain("latest wave beyond the control limit (unusually wide gap)");
  });
});

// ---------------------------------------------------------------------------------------------
describe("status", () => {
  it("labels and severity order: widening > watch > narrowing > stable > insufficient data", () => {
    const order: GapStatus[] = ["widening", "watch", "narrowing", "stable", "insufficient_data"];
    for (let i = 1; i < order.length; i++) {
      expect(statusSeverity[order[i - 1]]).toBeGreaterThan(statusSeverity[order[i]]);
    }
    expect(order.map(statusLabel)).toEqual(["Widening", "Watch", "Narrowing", "Stable", "Insufficient data"]);
    expect(mostSerious(["stable", "narrowing", "insufficient_data"])).toBe("narrowing");
    expect(mostSerious(["stable", "watch", "narrowing"])).toBe("watch");
    expect(mostSerious(["watch", "widening"])).toBe("widening");
    expect(mostSerious(["insufficient_data", "stable"])).toBe("stable");
    expect(mostSerious([])).toBe("insufficient_data");
  });

  it("watch by trend needs practical importance too", () => {
    // two waves a year apart, V = 0.0001: b = 0.02, SE = √0.0002 = 0.01414, z = 1.414, p = 0.157,
    // widening at the watch level but a change of 0.02 points is too small to matter
    const s = analyseSeries(seriesFromGaps([1, 1.02], { variance: 0.0001, stepMonths: 12 }));
    expect(s.pValue).toBeCloseTo(0.1572992070502851, 8);
    expect(s.pValue).toBeGreaterThan(0.05);
    expect(s.pValue).toBeLessThan(0.2);
    expect(s.practical).toBe(false);
    expect(s.status).toBe("stable");
  });

  it("narrowing is decided before an SPC watch", () => {
    // early gaps near 0, then a large gap falling steadily: the last 7 points all sit above the centre
    // (shift), but the window's trend is a clear narrowing.
    const s = analyseSeries(
      // (a tie at 1.8 so that the fall is not a 7-point trend, which would make the latest point a
      // narrowing special cause rather than a shift)
      seriesFromGaps([0, 0.1, 0, 0.1, 0, 2.2, 2.0, 1.8, 1.8, 1.4, 1.2, 1.0], {
        variance: 0.001,
      }),
    );
    expect(s.spc!.signals).toContain("shift");
    expect(s.status).toBe("narrowing");
    expect(s.reasons).toContain("last 7 waves all on the wider side of the average gap");
  });

  it("the widening thresholds are settings", () => {
    const rows = seriesFromGaps([1.0, 1.4, 2.0], {
      start: "2023-01",
      variance: [0.04, 0.01, 0.04],
    }); // p = 0.175
    expect(analyseSeries(rows).status).toBe("watch");
    expect(analyseSeries(rows, settings({ alpha: 0.18, watchAlpha: 0.2 })).status).toBe("widening");
    expect(analyseSeries(rows, settings({ watchAlpha: 0.1 })).status).toBe("stable");
  });
});

// ---------------------------------------------------------------------------------------------
describe("analyseAll", () => {
  const org = (ods: string, gaps: number[], base: Partial<PulseAggregate> = {}, variance = 0.01) =>
    seriesFromGaps(gaps, { variance, base: { odsCode: ods, ...base } });

  it("groups by organisation and series, sorted by ODS code, survey and measure", () => {
    const rows = [
      ...org("RZZ", [1, 1]),
      ...org("RAA", [1, 1], { measure: "motivation" }),
      ...org("RAA", [1, 1], { survey: "NQPS" }),
      ...org("RAA", [1, 1], { measure: "advocacy" }),
      ...org("RAA", [1, 1]),
    ];
    const result = analyseAll(rows);
    expect(result.map((o) => o.odsCode)).toEqual(["RAA", "RZZ"]);
    expect(result[0].series.map((s) => `${s.survey}/${s.measure}`)).toEqual([
      "NQPS/engagement",
      "NSS/advocacy",
      "NSS/engagement",
      "NSS/motivation",
    ]);
    expect(analyseAll([])).toEqual([]);
  });

  it("never mixes NSS and NQPS", () => {
    // same organisation, measure and months; NSS gap 1, NQPS gap −2
    const rows = [...org("RAA", [1, 1, 1]), ...org("RAA", [-2, -2, -2], { survey: "NQPS" })];
    const [result] = analyseAll(rows);
    expect(result.series).toHaveLength(2);
    const [nqps, nss] = result.series;
    expect(nqps.survey).toBe("NQPS");
    expect(nqps.waves.map((w) => w.gap)).toEqual([-2, -2, -2].map((g) => expect.closeTo(g, 12)));
    expect(nss.waves.map((w) => w.gap)).toEqual([1, 1, 1].map((g) => expect.closeTo(g, 12)));
    expect(nss.waves.every((w) => w.clinician!.n === 100 && w.manager!.n === 100)).toBe(true);
  });

  it("fills a missing sd from the whole dataset (all organisations and waves)", () => {
    // RAA reports sds (n 41, sd 2 and n 21, sd 3 → pooled √((40·4 + 20·9)/60) = √(340/60)); RBB does not
    const rows = [
      ...wave("2024-01", { value: 6, n: 41, sd: 2 }, { value: 7, n: 21, sd: 3 }, { odsCode: "RAA" }),
      ...wave("2024-01", { value: 6, n: 30 }, { value: 7, n: 30 }, { odsCode: "RBB" }),
      ...wave("2024-01", { value: 6, n: 30 }, { value: 7, n: 30 }, { odsCode: "RCC", measure: "advocacy" }),
    ];
    const result = analyseAll(rows);
    const rbb = result.find((o) => o.odsCode === "RBB")!.series[0];
    // each family: S² = 29·(340/60)/29, V = S²/30
    expect(rbb.waves[0].clinician!.variance).toBeCloseTo(340 / 60 / 30, 12);
    // a measure with no sd anywhere uses 2.5 (or the setting)
    const rcc = result.find((o) => o.odsCode === "RCC")!.series[0];
    expect(rcc.waves[0].clinician!.variance).toBeCloseTo(6.25 / 30, 12);
    const rcc2 = analyseAll(rows, settings({ fallbackSd: 1 })).find((o) => o.odsCode === "RCC")!.series[0];
    expect(rcc2.waves[0].clinician!.variance).toBeCloseTo(1 / 30, 12);
  });

  it("organisation status is its most serious series, with that series' reasons", () => {
    const rows = [
      ...org("RAA", [1, 1.5, 2, 2.5]), // widening
      ...org("RAA", [2, 1.5, 1, 0.5], { measure: "advocacy" }), // narrowing
      ...org("RAA", [1, 1, 1, 1], { measure: "motivation" }), // stable
      ...org("RBB", [2, 1.5, 1, 0.5]), // narrowing
      ...org("RBB", [1], { measure: "advocacy" }), // insufficient
      ...org("RCC", [1], { measure: "advocacy" }), // insufficient
    ];
    const result = analyseAll(rows);
    const byOds = Object.fromEntries(result.map((o) => [o.odsCode, o]));
    expect(byOds.RAA.series.map((s) => s.status)).toEqual(["narrowing", "widening", "stable"]);
    expect(byOds.RAA.status).toBe("widening");
    expect(byOds.RAA.reasons).toEqual(byOds.RAA.series[1].reasons);
    expect(byOds.RBB.status).toBe("narrowing");
    expect(byOds.RCC.status).toBe("insufficient_data");
    expect(byOds.RCC.reasons[1]).toBe("only 1 usable wave, and a trend needs at least 2");
  });

  it("when several series share the top status, the reasons of each are given", () => {
    const rows = [...org("RAA", [1, 1.5, 2, 2.5]), ...org("RAA", [1, 1.5, 2, 2.5], { survey: "NQPS" })];
    const [o] = analyseAll(rows);
    expect(o.status).toBe("widening");
    expect(o.reasons).toEqual([...o.series[0].reasons, ...o.series[1].reasons]);
    expect(o.reasons[0]).toMatch(/^National Quarterly Pulse Survey, staff engagement: /);
  });
});

// ---------------------------------------------------------------------------------------------
describe("rolePairs (Powell and Davies drill-down)", () => {
  const rows = [
    row({
      fieldwork: "2024-01",
      staffGroup: "nurse_midwife",
      value: 7,
      respondents: 30,
      sd: 1,
    }),
    row({
      fieldwork: "2024-01",
      staffGroup: "consultant",
      value: 6,
      respondents: 20,
      sd: 2,
    }),
    row({
      fieldwork: "2024-01",
      staffGroup: "sas_doctor",
      value: 5,
      respondents: 10,
      sd: 2,
    }), // n < 11
    row({
      fieldwork: "2024-01",
      staffGroup: "resident_doctor",
      value: 4,
      respondents: 5,
      sd: 2,
    }), // n < 11: two withheld clinician groups, so no complementary suppression is needed
    row({
      fieldwork: "2024-01",
      staffGroup: "general_manager",
      value: 8,
      respondents: 15,
      sd: 1.5,
    }),
    row({
      fieldwork: "2024-01",
      staffGroup: "service_manager",
      value: 7.5,
      respondents: 12,
      sd: null,
    }),
    row({
      fieldwork: "2024-01",
      staffGroup: "porter",
      value: 1,
      respondents: 50,
      sd: 1,
    }),
  ];

  it("leaves out a group withheld by complementary suppression (no recovery by subtraction)", () => {
    // Only sas_doctor is small, so the next smallest clinician group (consultant) is withheld too.
    const oneSmall = rows.filter((r) => r.staffGroup !== "resident_doctor");
    const pairs = rolePairs(oneSmall, defaultGapSettings, 2);
    expect(pairs.map((p) => `${p.clinicianGroup}→${p.managerGroup}`)).toEqual([
      "nurse_midwife→general_manager",
      "nurse_midwife→service_manager",
    ]);
  });

  it("lists each clinician group × manager group with n ≥ minN, in vocabulary order", () => {
    const pairs = rolePairs(rows, defaultGapSettings, 2);
    expect(pairs.map((p) => `${p.clinicianGroup}→${p.managerGroup}`)).toEqual([
      "consultant→general_manager",
      "consultant→service_manager",
      "nurse_midwife→general_manager",
      "nurse_midwife→service_manager",
    ]);
    // consultant → general manager: gap 8 − 6 = 2; V = 2²/20 + 1.5²/15 = 0.2 + 0.15 = 0.35
    // CI = 2 ± z·√0.35 (z = Φ⁻¹(0.975))
    const p = pairs[0];
    expect(p.gap).toBe(2);
    expect(p.clinician).toEqual({ n: 20, mean: 6, variance: 0.2 });
    expect(p.manager.variance).toBeCloseTo(0.15, 14);
    expect(p.gapVariance).toBeCloseTo(0.35, 14);
    expect(p.ciLow).toBeCloseTo(2 - Z95 * Math.sqrt(0.35), 12);
    expect(p.ciHigh).toBeCloseTo(2 + Z95 * Math.sqrt(0.35), 12);
    // service managers have no sd: fallback 2 → V = 4/12
    expect(pairs[1].manager.variance).toBeCloseTo(4 / 12, 14);
    expect(pairs[3].gap).toBeCloseTo(0.5, 14);
  });

  it("respects minN and handles empty input", () => {
    expect(rolePairs(rows, settings({ minN: 5 }), 2).map((p) => p.clinicianGroup)).toContain("sas_doctor");
    expect(rolePairs(rows, settings({ minN: 25 }), 2)).toEqual([]);
    expect(rolePairs([], defaultGapSettings, 2)).toEqual([]);
  });

  it("rejects rows from more than one wave or series", () => {
    expect(() => rolePairs([...rows, { ...rows[0], fieldwork: "2024-07" }], defaultGapSettings, 2)).toThrow(/one fieldwork month/);
    expect(() => rolePairs([...rows, { ...rows[0], survey: "NQPS" }], defaultGapSettings, 2)).toThrow();
  });
});

// ---------------------------------------------------------------------------------------------
describe("flagRecord", () => {
  it("is the fixed CLI/JSON contract, unrounded", () => {
    const s = analyseSeries(seriesFromGaps([1.0, 1.5], { start: "2023-01", stepMonths: 12 }));
    const rec = flagRecord(s);
    expect(Object.keys(rec)).toEqual([
      "ods_code",
      "survey",
      "measure",
      "scale",
      "status",
      "waves_used",
      "latest_fieldwork",
      "latest_gap",
      "slope_per_year",
      "ci_low",
      "ci_high",
      "p_value",
      "spc_signals",
      "reasons",
    ]);
    expect(rec).toEqual({
      ods_code: "RAA",
      survey: "NSS",
      measure: "engagement",
      scale: "score_0_10",
      status: "widening",
      waves_used: 2,
      latest_fieldwork: "2024-01",
      latest_gap: s.latestGap,
      slope_per_year: s.slopePerYear,
      ci_low: s.ciLow,
      ci_high: s.ciHigh,
      p_value: s.pValue,
      spc_signals: [],
      reasons:
        "NHS Staff Survey, staff engagement: managers 1.5 points more positive than clinicians in January 2024; gap grew 0.5 points a year over 2 waves (p = 0.01)",
    });
    expect(JSON.parse(JSON.stringify(rec))).toEqual(rec);
  });

  it("uses null where a value does not exist", () => {
    const s: SeriesResult = analyseSeries(seriesFromGaps([1], { lowN: [0] }));
    expect(flagRecord(s)).toMatchObject({
      status: "insufficient_data",
      waves_used: 0,
      latest_fieldwork: null,
      latest_gap: null,
      slope_per_year: null,
      ci_low: null,
      ci_high: null,
      p_value: null,
      spc_signals: [],
      reasons: "NHS Staff Survey, staff engagement: no usable waves; 1 wave had fewer than 11 respondents in a family",
    });
  });

  it("lists SPC signals", () => {
    const s = analyseSeries(seriesFromGaps([1, 1.2, 1, 1.2, 1, 1.2, 1, 3.2], { variance: 2 }));
    expect(flagRecord(s).spc_signals).toEqual(["outside_limit"]);
  });
});
