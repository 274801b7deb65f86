// Small-number suppression, output by output. A fictional trust has one staff group below min_n
// (SAS doctors, n = 8) in every wave, and one group that complementary suppression must withhold with
// it (allied health professionals, n = 13: the smallest other clinician group, or the SAS doctors could
// be worked out from the published clinician total by subtraction). One wave also has a manager family
// below min_n (n = 7). Every output is read as its audience receives it (loader data as JSON, files
// and PDF text) and must contain neither the withheld values nor their exact n.
import { beforeAll, describe, expect, it } from "vitest";
import { clearGapAnalysisCache } from "~/models/gap-analysis.server";
import * as boardRoute from "~/routes/organisations.$id.board-summary";
import * as pdfRoute from "~/routes/organisations.$id.board-summary[.pdf]";
import * as dashboardRoute from "~/routes/organisations.$id.dashboard";
import * as trendsRoute from "~/routes/organisations.$id.trends";
import * as flagsCsv from "~/routes/flags[.csv]";
import * as flagsJson from "~/routes/flags[.json]";
import * as flagsXlsx from "~/routes/flags[.xlsx]";
import * as flagsPage from "~/routes/flags._index";
import * as nationalRoute from "~/routes/national";
import * as pulseCsv from "~/routes/pulse-results[.csv]";
import * as pulseXlsx from "~/routes/pulse-results[.xlsx]";
import * as pulseDetail from "~/routes/pulse-results.$id._index";
import * as pulseList from "~/routes/pulse-results._index";
import { db } from "~/utils/db.server";
import { makeOrganisation, makeUser } from "../../support/factories";
import { csvRows, exactN, hasPdfToText, numberToken, output, wave } from "./support";

const WAVES = ["2022-10", "2023-10", "2024-10", "2025-10"];
// Withheld: SAS doctors (small) and AHPs (their complement); distinctive values so any leak is found.
const SMALL_N = 8;
const SMALL_VALUES = [2.917, 2.927, 2.937, 2.947];
const COMPLEMENT_N = 13;
const COMPLEMENT_VALUES = [5.381, 5.391, 5.401, 5.411];
// 2021: the managers' family has 7 respondents in all.
const SMALL_FAMILY_N = 7;
const SMALL_FAMILY_VALUE = 8.713;
// Peers have small groups of their own.
const PEER_SMALL = { n: 6, value: 1.234 };
const PEER_COMPLEMENT = { n: 12, value: 4.321 };

type Org = Awaited<ReturnType<typeof makeOrganisation>>;
type User = Awaited<ReturnType<typeof makeUser>>;
let org: Org;
let peers: Org[];
let hr: User;
let md: User;
let board: User;
let analyst: User;
let admin: User;

const forbiddenValues = () => [...SMALL_VALUES, ...COMPLEMENT_VALUES, SMALL_FAMILY_VALUE, PEER_SMALL.value, PEER_COMPLEMENT.value];
const forbiddenNs = [SMALL_N, COMPLEMENT_N, SMALL_FAMILY_N, PEER_SMALL.n];

/** Neither a withheld value nor a withheld exact n anywhere in the text. */
function expectNoLeak(what: string, text: string) {
  expect(text.length, `${what}: empty output`).toBeGreaterThan(0);
  for (const v of forbiddenValues()) expect(text, `${what} shows the withheld value ${v}`).not.toMatch(numberToken(v));
  for (const n of forbiddenNs) expect(text, `${what} shows the exact n ${n}`).not.toMatch(exactN(n));
}

