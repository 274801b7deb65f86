// Property-based tests of the gap method (fast-check).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyseAll, analyseSeries, defaultGapSettings, fitTrend, spcAnalysis, type PulseAggregate, type SeriesResult } from "~/domain/gap";
import { GAP_DECIMALS } from "~/domain/gap/types";
import { addMonths } from "./gap-fixtures";

const MONTHS = Array.from({ length: 10 }, (_, i) => addMonths("2021-01", 3 * i));
const CLINICIAN_GROUPS = ["consultant", "nurse_midwife"] as const;
const MANAGER_GROUPS = ["general_manager", "service_manager"] as const;

/** Any row of a small world: 2 organisations, 2 surveys, a score and a percent measure. */
const anyRow: fc.Arbitrary<PulseAggregate> = fc
  .record({
    odsCode: fc.constantFrom("RAA", "RBB"),
    survey: fc.constantFrom("NSS", "NQPS"),
    percent: fc.boolean(),
    fieldwork: fc.constantFrom(...MONTHS),
    staffGroup: fc.constantFrom(...CLINICIAN_GROUPS, ...MANAGER_GROUPS, "porter"),
    unit: fc.double({ min: 0, max: 1, noNaN: true }),
    respondents: fc.integer({ min: 0, max: 80 }),
    sd: fc.option(fc.double({ min: 0, max: 4, noNaN: true }), { nil: null }),
  })
  .map(({ percent, unit, ...r }) => ({
    ...r,
    measure: percent ? "advocacy" : "engagement",
    scale: percent ? ("percent_positive" as const) : ("score_0_10" as const),
    value: percent ? 100 * unit : 10 * unit,
  }));

const anyDataset = fc.array(anyRow, { maxLength: 120 });

/** A score series of one organisation in which every group reports an sd. */
const scoreSeries: fc.Arbitrary<PulseAggregate[]> = fc
  .uniqueArray(fc.constantFrom(...MONTHS), { minLength: 2, maxLength: 10 })
  .chain((months) =>
    fc.tuple(
      ...months.map((fieldwork) =>
        fc.tuple(
          ...[...CLINICIAN_GROUPS, ...MANAGER_GROUPS].map((staffGroup) =>
            fc.record({
              odsCode: fc.constant("RAA"),
              survey: fc.constant("NSS"),
              measure: fc.constant("engagement"),
              scale: fc.constant("score_0_10" as const),
              fieldwork: fc.constant(fieldwork),
              staffGroup: fc.constant(staffGroup),
              value: fc.double({ min: 0, max: 10, noNaN: true }),
              respondents: fc.integer({ min: 1, max: 60 }),
              sd: fc.double({ min: 0.1, max: 3, noNaN: true }),
            }),
          ),
        ),
      ),
    ),
  )
  .map((waves) => waves.flat());

