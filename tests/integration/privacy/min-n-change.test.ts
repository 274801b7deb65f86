// When an administrator raises min_n, every output uses the new value at once, including those served
// from the gap analysis's in-process cache; and a stored setting that cannot be read never quietly
// lowers the threshold back to the default.
import { beforeAll, describe, expect, it } from "vitest";
import { clearGapAnalysisCache } from "~/models/gap-analysis.server";
import { getGapSettings, getMinN } from "~/models/settings.server";
import * as settingsRoute from "~/routes/admin.settings";
import * as boardRoute from "~/routes/organisations.$id.board-summary";
import * as pdfRoute from "~/routes/organisations.$id.board-summary[.pdf]";
import * as dashboardRoute from "~/routes/organisations.$id.dashboard";
import * as trendsRoute from "~/routes/organisations.$id.trends";
import * as flagsJson from "~/routes/flags[.json]";
import * as nationalRoute from "~/routes/national";
import * as pulseCsv from "~/routes/pulse-results[.csv]";
import * as pulseList from "~/routes/pulse-results._index";
import { db } from "~/utils/db.server";
import { callRoute, makeOrganisation, makeUser, requestAs } from "../../support/factories";
import { exactN, hasPdfToText, numberToken, output, wave } from "./support";

const WAVES = ["2022-10", "2023-10", "2024-10", "2025-10"];
// Shown while min_n is 11, withheld once it is 20.
const MID_CLINICIAN = { group: "clinical_lead", n: 15, values: [4.561, 4.571, 4.581, 4.591] };
const MID_MANAGER = { group: "directorate_manager", n: 16, values: [7.771, 7.781, 7.791, 7.801] };

type Org = Awaited<ReturnType<typeof makeOrganisation>>;
type User = Awaited<ReturnType<typeof makeUser>>;
let org: Org;
let hr: User;
let md: User;
let board: User;
let analyst: User;
let admin: User;

const midValues = [...MID_CLINICIAN.values, ...MID_MANAGER.values];

function containsMid(text: string): boolean {
  return midValues.some((v) => numberToken(v).test(text)) || exactN(MID_CLINICIAN.n).test(text) || exactN(MID_MANAGER.n).test(text);
}

/** Every output that could show a staff group's value, as its audience receives it. */
async function outputs(): Promise<Array<[string, string]>> {
  const id = String(org.id);
  const list: Array<[string, Awaited<ReturnType<typeof output>>]> = [
    ["pulse list", await output(pulseList.loader, hr, `/pulse-results?organisationId=${id}`)],
    ["pulse csv", await output(pulseCsv.loader, hr, `/pulse-results.csv?organisationId=${id}`)],
    ["trends", await output(trendsRoute.loader, board, `/organisations/${id}/trends`, { id })],
    ["flags json", await output(flagsJson.loader, board, "/flags.json")],
    ["dashboard", await output(dashboardRoute.loader, md, `/organisations/${id}/dashboard`, { id })],
    ["board summary", await output(boardRoute.loader, board, `/organisations/${id}/board-summary`, { id })],
    ["national", await output(nationalRoute.loader, analyst, "/national")],
  ];
  if (hasPdfToText())
    list.push(["board summary pdf", await output(pdfRoute.loader, board, `/organisations/${id}/board-summary.pdf`, { id })]);
  for (const [name, res] of list) expect(res.status, name).toBe(200);
  return list.map(([name, res]) => [name, res.text]);
}

async function setMinN(minN: number) {
  const current = await getGapSettings();
  const form = Object.fromEntries(Object.entries({ ...current, minN }).map(([k, v]) => [k, String(v)]));
  const res = await callRoute(settingsRoute.action, { request: await requestAs(admin, "/admin/settings", { method: "POST", form }) });
  expect(res.status).toBe(302);
  expect(await getMinN()).toBe(minN);
}

