// Complementary suppression must hold against the family totals the gap analysis publishes, in two
// situations the simple rule missed:
//  - a row with 0 respondents is "withheld" but hides nothing, so it must not count as the second
//    withheld part of a family (otherwise the small group = family total − the visible groups);
//  - the gap analysis pools families per scale (a 0–10 score and a percent positive are never mixed),
//    so the complement must be chosen among the groups on the same scale as the small group.
import { beforeAll, describe, expect, it } from "vitest";
import { clearGapAnalysisCache } from "~/models/gap-analysis.server";
import * as pulseCsv from "~/routes/pulse-results[.csv]";
import * as pulseList from "~/routes/pulse-results._index";
import * as trendsRoute from "~/routes/organisations.$id.trends";
import { makeOrganisation, makeUser } from "../../support/factories";
import { csvRows, exactN, numberToken, output, wave } from "./support";

type Row = {
  fieldwork: string;
  staffGroup: string;
  scale: string;
  value: number | null;
  respondents: number | null;
  suppressed: string | null;
};
type Wave = { fieldwork: string; clinician: { n: number; mean: number } | null };
type Series = { scale: string; waves: Wave[]; rolePairs: Array<{ clinicianGroup: string }> };

async function pulseRows(user: { id: number }, organisationId: number): Promise<Row[]> {
  const res = await output(pulseList.loader, user, `/pulse-results?organisationId=${organisationId}`);
  expect(res.status).toBe(200);
  return (res.data as { rows: Row[] }).rows;
}

async function trendSeries(user: { id: number }, organisationId: number, query = ""): Promise<{ text: string; series: Series[] }> {
  const res = await output(trendsRoute.loader, user, `/organisations/${organisationId}/trends${query}`, { id: String(organisationId) });
  expect(res.status).toBe(200);
  return { text: res.text, series: (res.data as { item: { result: { series: Series[] } } }).item.result.series };
}

/** What a reader of both pages can work out: the clinician total minus every visible clinician group. */
function residual(family: { n: number; mean: number }, visible: Row[]): { n: number; value: number } {
  const n = family.n - visible.reduce((s, r) => s + r.respondents!, 0);
  const sum = family.n * family.mean - visible.reduce((s, r) => s + r.respondents! * r.value!, 0);
  return { n, value: sum / n };
}

const clinicianGroups = new Set(["consultant", "nurse_midwife", "sas_doctor", "ahp", "resident_doctor", "clinical_lead"]);

beforeAll(() => clearGapAnalysisCache());

describe("a group with no respondents", () => {
  let org: Awaited<ReturnType<typeof makeOrganisation>>;
  let hr: Awaited<ReturnType<typeof makeUser>>;

  beforeAll(async () => {
    org = await makeOrganisation({ odsCode: "XPZ1", name: "Fictional Zero Row Trust" });
    for (const fieldwork of ["2024-10", "2025-10"]) {
      await wave(org.id, fieldwork, [
        { group: "consultant", value: 6.2, n: 60 },
        { group: "nurse_midwife", value: 6.6, n: 45 },
        { group: "sas_doctor", value: 2.917, n: 8 }, // small
        { group: "ahp", value: 5.381, n: 13 }, // must be withheld as its complement
        { group: "resident_doctor", value: 0, n: 0, sd: null }, // recorded as "no respondents"
        { group: "general_manager", value: 7.1, n: 35 },
        { group: "service_manager", value: 7.3, n: 28 },
      ]);
    }
    hr = await makeUser("hr", org.id);
  });

  it("does not count as the second withheld part: the next smallest group is still withheld", async () => {
    const rows = await pulseRows(hr, org.id);
    for (const r of rows.filter((x) => x.staffGroup === "ahp"))
      expect(r).toMatchObject({ value: null, respondents: null, suppressed: "complementary" });
    const csv = csvRows((await output(pulseCsv.loader, hr, `/pulse-results.csv?organisationId=${org.id}`)).text);
    for (const r of csv.filter((x) => x.staff_group === "ahp")) expect(r.respondents).toBe("");
  });

  it("leaves nothing to recover from the published clinician total", async () => {
    const rows = await pulseRows(hr, org.id);
    const { text, series } = await trendSeries(hr, org.id);
    expect(text).not.toMatch(numberToken(2.917));
    expect(text).not.toMatch(exactN(8));
    const w = series[0]!.waves.find((x) => x.fieldwork === "2025-10")!;
    expect(w.clinician).not.toBeNull(); // 126 respondents: published
    const visible = rows.filter((r) => clinicianGroups.has(r.staffGroup) && r.respondents !== null && r.value !== null);
    const left = residual(
      w.clinician!,
      visible.filter((r) => r.fieldwork === "2025-10"),
    );
    expect(left.n).not.toBe(8);
    expect(left.value).not.toBeCloseTo(2.917, 6);
  });
});

describe("a family reported on two scales", () => {
  let org: Awaited<ReturnType<typeof makeOrganisation>>;
  let hr: Awaited<ReturnType<typeof makeUser>>;

  beforeAll(async () => {
    org = await makeOrganisation({ odsCode: "XPX1", name: "Fictional Two Scales Trust" });
    for (const fieldwork of ["2024-10", "2025-10"]) {
      await wave(org.id, fieldwork, [
        { group: "sas_doctor", value: 2.917, n: 8 }, // small, score
        { group: "consultant", value: 6.4, n: 30 }, // score: the only other score clinician group
        { group: "ahp", value: 61.5, n: 20, scale: "percent_positive" }, // smaller, but on the other scale
        { group: "general_manager", value: 7.2, n: 35 },
        { group: "service_manager", value: 7.4, n: 28 },
      ]);
    }
    hr = await makeUser("hr", org.id);
  });

  it("withholds the complement on the small group's own scale", async () => {
    // The trends page shows one series in full at a time: ask for the score one.
    const { text, series } = await trendSeries(hr, org.id, "?series=NSS.engagement.score_0_10");
    const score = series.find((s) => s.scale === "score_0_10")!;
    const w = score.waves.find((x) => x.fieldwork === "2025-10")!;
    expect(w.clinician?.n).toBe(38); // the score family total is published...
    const rows = (await pulseRows(hr, org.id)).filter((r) => r.fieldwork === "2025-10");
    // ...so the consultants (the other score group) must be withheld, or 38 − 30 = 8 and the SAS mean follow.
    expect(rows.find((r) => r.staffGroup === "consultant")).toMatchObject({ value: null, respondents: null, suppressed: "complementary" });
    const visible = rows.filter((r) => r.scale === "score_0_10" && clinicianGroups.has(r.staffGroup) && r.respondents !== null);
    expect(residual(w.clinician!, visible).n).not.toBe(8);
    expect(text).not.toMatch(numberToken(2.917));
    expect(text).not.toMatch(exactN(8));
    // The percent-positive AHP result is alone on its scale and hides nothing: it stays published.
    expect(rows.find((r) => r.staffGroup === "ahp")).toMatchObject({ value: 61.5, respondents: 20, suppressed: null });
  });
});
