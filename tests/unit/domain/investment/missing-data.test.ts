// Missing is missing: a period with no records gives no value (with its reason), never 0; series
// handed to Making Data Count carry null there and the board summary judges only real points. Tested
// on hand-made trusts and on the demo data a new user sees (no job plans before April 2025).
import { describe, expect, it } from "vitest";
import { boardSummary } from "~/domain/board";
import { defaultGapSettings } from "~/domain/gap-settings";
import { variationOf, xmr } from "~/domain/stats/xmr";

// The engine with the default settings, as the board uses them.
const mdcVariation = (values: readonly number[], better: "higher" | "lower") => variationOf(xmr(values, defaultGapSettings), better);
import { periodEnds, quarterEnds } from "~/domain/calendar";
import {
  type JobPlanRecord,
  type LeadershipData,
  type RoleTenure,
  NO_LEADER_PLANS_REASON,
  NO_PLANS_REASON,
  NO_POSTS_A_YEAR_AGO,
  NO_TRAINING_REASON,
  computeMetricsAt,
  coverageText,
  formatMeasure,
  measureByKey,
  measureSeries,
  measures,
  metricsSeries,
} from "~/domain/investment";
import { demoOrganisations } from "./demo";

let nextId = 1;
function post(i: number, start = "2018-01-01"): RoleTenure {
  return {
    id: nextId++,
    title: `Clinical director ${i}`,
    roleType: "clinical_director",
    level: "directorate",
    directorate: null,
    holderName: `Dr Holder ${i}`,
    holderBackground: "doctor",
    startDate: start,
    endDate: null,
  };
}
function plan(person: string, effectiveFrom: string, anrPas: number): JobPlanRecord {
  return { id: nextId++, person, roleId: null, effectiveFrom, effectiveTo: null, anrPas };
}

// Ten clinical directors in post throughout; job plans recorded only from April 2025, unchanged since.
const roles = Array.from({ length: 10 }, (_, i) => post(i + 1));
const flat: LeadershipData = {
  roles,
  jobPlans: roles.slice(0, 8).map((r) => plan(r.holderName!, "2025-04-01", 1)),
  training: [],
  consultantHeadcount: 200,
};
const ends = quarterEnds("2026-09-30", 8); // 2024-12-31 … 2026-09-30: two quarters before any job plan

describe("a period with no records has no value", () => {
  it("gives no PAs rate and no leadership-time share before any job plan is in force, with the reason", () => {
    const m = computeMetricsAt(flat, "2025-03-31");
    const pas = measureByKey("leadershipPasPer100").get(m);
    const time = measureByKey("leadersWithTimeShare").get(m);
    expect(pas).toMatchObject({ value: null, reason: NO_PLANS_REASON });
    expect(time).toMatchObject({ value: null, reason: NO_LEADER_PLANS_REASON });
    expect(formatMeasure(measureByKey("leadershipPasPer100"), pas.value)).toBe("No data");
    // Once plans are in force the values are real: 8 PAs per 200 consultants, 8 of 10 leaders.
    const after = computeMetricsAt(flat, "2025-06-30");
    expect(measureByKey("leadershipPasPer100").get(after).value).toBe(4);
    expect(measureByKey("leadersWithTimeShare").get(after).value).toBe(0.8);
  });

  it("gives no training measures when no training is recorded in the 12 months", () => {
    const m = computeMetricsAt(flat, "2026-09-30");
    expect(measureByKey("trainingHoursPerLeader").get(m)).toMatchObject({ value: null, reason: NO_TRAINING_REASON });
    expect(measureByKey("completionsPerLeader").get(m)).toMatchObject({ value: null, reason: NO_TRAINING_REASON });
  });

  it("gives no turnover when the register does not reach back 12 months", () => {
    const young: LeadershipData = { ...flat, roles: [post(1, "2025-01-01"), post(2, "2025-01-01")] };
    expect(measureByKey("turnoverRate").get(computeMetricsAt(young, "2025-06-30"))).toMatchObject({
      value: null,
      reason: NO_POSTS_A_YEAR_AGO,
    });
    expect(measureByKey("turnoverRate").get(computeMetricsAt(young, "2026-01-31")).value).toBe(0);
  });

  it("never reports a value together with a reason for it to be missing", () => {
    for (const d of ends) {
      const m = computeMetricsAt(flat, d);
      for (const def of measures) {
        const v = def.get(m);
        expect(v.value === null).toBe(v.reason !== null);
      }
    }
  });
});

