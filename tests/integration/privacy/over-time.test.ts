// Suppression with memory (issue 10): the small group cannot be recovered by comparing what was
// published before and after a change. Reproduces the attack — clinicians published as N = 140,
// mean 6.2286; HR adds a late row (SAS doctors, 4 respondents, value 3.0); N = 144, mean 6.1389 would
// give (144 × 6.1389 − 140 × 6.2286) / 4 = 3.0 — and the correction of a row from 12 to 9
// respondents, through every output (pages, CSV, XLSX, JSON, PDF, national view, board summary) and
// the "as at" views, and shows that after the change no output carries what the subtraction needs.
import { beforeAll, describe, expect, it } from "vitest";
import { clearGapAnalysisCache } from "~/models/gap-analysis.server";
import { createPulseResult, updatePulseResult } from "~/models/pulse-result.server";
import * as boardRoute from "~/routes/organisations.$id.board-summary";
import * as pdfRoute from "~/routes/organisations.$id.board-summary[.pdf]";
import * as dashboardRoute from "~/routes/organisations.$id.dashboard";
import * as trendsRoute from "~/routes/organisations.$id.trends";
import * as trendsCsv from "~/routes/organisations.$id.trends[.csv]";
import * as trendsXlsx from "~/routes/organisations.$id.trends[.xlsx]";
import * as flagsCsv from "~/routes/flags[.csv]";
import * as flagsJson from "~/routes/flags[.json]";
import * as flagsXlsx from "~/routes/flags[.xlsx]";
import * as flagsPage from "~/routes/flags._index";
import * as nationalRoute from "~/routes/national";
import * as pulseCsv from "~/routes/pulse-results[.csv]";
import * as pulseXlsx from "~/routes/pulse-results[.xlsx]";
import * as pulseList from "~/routes/pulse-results._index";
import { db } from "~/utils/db.server";
import { makeOrganisation, makeUser, testActor } from "../../support/factories";
import { csvRows, exactN, hasPdfToText, numberToken, output, wave } from "./support";

const WAVES = ["2023-04", "2024-04", "2025-04"];
const LATE = "2025-04";
const AS_AT = "2025-06-30";
const MANAGERS = [
  { group: "general_manager", n: 35 },
  { group: "service_manager", n: 28 },
];
const managerValues = (i: number) => [7.1 + i * 0.2, 7.3 + i * 0.2];
const managerMean = (i: number) => (35 * managerValues(i)[0]! + 28 * managerValues(i)[1]!) / 63;

type Org = Awaited<ReturnType<typeof makeOrganisation>>;
type User = Awaited<ReturnType<typeof makeUser>>;
let a: Org; // the late row
let b: Org; // the 12 → 9 correction
let hr: User;
let hrB: User;
let md: User;
let board: User;
let mdB: User;
let boardB: User;
let analyst: User;

async function seed(org: Org, clinicians: Array<{ group: string; value: number; n: number }>) {
  for (const [i, fieldwork] of WAVES.entries()) {
    await wave(org.id, fieldwork, [...clinicians, ...MANAGERS.map((m, j) => ({ ...m, value: managerValues(i)[j]! }))]);
  }
}

const boardA = () => board;
const mdA = () => md;
const hrA = () => hr;

/** Every output that shows the organisation's survey figures, as its audience receives it. */
async function everyOutput(org: Org, asAt: string | null): Promise<Array<[string, string]>> {
  const id = String(org.id);
  const q = asAt ? `?asAt=${asAt}` : "";
  const [board, md, hr] = org.id === a.id ? [boardA(), mdA(), hrA()] : [boardB, mdB, hrB];
  const list: Array<[string, Awaited<ReturnType<typeof output>>]> = [
    ["trends page", await output(trendsRoute.loader, board, `/organisations/${id}/trends`, { id })],
    ["trends csv", await output(trendsCsv.loader, board, `/organisations/${id}/trends.csv`, { id })],
    ["trends xlsx", await output(trendsXlsx.loader, board, `/organisations/${id}/trends.xlsx`, { id })],
    ["flags page", await output(flagsPage.loader, md, "/flags")],
    ["flags csv", await output(flagsCsv.loader, md, "/flags.csv")],
    ["flags json", await output(flagsJson.loader, md, "/flags.json")],
    ["flags xlsx", await output(flagsXlsx.loader, md, "/flags.xlsx")],
    ["dashboard", await output(dashboardRoute.loader, md, `/organisations/${id}/dashboard${q}`, { id })],
    ["board summary", await output(boardRoute.loader, board, `/organisations/${id}/board-summary${q}`, { id })],
    ["national view", await output(nationalRoute.loader, analyst, `/national${q}`)],
    ["results list", await output(pulseList.loader, hr, `/pulse-results?organisationId=${id}`)],
    ["results csv", await output(pulseCsv.loader, hr, `/pulse-results.csv?organisationId=${id}`)],
    ["results xlsx", await output(pulseXlsx.loader, hr, `/pulse-results.xlsx?organisationId=${id}`)],
  ];
  if (hasPdfToText())
    list.push(["board summary pdf", await output(pdfRoute.loader, board, `/organisations/${id}/board-summary.pdf${q}`, { id })]);
  for (const [name, res] of list) expect(res.status, name).toBe(200);
  return list.map(([name, res]) => [name, res.text]);
}