beforeAll(async () => {
  clearGapAnalysisCache();
  org = await makeOrganisation({ odsCode: "XPW1", name: "Fictional Wren Valley Hospitals Trust", type: "acute", region: "london" });
  peers = [
    await makeOrganisation({ odsCode: "XPK1", name: "Fictional Kestrel Peer Trust", type: "acute", region: "london" }),
    await makeOrganisation({ odsCode: "XPH1", name: "Fictional Heron Peer Trust", type: "acute", region: "london" }),
    await makeOrganisation({ odsCode: "XPS1", name: "Fictional Swift Peer Trust", type: "acute", region: "london" }),
  ];
  await wave(org.id, "2021-10", [
    { group: "consultant", value: 6.15, n: 60 },
    { group: "nurse_midwife", value: 6.55, n: 45 },
    { group: "general_manager", value: SMALL_FAMILY_VALUE, n: SMALL_FAMILY_N },
  ]);
  for (const [i, fieldwork] of WAVES.entries()) {
    await wave(org.id, fieldwork, [
      { group: "consultant", value: 6.2 + i * 0.05, n: 60 },
      { group: "nurse_midwife", value: 6.6 - i * 0.05, n: 45 },
      { group: "sas_doctor", value: SMALL_VALUES[i]!, n: SMALL_N },
      { group: "ahp", value: COMPLEMENT_VALUES[i]!, n: COMPLEMENT_N },
      { group: "general_manager", value: 7.1 + i * 0.2, n: 35 },
      { group: "service_manager", value: 7.3 + i * 0.2, n: 28 },
    ]);
    for (const [p, peer] of peers.entries()) {
      await wave(peer.id, fieldwork, [
        { group: "consultant", value: 6.0 + p * 0.1, n: 50 + p * 10 },
        { group: "sas_doctor", value: PEER_SMALL.value, n: PEER_SMALL.n },
        { group: "ahp", value: PEER_COMPLEMENT.value, n: PEER_COMPLEMENT.n },
        { group: "general_manager", value: 6.6 + i * 0.05 + p * 0.1, n: 30 },
      ]);
    }
  }
  hr = await makeUser("hr", org.id);
  md = await makeUser("medical_director", org.id);
  board = await makeUser("board_member", org.id);
  analyst = await makeUser("analyst", null);
  admin = await makeUser("administrator", null);
});

describe("survey results pages and downloads", () => {
  it("the results list withholds the small group and its complement, for each role that may read it", async () => {
    for (const user of [hr, md, admin]) {
      const page = await output(pulseList.loader, user, `/pulse-results?organisationId=${org.id}`);
      expect(page.status).toBe(200);
      expectNoLeak(`pulse list (${user.role})`, page.text);
      const rows = (page.data as { rows: Array<{ staffGroup: string; value: number | null; suppressed: string | null }> }).rows;
      expect(rows.filter((r) => r.staffGroup === "sas_doctor").every((r) => r.value === null && r.suppressed === "small_group")).toBe(true);
      expect(rows.filter((r) => r.staffGroup === "ahp").every((r) => r.value === null && r.suppressed === "complementary")).toBe(true);
      // Sorting by value or respondents does not reveal the order of withheld values either.
      for (const sort of ["value", "respondents"]) {
        const sorted = await output(pulseList.loader, user, `/pulse-results?organisationId=${org.id}&sort=${sort}&dir=asc`);
        expectNoLeak(`pulse list sorted by ${sort}`, sorted.text);
      }
    }
  });

  it("one result's page is withheld too", async () => {
    const rows = await db.pulseResult.findMany({ where: { organisationId: org.id, staffGroup: { in: ["sas_doctor", "ahp"] } } });
    for (const r of rows) {
      const page = await output(pulseDetail.loader, md, `/pulse-results/${r.id}`, { id: String(r.id) });
      expect(page.status).toBe(200);
      expectNoLeak(`pulse detail ${r.staffGroup}`, page.text);
    }
  });

  it("CSV and XLSX downloads mark withheld rows and leave their numbers blank", async () => {
    for (const [name, loader] of [
      ["csv", pulseCsv.loader],
      ["xlsx", pulseXlsx.loader],
    ] as const) {
      const file = await output(loader, hr, `/pulse-results.${name}?organisationId=${org.id}`);
      expect(file.status).toBe(200);
      expectNoLeak(`pulse ${name}`, file.text);
      const rows = csvRows(file.text);
      const withheld = rows.filter((r) => r.staff_group === "sas_doctor" || r.staff_group === "ahp");
      expect(withheld.length).toBe(WAVES.length * 2);
      for (const r of withheld) {
        // The small group says it is small; its complement (16 respondents) must not claim to be.
        expect(r.value).toBe(
          r.staff_group === "sas_doctor" ? "suppressed (fewer than 11)" : "withheld so that a smaller group cannot be worked out",
        );
        expect(r.respondents).toBe("");
        expect(r.sd).toBe("");
      }
    }
  });
});

