import { describe, expect, it } from "vitest";
import {
  NO_RESULTS_REASON,
  analyseOrganisation,
  analyseOrganisations,
  clearGapAnalysisCache,
  flagRecords,
} from "~/models/gap-analysis.server";
import { db } from "~/utils/db.server";
import { scopeOf } from "~/utils/permissions";
import { callRoute, makeOrganisation, makeUser, requestAs } from "../support/factories";
import * as csvRoute from "~/routes/flags[.csv]";
import * as jsonRoute from "~/routes/flags[.json]";
import * as xlsxRoute from "~/routes/flags[.xlsx]";
import * as trendsRoute from "~/routes/organisations.$id.trends";
import * as flagsPage from "~/routes/flags._index";
import * as trendsCsv from "~/routes/organisations.$id.trends[.csv]";

const all = { kind: "all" } as const;

type Group = { group: string; value: number; n: number; sd?: number | null };

/** One wave of pulse rows for an organisation. */
async function wave(
  organisationId: number,
  fieldwork: string,
  groups: Group[],
  over: { survey?: string; measure?: string; scale?: string } = {},
) {
  await db.pulseResult.createMany({
    data: groups.map((g) => ({
      organisationId,
      survey: over.survey ?? "NSS",
      measure: over.measure ?? "engagement",
      scale: over.scale ?? "score_0_10",
      fieldwork,
      staffGroup: g.group,
      value: g.value,
      respondents: g.n,
      sd: g.sd === undefined ? 1.5 : g.sd,
    })),
  });
}

/** Annual NSS waves (October, from 2018) with the given manager − clinician gaps. */
async function series(organisationId: number, gaps: number[], startYear = 2018) {
  for (const [i, gap] of gaps.entries()) {
    await wave(organisationId, `${startYear + i}-10`, [
      { group: "consultant", value: 6.8, n: 150 },
      { group: "nurse_midwife", value: 6.8, n: 300 },
      { group: "general_manager", value: 6.8 + gap, n: 80 },
      { group: "service_manager", value: 6.8 + gap, n: 90 },
    ]);
  }
}

const WIDENING = [0.2, 0.22, 0.25, 0.3, 0.45, 0.7, 0.95, 1.4];
const STABLE = [0.5, 0.55, 0.45, 0.52, 0.48, 0.51, 0.47, 0.5];

/** Every object in a value that looks like family or group statistics ({ n, mean, variance }). */
function statsIn(value: unknown, out: Array<{ n: number }> = []): Array<{ n: number }> {
  if (Array.isArray(value)) value.forEach((v) => statsIn(v, out));
  else if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (typeof o.n === "number" && "mean" in o) out.push(o as { n: number });
    Object.values(o).forEach((v) => statsIn(v, out));
  }
  return out;
}