function close(actual: number | null, expected: number | null, tol = 1e-9) {
  if (expected === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
}

function expectSameTrend(a: SeriesResult, b: SeriesResult, tol = 1e-9) {
  close(a.slopePerYear, b.slopePerYear, tol);
  close(a.se, b.se, tol);
  close(a.pValue, b.pValue, tol);
  close(a.ciLow, b.ciLow, tol);
  close(a.ciHigh, b.ciHigh, tol);
  expect(a.wavesUsed).toBe(b.wavesUsed);
  expect(a.df).toBe(b.df);
}

describe("gap analysis properties", () => {
  it("permuting the input rows changes nothing (exactly)", () => {
    fc.assert(
      fc.property(
        anyDataset.chain((rows) =>
          fc.tuple(
            fc.constant(rows),
            fc.shuffledSubarray(rows, {
              minLength: rows.length,
              maxLength: rows.length,
            }),
          ),
        ),
        ([rows, shuffled]) => {
          expect(analyseAll(shuffled)).toEqual(analyseAll(rows));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("never produces NaN or infinity, and every status follows the rules", () => {
    const s = defaultGapSettings;
    fc.assert(
      fc.property(anyDataset, (rows) => {
        for (const org of analyseAll(rows)) {
          for (const series of org.series) {
            for (const v of [series.slopePerYear, series.se, series.pValue, series.ciLow, series.ciHigh, series.latestGap]) {
              if (v !== null) expect(Number.isFinite(v)).toBe(true);
            }
            for (const w of series.waves) {
              if (w.usable) expect(Number.isFinite(w.gapVariance!)).toBe(true);
              expect(w.usable).toBe(w.clinician !== null && w.manager !== null && w.clinician.n >= 11 && w.manager.n >= 11);
              expect(w.usable ? w.reason === null : typeof w.reason === "string" && w.reason.length > 0).toBe(true);
            }
            const k = series.wavesUsed;
            expect(k).toBe(Math.min(s.windowWaves, series.waves.filter((w) => w.usable).length));
            expect(series.reasons.length).toBeGreaterThan(0);
            if (k < 2) {
              expect(series.status).toBe("insufficient_data");
              continue;
            }
            const db = series.direction! * series.slopePerYear!;
            const p = series.pValue!;
            const signals = series.spc?.signals.length ?? 0;
            const expected =
              db > 0 && p < s.alpha && series.practical
                ? "widening"
                : db < 0 && p < s.alpha && series.practical
                  ? "narrowing"
                  : (db > 0 && p < s.watchAlpha && series.practical) || signals > 0
                    ? "watch"
                    : "stable";
            expect(series.status).toBe(expected);
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(1);
            expect(series.ciLow!).toBeLessThanOrEqual(series.slopePerYear!);
            expect(series.ciHigh!).toBeGreaterThanOrEqual(series.slopePerYear!);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("splitting a staff group into two with the same combined n, mean and pooled sd changes nothing", () => {
    fc.assert(
      fc.property(
        scoreSeries,
        fc.nat(),
        fc.double({ min: 0, max: 0.95, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (rows, pick, u, f, cut) => {
          const candidates = rows.map((r, i) => i).filter((i) => rows[i].respondents >= 4);
          fc.pre(candidates.length > 0);
          const index = candidates[pick % candidates.length];
          const { respondents: n, value: x, sd } = rows[index];
          const s = sd!;
          // n1, n2 ≥ 2; means x ± offsets with n1·x1 + n2·x2 = n·x; between-part n1(x1−x)² + n2(x2−x)² = u²(n−1)s²;
          // the remainder (1 − u²)(n−1)s² is shared between the two within-group sums of squares.
          const n1 = 2 + Math.min(n - 4, Math.floor(cut * (n - 3))); // 2 ≤ n1 ≤ n − 2
          const n2 = n - n1;
          const delta = u * Math.sqrt(((n - 1) * s * s * n) / (n1 * n2));
          const x1 = x + (delta * n2) / n;
          const x2 = x - (delta * n1) / n;
          const rest = (n - 1) * s * s * (1 - u * u);
          const s1 = Math.sqrt((f * rest) / (n1 - 1));
          const s2 = Math.sqrt(((1 - f) * rest) / (n2 - 1));
          const partner =
            rows[index].staffGroup === "consultant" || rows[index].staffGroup === "nurse_midwife" ? "other_clinician" : "other_manager";
          const split = [
            ...rows.slice(0, index),
            { ...rows[index], respondents: n1, value: x1, sd: s1 },
            {
              ...rows[index],
              staffGroup: partner,
              respondents: n2,
              value: x2,
              sd: s2,
            },
            ...rows.slice(index + 1),
          ];
          const before = analyseSeries(rows, defaultGapSettings, 2.5);
          const after = analyseSeries(split, defaultGapSettings, 2.5);
          expect(after.waves.length).toBe(before.waves.length);
          before.waves.forEach((w, i) => {
            const v = after.waves[i];
            expect(v.usable).toBe(w.usable);
            for (const fam of ["clinician", "manager"] as const) {
              expect(v[fam]!.n).toBe(w[fam]!.n);
              close(v[fam]!.mean, w[fam]!.mean);
              close(v[fam]!.variance, w[fam]!.variance);
            }
            close(v.gap, w.gap);
          });
          expectSameTrend(after, before, 1e-7);
          expect(after.status).toBe(before.status);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("adding a constant to every gap leaves slope, SE and p unchanged (fitTrend)", () => {
    const points = fc
      .uniqueArray(fc.integer({ min: 0, max: 60 }), {
        minLength: 2,
        maxLength: 8,
      })
      .chain((months) =>
        fc.tuple(
          ...[...months]
            .sort((a, b) => a - b)
            .map((m) =>
              fc.record({
                t: fc.constant(m / 12),
                gap: fc.double({ min: -5, max: 5, noNaN: true }),
                variance: fc.double({ min: 0.001, max: 1, noNaN: true }),
              }),
            ),
        ),
      );
    fc.assert(
      fc.property(points, fc.double({ min: -5, max: 5, noNaN: true }), (pts, c) => {
        const a = fitTrend(pts)!;
        const b = fitTrend(pts.map((p) => ({ ...p, gap: p.gap + c })))!;
        close(b.slope, a.slope);
        close(b.se, a.se);
        close(b.pValue, a.pValue);
        close(b.intercept, a.intercept + c);
        expect(b.df).toBe(a.df);
      }),
    );
  });

  it("adding a constant to every manager score leaves slope, SE and p unchanged (whole series)", () => {
    // The constant is a whole number of the gap's smallest step (gaps are kept to GAP_DECIMALS places):
    // any other constant moves each gap by its own rounding, up to half a step.
    const step = 10 ** -GAP_DECIMALS;
    fc.assert(
      fc.property(
        scoreSeries,
        fc.integer({ min: -3 / step, max: 3 / step }).map((k) => k * step),
        (rows, c) => {
          const shifted = rows.map((r) =>
            r.staffGroup === "general_manager" || r.staffGroup === "service_manager" ? { ...r, value: r.value + c } : r,
          );
          const a = analyseSeries(rows, defaultGapSettings, 2.5);
          const b = analyseSeries(shifted, defaultGapSettings, 2.5);
          a.waves.forEach((w, i) => {
            close(b.waves[i].gapVariance, w.gapVariance);
            if (w.gap !== null) close(b.waves[i].gap, w.gap + c, step / 2);
          });
          expectSameTrend(b, a, 1e-7);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("waves before the window do not affect the trend", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), {
          minLength: 6,
          maxLength: 6,
        }),
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.array(fc.double({ min: 0.001, max: 0.5, noNaN: true }), {
          minLength: 12,
          maxLength: 12,
        }),
        (windowGaps, earlier, variances) => {
          const build = (gaps: number[], start: string) =>
            gaps.flatMap((g, i) => {
              const sd = Math.sqrt(50 * variances[i]);
              const fieldwork = addMonths(start, 6 * i);
              return [
                {
                  odsCode: "RAA",
                  survey: "NSS",
                  measure: "engagement",
                  scale: "score_0_10" as const,
                  fieldwork,
                  staffGroup: "consultant",
                  value: 5,
                  respondents: 100,
                  sd,
                },
                {
                  odsCode: "RAA",
                  survey: "NSS",
                  measure: "engagement",
                  scale: "score_0_10" as const,
                  fieldwork,
                  staffGroup: "general_manager",
                  value: 5 + g,
                  respondents: 100,
                  sd,
                },
              ];
            });
          const alone = analyseSeries(build(windowGaps, "2022-01"), defaultGapSettings, 2.5);
          const withHistory = analyseSeries(
            [...build(earlier, addMonths("2022-01", -6 * earlier.length)), ...build(windowGaps, "2022-01")],
            defaultGapSettings,
            2.5,
          );
          expect(withHistory.wavesUsed).toBe(6);
          expect(withHistory.slopePerYear).toBe(alone.slopePerYear);
          expect(withHistory.se).toBe(alone.se);
          expect(withHistory.pValue).toBe(alone.pValue);
          expect(withHistory.waves.filter((w) => w.inWindow).map((w) => w.t)).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
        },
      ),
    );
  });

  it("SPC is mirror-symmetric: negating the gaps and the direction gives the same signals", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), {
          minLength: 6,
          maxLength: 20,
        }),
        fc.constantFrom(1 as const, -1 as const),
        fc.boolean(),
        (gaps, d, screen) => {
          const settings = { ...defaultGapSettings, spcScreenMovingRanges: screen };
          const a = spcAnalysis(gaps, d, settings)!;
          const b = spcAnalysis(
            gaps.map((g) => -g),
            d === 1 ? -1 : 1,
            settings,
          )!;
          expect(b.signals).toEqual(a.signals);
          expect(b.centre + a.centre).toBe(0);
          expect(b.movingRange).toBe(a.movingRange);
        },
      ),
    );
  });
});
