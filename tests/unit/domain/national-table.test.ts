// The national table's rules (trend signed as widening with its interval turned with it, filters,
// order with missing values last) and the national scatter's Spearman's rho and "one trust drives
// this result" check.
import { describe, expect, it } from "vitest";
import { nationalScatters } from "~/domain/benchmarks";
import { type NationalRow, matchesNational, sortNationalRows, wideningTrend } from "~/domain/dashboard/national-table";
import { type LeadershipData, type RoleTenure, computeMetricsAt, measures } from "~/domain/investment";

let id = 1;
/** Metrics of a trust with ten clinical director posts of which `vacant` are vacant. */
function vacancy(vacant: number) {
  const roles: RoleTenure[] = Array.from({ length: 10 }, (_, i) => ({
    id: id++,
    title: `Clinical director ${i}`,
    roleType: "clinical_director",
    level: "directorate",
    directorate: null,
    holderName: i < vacant ? null : `Dr ${i}`,
    holderBackground: i < vacant ? null : "doctor",
    startDate: "2024-01-01",
    endDate: null,
  }));
  const data: LeadershipData = { roles, jobPlans: [], training: [], consultantHeadcount: 100 };
  return computeMetricsAt(data, "2026-03-31");
}

const members = (ys: number[], xs: number[]) =>
  ys.map((y, i) => ({
    id: i + 1,
    name: `Trust ${i + 1} (fictional)`,
    odsCode: `XT${i + 1}`,
    metrics: vacancy(xs[i]!),
    trend: y,
    status: "stable" as const,
  }));

describe("the national scatter's rank correlation and leave-one-out check", () => {
  it("names the one trust that alone makes an association look clear", () => {
    const noise = [0.2, -0.1, 0.3, -0.2, 0.1, 0.0, -0.3, 0.2];
    const ys = [...noise, ...noise.map((y) => -y), 5];
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8, 10];
    const [v] = nationalScatters(members(ys, xs));
    expect(v!.key).toBe("vacancyRate");
    expect(v!.correlation!.ciLow).toBeGreaterThan(0);
    expect(v!.drivenBy).toMatchObject({ odsCode: "XT17", name: "Trust 17 (fictional)" });
    expect(v!.drivenBy!.without.ciLow).toBeLessThan(0);
    // The ranks are less swayed by the one extreme trust.
    expect(v!.spearman!.r).toBeLessThan(v!.correlation!.r);
  });

  it("says no single trust drives a steady association", () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    const ys = xs.map((x, i) => x * 0.2 + [0.05, -0.04, 0.03, -0.02, 0.01, -0.03, 0.04, -0.05, 0.02][i]!);
    const [v] = nationalScatters(members(ys, xs));
    expect(v!.correlation!.r).toBeGreaterThan(0.95);
    expect(v!.spearman!.r).toBe(1);
    expect(v!.drivenBy).toBeNull();
  });
});

describe("the national table", () => {
  it("signs the trend as widening and turns its interval with it", () => {
    expect(wideningTrend({ slopePerYear: 0.3, ciLow: 0.1, ciHigh: 0.5, direction: 1, status: "widening" })).toEqual({
      perYear: 0.3,
      ciLow: 0.1,
      ciHigh: 0.5,
      status: "widening",
    });
    // A negative gap growing more negative is widening: slope −0.3 (−0.5 to −0.1) becomes +0.3 (0.1 to 0.5).
    expect(wideningTrend({ slopePerYear: -0.3, ciLow: -0.5, ciHigh: -0.1, direction: -1, status: "widening" })).toMatchObject({
      perYear: 0.3,
      ciLow: 0.1,
      ciHigh: 0.5,
    });
    expect(wideningTrend({ slopePerYear: null, ciLow: null, ciHigh: null, direction: null, status: "insufficient_data" })).toBeNull();
  });

  it("filters by region, ICB and type together", () => {
    const o = { region: "london", icb: "QX5", type: "acute" };
    expect(matchesNational(o, { region: null, icb: null, type: null })).toBe(true);
    expect(matchesNational(o, { region: "london", icb: "QX5", type: "acute" })).toBe(true);
    expect(matchesNational(o, { region: null, icb: "QX1", type: null })).toBe(false);
    expect(matchesNational({ ...o, icb: null }, { region: null, icb: "QX5", type: null })).toBe(false);
  });

  it("sorts with missing values last in either direction, then by name", () => {
    const empty = Object.fromEntries(measures.map((m) => [m.key, null])) as NationalRow["measures"];
    const row = (name: string, perYear: number | null, v: number | null): NationalRow => ({
      id: name.charCodeAt(0),
      name,
      odsCode: `X${name}`,
      region: "london",
      icb: null,
      type: "acute",
      status: "stable",
      trend: perYear === null ? null : { perYear, ciLow: null, ciHigh: null, status: "stable" },
      measures: { ...empty, vacancyRate: v },
    });
    const rows = [row("C", null, 0.2), row("A", 0.5, null), row("B", -0.2, 0.1), row("D", 0.5, 0.3)];
    const labels = { region: (k: string) => k, icb: (c: string | null) => c ?? "", type: (k: string) => k };
    const names = (sort: Parameters<typeof sortNationalRows>[1], dir: "asc" | "desc") =>
      sortNationalRows(rows, sort, dir, labels).map((r) => r.name);
    expect(names("trend", "desc")).toEqual(["A", "D", "B", "C"]);
    expect(names("trend", "asc")).toEqual(["B", "A", "D", "C"]);
    expect(names("vacancyRate", "asc")).toEqual(["B", "C", "D", "A"]);
    expect(names("vacancyRate", "desc")).toEqual(["D", "C", "B", "A"]);
    expect(names("name", "desc")).toEqual(["D", "C", "B", "A"]);
  });
});