describe("gap analysis data layer", () => {
  it("analyses every organisation but returns only what the scope may see", async () => {
    const a = await makeOrganisation({ odsCode: "RGA1", name: "Fictional Widening NHS Trust", region: "london", type: "acute" });
    const b = await makeOrganisation({ odsCode: "RGA2", name: "Fictional Steady NHS Trust", region: "midlands", type: "community" });
    const empty = await makeOrganisation({ odsCode: "RGA3", name: "Fictional Empty NHS Trust" });
    await series(a.id, WIDENING);
    await series(b.id, STABLE);
    const hr = await makeUser("hr", a.id);

    const everything = await analyseOrganisations(all);
    const mine = everything.filter((i) => [a.id, b.id, empty.id].includes(i.organisation.id));
    expect(mine.map((i) => [i.organisation.odsCode, i.result.status])).toEqual([
      ["RGA1", "widening"],
      ["RGA2", "stable"],
      ["RGA3", "insufficient_data"],
    ]);
    expect(mine[0].organisation).toEqual({
      id: a.id,
      odsCode: "RGA1",
      name: "Fictional Widening NHS Trust",
      type: "acute",
      region: "london",
      icb: null,
      closedOn: null,
    });
    expect(mine[2].result).toMatchObject({ series: [], reasons: [NO_RESULTS_REASON] });

    const scope = scopeOf({ id: hr.id, role: "hr", organisationId: hr.organisationId });
    const scoped = await analyseOrganisations(scope);
    expect(scoped.map((i) => i.organisation.id)).toEqual([a.id]);
    expect(await analyseOrganisation(scope, b.id)).toBeNull();
    expect((await analyseOrganisation(scope, a.id))?.result.status).toBe("widening");
    expect(await analyseOrganisation(all, 999_999)).toBeNull();
    expect((await flagRecords(scope)).map((r) => r.ods_code)).toEqual(["RGA1"]);

    // The scoped numbers are the same as the national ones (the input is never scoped).
    expect((await analyseOrganisation(scope, a.id))!.result).toEqual(mine[0].result);

    // Filters: region, type, overall status.
    const ids = async (f: Parameters<typeof analyseOrganisations>[1]) =>
      (await analyseOrganisations(all, f)).map((i) => i.organisation.id).filter((id) => [a.id, b.id, empty.id].includes(id));
    expect(await ids({ region: "midlands" })).toEqual([b.id]);
    expect(await ids({ type: "community" })).toEqual([b.id]);
    expect(await ids({ status: "widening" })).toEqual([a.id]);
    expect(await ids({ status: "insufficient_data", region: "london" })).toEqual([empty.id]);
  });

  it("analyses as at a date: only waves with fieldwork up to that month", async () => {
    const org = await makeOrganisation({ odsCode: "RGB1" });
    await series(org.id, WIDENING);
    const now = (await analyseOrganisation(all, org.id))!.result.series[0];
    expect(now.latestFieldwork).toBe("2025-10");
    expect(now.waves).toHaveLength(8);

    const then = (await analyseOrganisation(all, org.id, { asAt: "2021-10-01" }))!.result.series[0];
    expect(then.waves.map((w) => w.fieldwork)).toEqual(["2018-10", "2019-10", "2020-10", "2021-10"]);
    expect(then.latestFieldwork).toBe("2021-10");
    expect(then.latestGap).toBeCloseTo(0.3, 10);

    const before = (await analyseOrganisation(all, org.id, { asAt: "2021-09-30" }))!.result.series[0];
    expect(before.latestFieldwork).toBe("2020-10");
    const records = await flagRecords(all, { asAt: "2019-10-31" });
    expect(records.find((r) => r.ods_code === "RGB1")).toMatchObject({ waves_used: 2, latest_fieldwork: "2019-10", spc_signals: [] });
    // Before any wave the organisation is still listed, with no results.
    const none = await analyseOrganisation(all, org.id, { asAt: "2017-01-01" });
    expect(none?.result).toMatchObject({ status: "insufficient_data", series: [] });

    await expect(analyseOrganisations(all, { asAt: "2021-13-01" })).rejects.toThrow(RangeError);
    await expect(analyseOrganisations(all, { asAt: "yesterday" })).rejects.toThrow(RangeError);
  });

  it("returns one flag record per series with the fixed fields, unrounded, null where absent", async () => {
    const org = await makeOrganisation({ odsCode: "RGC1" });
    await series(org.id, WIDENING);
    // A pulse series with one usable wave only, in another survey: a separate series.
    await wave(
      org.id,
      "2025-04",
      [
        { group: "consultant", value: 61, n: 80, sd: null },
        { group: "general_manager", value: 70, n: 40, sd: null },
      ],
      { survey: "NQPS", scale: "percent_positive" },
    );
    const records = (await flagRecords(all)).filter((r) => r.ods_code === "RGC1");
    expect(records.map((r) => [r.survey, r.status])).toEqual([
      ["NQPS", "insufficient_data"],
      ["NSS", "widening"],
    ]);
    for (const r of records) {
      expect(Object.keys(r)).toEqual([
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
      expect(Array.isArray(r.spc_signals)).toBe(true);
      expect(typeof r.reasons).toBe("string");
    }
    const [pulse, nss] = records;
    expect(pulse).toMatchObject({
      waves_used: 1,
      latest_fieldwork: "2025-04",
      latest_gap: 9,
      slope_per_year: null,
      ci_low: null,
      ci_high: null,
      p_value: null,
      spc_signals: [],
    });
    expect(nss.waves_used).toBe(6);
    expect(nss.slope_per_year).toBeGreaterThan(0);
    expect(nss.ci_low!).toBeLessThan(nss.slope_per_year!);
    expect(nss.p_value!).toBeLessThan(0.05);
    // The gap is kept to GAP_DECIMALS (six) places by the method, so it is 1.4 and not the
    // 1.4000000000000012 of the floating-point sums; the file rounds nothing further.
    expect(nss.latest_gap).toBe(1.4);
    expect(nss.slope_per_year).not.toBe(Number(nss.slope_per_year!.toFixed(6))); // unrounded
    // The latest wave is outside the limits, so it is not "close" and 2 of 3 does not fire (NHSRplotthedots).
    expect(nss.spc_signals).toEqual(["outside_limit", "trend"]);
  });

  it("never publishes a family or a staff group below min_n", async () => {
    const org = await makeOrganisation({ odsCode: "RGD1" });
    await series(org.id, STABLE.slice(0, 3));
    // 2021: managers have 6 respondents in all → the wave is left out and their numbers withheld.
    await wave(org.id, "2021-10", [
      { group: "consultant", value: 6.8, n: 150 },
      { group: "general_manager", value: 9.9, n: 6 },
    ]);
    // 2022 (latest usable): SAS doctors (5) are below min_n, so the next smallest clinician group
    // (nurses, 40) is withheld too, or SAS doctors could be worked out from the clinician total.
    await wave(org.id, "2022-10", [
      { group: "consultant", value: 6.5, n: 50 },
      { group: "nurse_midwife", value: 6.9, n: 40 },
      { group: "sas_doctor", value: 3.1, n: 5 },
      { group: "general_manager", value: 7.4, n: 30 },
      { group: "service_manager", value: 7.2, n: 25 },
    ]);
    const item = (await analyseOrganisation(all, org.id))!;
    const s = item.result.series[0];
    const left = s.waves.find((w) => w.fieldwork === "2021-10")!;
    expect(left).toMatchObject({ usable: false, manager: null, managerWithheld: true, clinicianWithheld: false, gap: null });
    expect(left.clinician?.n).toBe(150);
    expect(left.reason).toBe("managers: fewer than 11 respondents");
    expect(JSON.stringify(item)).not.toMatch(/\b6 respondents?\b/);

    expect(s.rolePairsFieldwork).toBe("2022-10");
    expect(s.rolePairs.map((p) => [p.clinicianGroup, p.managerGroup])).toEqual([
      ["consultant", "general_manager"],
      ["consultant", "service_manager"],
    ]);
    // The family totals still include every group (the method), at or above min_n.
    const latest = s.waves.find((w) => w.fieldwork === "2022-10")!;
    expect(latest.clinician?.n).toBe(95);

    for (const stats of statsIn(await analyseOrganisations(all))) expect(stats.n).toBeGreaterThanOrEqual(11);
  });

  it("recomputes when the data or the settings change", async () => {
    const org = await makeOrganisation({ odsCode: "RGE1" });
    await series(org.id, STABLE);
    const first = (await analyseOrganisation(all, org.id))!.result.series[0];
    expect(first.status).toBe("stable");
    expect(Object.isFrozen(first)).toBe(true);

    await db.pulseResult.updateMany({
      where: { organisationId: org.id, fieldwork: "2025-10", staffGroup: { in: ["general_manager", "service_manager"] } },
      data: { value: 6.8 + 2.5 },
    });
    const second = (await analyseOrganisation(all, org.id))!.result.series[0];
    expect(second.latestGap).toBeCloseTo(2.5, 10);
    expect(second.spc?.signals).toContain("outside_limit");

    // A deleted wave is noticed too (the row count is part of the cache key).
    await db.pulseResult.deleteMany({ where: { organisationId: org.id, fieldwork: "2025-10" } });
    expect((await analyseOrganisation(all, org.id))!.result.series[0].latestFieldwork).toBe("2024-10");

    await db.setting.upsert({
      where: { key: "gap_analysis" },
      create: { key: "gap_analysis", value: JSON.stringify({ minN: 200 }) },
      update: { value: JSON.stringify({ minN: 200 }) },
    });
    try {
      const strict = (await analyseOrganisation(all, org.id))!.result.series[0];
      expect(strict.status).toBe("insufficient_data");
      expect(strict.waves.every((w) => w.managerWithheld && w.manager === null)).toBe(true);
    } finally {
      await db.setting.delete({ where: { key: "gap_analysis" } });
      clearGapAnalysisCache();
    }
  });
});

describe("gap pages and downloads", () => {
  it("downloads only the user's own organisation, with the page's filters, and audits it", async () => {
    const mine = await makeOrganisation({ odsCode: "RGF1", region: "south_west" });
    const other = await makeOrganisation({ odsCode: "RGF2", region: "south_west" });
    await series(mine.id, WIDENING);
    await series(other.id, STABLE);
    const md = await makeUser("medical_director", mine.id);

    const csv = await callRoute(csvRoute.loader, { request: await requestAs(md, "/flags.csv") });
    expect(csv.status).toBe(200);
    const text = String(csv.data).replace(/^\uFEFF/, "");
    const lines = text.trim().split("\n");
    expect(lines[0]).toBe(
      "ods_code,survey,measure,scale,status,waves_used,latest_fieldwork,latest_gap,slope_per_year,ci_low,ci_high,p_value,spc_signals,reasons",
    );
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["RGF1"]);
    expect(lines[1]).toContain("outside_limit;trend");

    const json = await callRoute(jsonRoute.loader, { request: await requestAs(md, "/flags.json") });
    expect((json.data as Array<{ ods_code: string }>).map((r) => r.ods_code)).toEqual(["RGF1"]);

    const analyst = await makeUser("analyst", null);
    const filtered = await callRoute(jsonRoute.loader, {
      request: await requestAs(analyst, "/flags.json?region=south_west&status=stable"),
    });
    expect((filtered.data as Array<{ ods_code: string }>).map((r) => r.ods_code)).toEqual(["RGF2"]);

    const xlsx = await callRoute(xlsxRoute.loader, { request: await requestAs(md, "/flags.xlsx") });
    expect(xlsx.response?.headers.get("content-type")).toContain("spreadsheetml");

    const events = await db.auditEvent.findMany({ where: { action: "export", entity: "GapFlags" }, orderBy: { id: "asc" } });
    expect(events).toHaveLength(4);
    expect(events[0]).toMatchObject({ userId: md.id, organisationId: mine.id });
    expect(events[2].summary).toContain("region=south_west, status=stable");
  });

  it("answers 404 for another organisation's trends and lists only the user's own flags", async () => {
    const mine = await makeOrganisation({ odsCode: "RGG1" });
    const other = await makeOrganisation({ odsCode: "RGG2" });
    await series(mine.id, WIDENING);
    const hr = await makeUser("hr", mine.id);

    const own = await callRoute(trendsRoute.loader, {
      request: await requestAs(hr, `/organisations/${mine.id}/trends`),
      params: { id: String(mine.id) },
    });
    expect(own.status).toBe(200);
    const theirs = await callRoute(trendsRoute.loader, {
      request: await requestAs(hr, `/organisations/${other.id}/trends`),
      params: { id: String(other.id) },
    });
    expect(theirs.status).toBe(404);

    const page = await callRoute(flagsPage.loader, { request: await requestAs(hr, "/flags?sort=name&dir=asc") });
    const rows = (page.data as { rows: Array<{ odsCode: string; status: string }> }).rows;
    expect(rows.map((r) => [r.odsCode, r.status])).toEqual([["RGG1", "widening"]]);

    const signedOut = await callRoute(csvRoute.loader, { request: await requestAs(null, "/flags.csv") });
    expect(signedOut.status).toBe(302);
  });

  it("downloads an organisation's trends per wave, withholding a family below min_n", async () => {
    const mine = await makeOrganisation({ odsCode: "RGH1" });
    const other = await makeOrganisation({ odsCode: "RGH2" });
    await series(mine.id, WIDENING.slice(0, 3));
    // A wave where the managers are too few: their count and mean must not appear.
    await wave(mine.id, "2021-10", [
      { group: "consultant", value: 6.8, n: 150 },
      { group: "general_manager", value: 9.1, n: 7 },
    ]);
    const md = await makeUser("medical_director", mine.id);
    const res = await callRoute(trendsCsv.loader, {
      request: await requestAs(md, `/organisations/${mine.id}/trends.csv`),
      params: { id: String(mine.id) },
    });
    expect(res.status).toBe(200);
    const lines = String(res.data)
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n");
    expect(lines[0]).toBe(
      "ods_code,survey,measure,scale,fieldwork,usable,in_trend_window,clinician_respondents,clinician_mean,manager_respondents,manager_mean,gap,gap_ci_low,gap_ci_high,left_out_because,series_status",
    );
    expect(lines).toHaveLength(5);
    const small = lines.find((l) => l.includes("2021-10"))!;
    expect(small).toContain("fewer than 11");
    expect(small).not.toContain("9.1");
    expect(small.split(",")[9]).toBe("fewer than 11");
    const theirs = await callRoute(trendsCsv.loader, {
      request: await requestAs(md, `/organisations/${other.id}/trends.csv`),
      params: { id: String(other.id) },
    });
    expect(theirs.status).toBe(404);
    expect(await db.auditEvent.count({ where: { action: "export", entity: "GapTrends" } })).toBe(1);
  });
});