/** The tokens a subtraction needs: the new family N, its mean and the gap it makes, at any precision shown. */
function forbidden(n: number, mean: number, wave: number): RegExp[] {
  const gap = managerMean(wave) - mean;
  const shown = (x: number) => [String(x), x.toFixed(4), x.toFixed(3)].map(Number).map((v) => numberToken(v));
  return [exactN(n), new RegExp(`"n":${n}[,}]`), ...shown(mean), ...shown(gap), ...shown(-gap)];
}

function expectNone(outputs: Array<[string, string]>, tokens: RegExp[], what: string) {
  for (const [name, text] of outputs) {
    expect(text.length, `${name}: empty`).toBeGreaterThan(0);
    for (const t of tokens) expect(text, `${name} (${what}) carries ${t}`).not.toMatch(t);
  }
}

type Wave = {
  fieldwork: string;
  clinician: { n: number; mean: number } | null;
  clinicianWithheld: boolean;
  clinicianChanged?: boolean;
  reason: string | null;
};
async function clinicianWave(org: Org, fieldwork: string): Promise<Wave> {
  const id = String(org.id);
  const trends = await output(trendsRoute.loader, org.id === a.id ? board : boardB, `/organisations/${id}/trends`, { id });
  const series = (trends.data as { item: { result: { series: Array<{ waves: Wave[] }> } } }).item.result.series[0]!;
  return series.waves.find((w) => w.fieldwork === fieldwork)!;
}

beforeAll(async () => {
  clearGapAnalysisCache();
  a = await makeOrganisation({ odsCode: "XPO1", name: "Fictional Osprey Hospitals Trust", type: "acute", region: "london" });
  b = await makeOrganisation({ odsCode: "XPO2", name: "Fictional Plover Hospitals Trust", type: "acute", region: "london" });
  // 80 × 6.5 + 60 × 5.8667 = 872.002 over 140: mean 6.2286.
  await seed(a, [
    { group: "consultant", value: 6.5, n: 80 },
    { group: "nurse_midwife", value: 5.8667, n: 60 },
  ]);
  await seed(b, [
    { group: "consultant", value: 6.4, n: 80 },
    { group: "ahp", value: 4.1, n: 12 },
    { group: "nurse_midwife", value: 6.0, n: 48 },
  ]);
  hr = await makeUser("hr", a.id);
  hrB = await makeUser("hr", b.id);
  mdB = await makeUser("medical_director", b.id);
  boardB = await makeUser("board_member", b.id);
  md = await makeUser("medical_director", a.id);
  board = await makeUser("board_member", a.id);
  analyst = await makeUser("analyst", null);
});