describe("series keep missing periods missing", () => {
  it("carries null where there is no data and counts the periods with data", () => {
    const s = measureSeries(measureByKey("leadershipPasPer100"), metricsSeries(flat, ends));
    expect(s.points.map((p) => p.value)).toEqual([null, null, 4, 4, 4, 4, 4, 4]);
    expect(s.known).toEqual([4, 4, 4, 4, 4, 4]);
    expect(s.knownAsAt[0]).toBe("2025-06-30");
    expect(coverageText(s)).toBe("6 of 8 quarters have data");
  });

  it("does not call a flat measure improving because of periods without data (hand-made)", () => {
    const summary = boardSummary({
      organisationName: "Test (fictional)",
      asAt: ends.at(-1)!,
      minN: 11,
      gap: null,
      settings: defaultGapSettings,
      metrics: metricsSeries(flat, ends),
    });
    for (const key of ["leadershipPasPer100", "leadersWithTimeShare"] as const) {
      const row = summary.rows.find((r) => r.key === key)!;
      expect(row.values.slice(0, 2)).toEqual([null, null]);
      expect(row.variation).toBe("common_cause");
    }
    expect(summary.overall.sentence).not.toContain("concerning special-cause");
  });

  it("is judged on real points only: with too few periods of data there is no judgement", () => {
    // Job plans only from the last two quarters: two real points are not enough for a signal.
    const late: LeadershipData = { ...flat, jobPlans: roles.map((r) => plan(r.holderName!, "2026-04-01", 1)) };
    const summary = boardSummary({
      organisationName: "Test (fictional)",
      asAt: ends.at(-1)!,
      minN: 11,
      gap: null,
      settings: defaultGapSettings,
      metrics: metricsSeries(late, ends),
    });
    expect(summary.rows.find((r) => r.key === "leadershipPasPer100")!.variation).toBe("not_enough_data");
  });
});

describe("on the demo data", () => {
  const orgs = demoOrganisations();

  it("shows no data, not 0.0 PAs in 0 job plans, for the quarter ending March 2025", () => {
    expect(orgs).toHaveLength(12);
    for (const o of orgs) {
      const m = computeMetricsAt(o.data, "2025-03-31");
      expect(m.pas.plans).toBe(0);
      for (const key of ["leadershipPasPer100", "leadersWithTimeShare"] as const) {
        const v = measureByKey(key).get(m);
        expect(v.value, `${o.odsCode} ${key}`).toBeNull();
        expect(v.reason).not.toBeNull();
      }
    }
  });

  it("feeds Making Data Count only real points, so no judgement rests on a false zero", () => {
    for (const asAt of ["2025-03-31", "2025-09-30", "2026-03-31", "2026-11-26"]) {
      for (const o of orgs) {
        const metrics = metricsSeries(o.data, periodEnds(asAt));
        const summary = boardSummary({ organisationName: o.name, asAt, minN: 11, gap: null, settings: defaultGapSettings, metrics });
        for (const def of measures) {
          const row = summary.rows.find((r) => r.key === def.key)!;
          const s = measureSeries(def, metrics);
          // Every period whose basis rests on no records is null in the series the board draws.
          s.points.forEach((p, i) => {
            if (p.value === null) expect(row.values[i]).toBeNull();
          });
          if (def.key === "leadershipPasPer100" || def.key === "leadersWithTimeShare") {
            expect(s.known, `${o.odsCode} ${def.key} ${asAt}`).not.toContain(0);
          }
          expect(row.variation).toBe(mdcVariation(s.known, def.better));
        }
      }
    }
  });

  it("no longer calls the PAs and leadership-time measures improving because of the empty quarter", () => {
    // Before the fix every demo trust with a consultant headcount showed "Improving (high)" here,
    // the only signal being the false 0 for the quarter ending March 2025.
    let improvingBecauseOfZero = 0;
    for (const o of orgs) {
      const metrics = metricsSeries(o.data, periodEnds("2026-11-26"));
      const summary = boardSummary({
        organisationName: o.name,
        asAt: "2026-11-26",
        minN: 11,
        gap: null,
        settings: defaultGapSettings,
        metrics,
      });
      for (const key of ["leadershipPasPer100", "leadersWithTimeShare"] as const) {
        const row = summary.rows.find((r) => r.key === key)!;
        expect(row.values[0]).toBeNull();
        const withoutFirst = measureSeries(measureByKey(key), metrics.slice(1));
        if (row.variation !== mdcVariation(withoutFirst.known, measureByKey(key).better)) improvingBecauseOfZero++;
      }
    }
    expect(improvingBecauseOfZero).toBe(0);
  });
});