describe("gap flags", () => {
  it("flags JSON, CSV, XLSX and the flags page carry no withheld value or n", async () => {
    for (const user of [board, md, analyst]) {
      for (const [name, loader, url] of [
        ["json", flagsJson.loader, "/flags.json"],
        ["csv", flagsCsv.loader, "/flags.csv"],
        ["xlsx", flagsXlsx.loader, "/flags.xlsx"],
        ["page", flagsPage.loader, "/flags"],
      ] as const) {
        const res = await output(loader, user, url);
        expect(res.status).toBe(200);
        expectNoLeak(`flags ${name} (${user.role})`, res.text);
      }
    }
  });
});

describe("trends", () => {
  it("shows family totals only where the family reaches min_n, and no withheld group in the role pairs", async () => {
    for (const user of [board, hr, md, analyst]) {
      const res = await output(trendsRoute.loader, user, `/organisations/${org.id}/trends`, { id: String(org.id) });
      expect(res.status).toBe(200);
      expectNoLeak(`trends (${user.role})`, res.text);
    }
  });

  it("cannot be combined with the results list to recover the small group by subtraction", async () => {
    const trends = await output(trendsRoute.loader, hr, `/organisations/${org.id}/trends`, { id: String(org.id) });
    type Wave = { fieldwork: string; clinician: { n: number } | null; manager: { n: number } | null };
    const series = (trends.data as { item: { result: { series: Array<{ waves: Wave[] }> } } }).item.result.series[0]!;
    const list = await output(pulseList.loader, hr, `/pulse-results?organisationId=${org.id}`);
    const rows = (list.data as { rows: Array<{ fieldwork: string; staffGroup: string; respondents: number | null }> }).rows;
    const clinicianGroups = ["consultant", "nurse_midwife", "sas_doctor", "ahp"];
    for (const fieldwork of WAVES) {
      const w = series.waves.find((x) => x.fieldwork === fieldwork)!;
      expect(w.clinician).not.toBeNull(); // the family total is published (126 ≥ 11)...
      const visible = rows.filter((r) => r.fieldwork === fieldwork && clinicianGroups.includes(r.staffGroup) && r.respondents !== null);
      const residual = w.clinician!.n - visible.reduce((s, r) => s + r.respondents!, 0);
      // ...but what is not shown is more than the small group alone.
      expect(residual).not.toBe(SMALL_N);
      expect(residual).toBe(SMALL_N + COMPLEMENT_N);
    }
  });
});

describe("dashboard", () => {
  it("the medical director's dashboard names no peer and shows no withheld value", async () => {
    const res = await output(dashboardRoute.loader, md, `/organisations/${org.id}/dashboard`, { id: String(org.id) });
    expect(res.status).toBe(200);
    expectNoLeak("dashboard (medical director)", res.text);
    expect((res.data as { benchmarks: unknown }).benchmarks).not.toBeNull();
    for (const p of peers) {
      expect(res.text).not.toContain(p.name);
      expect(res.text).not.toContain(p.odsCode);
      expect(res.text).not.toMatch(new RegExp(`"(?:organisationId|id)":${p.id}[,}]`));
    }
  });

  it("HR and analysts see no withheld value either", async () => {
    for (const user of [hr, analyst]) {
      const res = await output(dashboardRoute.loader, user, `/organisations/${org.id}/dashboard`, { id: String(org.id) });
      expect(res.status).toBe(200);
      expectNoLeak(`dashboard (${user.role})`, res.text);
    }
  });
});

describe("board summary", () => {
  it("the page's loader data carries no withheld value or n", async () => {
    const res = await output(boardRoute.loader, board, `/organisations/${org.id}/board-summary`, { id: String(org.id) });
    expect(res.status).toBe(200);
    expectNoLeak("board summary", res.text);
  });

  it.skipIf(!hasPdfToText())("the PDF's text carries no withheld value or n", async () => {
    const res = await output(pdfRoute.loader, board, `/organisations/${org.id}/board-summary.pdf`, { id: String(org.id) });
    expect(res.status).toBe(200);
    expect(res.text).toContain("Fictional Wren Valley Hospitals Trust");
    expectNoLeak("board summary PDF", res.text);
  });
});

describe("national view", () => {
  it("carries no withheld value or n", async () => {
    const res = await output(nationalRoute.loader, analyst, "/national");
    expect(res.status).toBe(200);
    expectNoLeak("national view", res.text);
  });
});