describe("a late row of 4 respondents (the attack)", () => {
  const after = { n: 144, mean: (872.002 + 4 * 3.0) / 144 };

  it("publishes N = 140, mean 6.2286 first, in the pages and the as-at views", async () => {
    const w = await clinicianWave(a, LATE);
    expect(w.clinician!.n).toBe(140);
    expect(w.clinician!.mean.toFixed(4)).toBe("6.2286");
    // Everything a reader could have saved: downloads, board papers, as-at views.
    const before = [...(await everyOutput(a, null)), ...(await everyOutput(a, AS_AT))];
    expect(before.find(([n]) => n === "trends csv")![1]).toMatch(/,2025-04,true,true,140,6\.2285/);
  });

  it("after the late row, no output or as-at view carries the new N, mean or gap", async () => {
    await createPulseResult(
      testActor,
      { kind: "organisation", organisationId: a.id },
      {
        organisationId: a.id,
        survey: "NSS",
        fieldwork: LATE,
        staffGroup: "sas_doctor",
        measure: "engagement",
        scale: "score_0_10",
        value: 3.0,
        respondents: 4,
        sd: 1.5,
      },
    );
    const outputs = [...(await everyOutput(a, null)), ...(await everyOutput(a, AS_AT))];
    expectNone(outputs, forbidden(after.n, after.mean, 2), "after the late row");
    // The late row itself is withheld as small; it is not published anywhere either.
    expectNone(outputs, [exactN(4)], "the late row");
  });

  it("says why the clinicians' figure is withheld, and leaves nothing to subtract", async () => {
    const w = await clinicianWave(a, LATE);
    expect(w.clinician).toBeNull();
    expect(w.clinicianWithheld).toBe(true);
    expect(w.clinicianChanged).toBe(true);
    expect(w.reason).toContain("withheld so that a smaller group cannot be worked out");
    const id = String(a.id);
    const csv = csvRows((await output(trendsCsv.loader, board, `/organisations/${id}/trends.csv`, { id })).text);
    const row = csv.find((r) => r.fieldwork === LATE)!;
    expect(row.clinician_respondents).toBe("withheld");
    expect(row.clinician_mean).toBe("");
    expect(row.gap).toBe("");
    // The published total and the published parts: the only numbers one could subtract.
    const list = (await output(pulseList.loader, hr, `/pulse-results?organisationId=${id}`)).data as {
      rows: Array<{ fieldwork: string; staffGroup: string; respondents: number | null; value: number | null; suppressed: string | null }>;
    };
    const late = list.rows.filter((r) => r.fieldwork === LATE);
    expect(late.find((r) => r.staffGroup === "sas_doctor")).toMatchObject({ respondents: null, value: null, suppressed: "small_group" });
    // The other groups were published before, unchanged: showing them reveals nothing new.
    expect(late.find((r) => r.staffGroup === "consultant")!.respondents).toBe(80);
  });

  it("the earlier waves and the managers are still published", async () => {
    const w = await clinicianWave(a, "2024-04");
    expect(w.clinician!.n).toBe(140);
    const late = await clinicianWave(a, LATE);
    expect((late as unknown as { manager: { n: number } | null }).manager!.n).toBe(63);
  });

  it("a later change large enough to hide the small group publishes the family again", async () => {
    const sas = await db.pulseResult.findFirstOrThrow({ where: { organisationId: a.id, fieldwork: LATE, staffGroup: "sas_doctor" } });
    // 16 SAS doctors now (12 more responses came in): against N = 140 the change is a group of 16,
    // published in its own right; against the withheld 144 nothing was published to compare.
    await updatePulseResult(testActor, { kind: "organisation", organisationId: a.id }, sas.id, sas.version, {
      organisationId: a.id,
      survey: "NSS",
      fieldwork: LATE,
      staffGroup: "sas_doctor",
      measure: "engagement",
      scale: "score_0_10",
      value: 3.4,
      respondents: 16,
      sd: 1.5,
    });
    const w = await clinicianWave(a, LATE);
    expect(w.clinician!.n).toBe(156);
    expect(w.clinicianChanged).toBeFalsy();
  });
});

describe("a correction from 12 to 9 respondents", () => {
  it("withholds the family total in every output and as-at view once the row is below min_n", async () => {
    const w = await clinicianWave(b, LATE);
    expect(w.clinician!.n).toBe(140);
    await everyOutput(b, null);
    await everyOutput(b, AS_AT);
    const ahp = await db.pulseResult.findFirstOrThrow({ where: { organisationId: b.id, fieldwork: LATE, staffGroup: "ahp" } });
    await updatePulseResult(testActor, { kind: "organisation", organisationId: b.id }, ahp.id, ahp.version, {
      organisationId: b.id,
      survey: "NSS",
      fieldwork: LATE,
      staffGroup: "ahp",
      measure: "engagement",
      scale: "score_0_10",
      value: 3.9,
      respondents: 9,
      sd: 1.5,
    });
    const mean = (80 * 6.4 + 9 * 3.9 + 48 * 6.0) / 137;
    const outputs = [...(await everyOutput(b, null)), ...(await everyOutput(b, AS_AT))];
    // Without the memory: 137 × mean − 140 × 6.2... + 12 × 4.1 would give the 9 AHPs' 3.9.
    expectNone(outputs, [...forbidden(137, mean, 2), numberToken(3.9), exactN(9)], "after the correction");
    const after = await clinicianWave(b, LATE);
    expect(after.clinician).toBeNull();
    expect(after.clinicianChanged).toBe(true);
  });
});

describe("the publication ledger", () => {
  it("records what was published once per family state, not once per page view", async () => {
    const count = await db.publicationRecord.count();
    await everyOutput(a, null);
    await everyOutput(a, AS_AT);
    expect(await db.publicationRecord.count()).toBe(count);
    const rows = await db.publicationRecord.findMany({ where: { organisationId: a.id } });
    // Hashes, not values: the ledger does not repeat the survey figures.
    for (const r of rows) expect(r.parts).not.toMatch(/6\.5|5\.8667|3\.4/);
  });
});