beforeAll(async () => {
  clearGapAnalysisCache();
  org = await makeOrganisation({ odsCode: "XPM1", name: "Fictional Moorhen Hospitals Trust" });
  for (const [i, fieldwork] of WAVES.entries()) {
    await wave(org.id, fieldwork, [
      { group: "consultant", value: 6.2 + i * 0.05, n: 60 },
      { group: "nurse_midwife", value: 6.6 - i * 0.05, n: 45 },
      { group: MID_CLINICIAN.group, value: MID_CLINICIAN.values[i]!, n: MID_CLINICIAN.n },
      { group: "general_manager", value: 7.1 + i * 0.2, n: 35 },
      { group: "service_manager", value: 7.3 + i * 0.2, n: 28 },
      { group: MID_MANAGER.group, value: MID_MANAGER.values[i]!, n: MID_MANAGER.n },
    ]);
  }
  hr = await makeUser("hr", org.id);
  md = await makeUser("medical_director", org.id);
  board = await makeUser("board_member", org.id);
  analyst = await makeUser("analyst", null);
  admin = await makeUser("administrator", null);
});

describe("raising min_n", () => {
  it("takes effect in every output at once, cached or not", async () => {
    // At 11 the two middle-sized groups are shown (and the gap analysis is now cached).
    const before = await outputs();
    expect(containsMid(before.find(([n]) => n === "pulse list")![1])).toBe(true);
    expect(containsMid(before.find(([n]) => n === "trends")![1])).toBe(true); // role pairs

    await setMinN(20);
    try {
      for (const [name, text] of await outputs()) expect(containsMid(text), `${name} still shows a group below the new min_n`).toBe(false);
      const list = await output(pulseList.loader, hr, `/pulse-results?organisationId=${org.id}`);
      expect(list.text).toContain('"minN":20');
      const trends = await output(trendsRoute.loader, board, `/organisations/${org.id}/trends`, { id: String(org.id) });
      const pairs = (
        trends.data as { item: { result: { series: Array<{ rolePairs: Array<{ clinicianGroup: string; managerGroup: string }> }> } } }
      ).item.result.series[0]!.rolePairs;
      // The two middle-sized groups are withheld now. Their complements are not: at 11 every group was
      // published, so withholding nurses or service managers would hide nothing (the publication
      // ledger remembers what was shown; app/domain/publication.ts, rule R5).
      expect(pairs.map((p) => `${p.clinicianGroup}/${p.managerGroup}`).sort()).toEqual([
        "consultant/general_manager",
        "consultant/service_manager",
        "nurse_midwife/general_manager",
        "nurse_midwife/service_manager",
      ]);
    } finally {
      await setMinN(11);
    }
  });
});

describe("a stored setting that cannot be read", () => {
  it("keeps the administrator's higher min_n instead of falling back to 11", async () => {
    // Written outside the app (or by an older version): min_n 20 with another setting out of range.
    await db.setting.upsert({
      where: { key: "gap_analysis" },
      create: { key: "gap_analysis", value: JSON.stringify({ minN: 20, alpha: 2 }) },
      update: { value: JSON.stringify({ minN: 20, alpha: 2 }) },
    });
    try {
      expect(await getMinN()).toBe(20);
      const list = await output(pulseList.loader, hr, `/pulse-results?organisationId=${org.id}`);
      expect(containsMid(list.text)).toBe(false);
    } finally {
      await db.setting.delete({ where: { key: "gap_analysis" } });
      clearGapAnalysisCache();
    }
  });

  it("never goes below the default when the stored minimum is lower or missing", async () => {
    for (const value of [{ minN: 3, alpha: 2 }, { alpha: 2 }, { minN: "twenty" }]) {
      await db.setting.upsert({
        where: { key: "gap_analysis" },
        create: { key: "gap_analysis", value: JSON.stringify(value) },
        update: { value: JSON.stringify(value) },
      });
      expect(await getMinN()).toBe(11);
    }
    await db.setting.delete({ where: { key: "gap_analysis" } });
  });
});
