// The national view at the level of ICBs, and closed trusts: a trust the NHS's organisation data marks
// closed keeps its history and its own pages but leaves the national view (each quarter from its
// close date on), the flags list, status counts, peer groups and organisation lists; /national filters
// by region, ICB and type, pages its table on the server, and downloads exactly the filtered rows.
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { dashboardData, nationalView } from "~/models/dashboard.server";
import { listOrganisations } from "~/models/organisation.server";
import * as nationalRoute from "~/routes/national";
import * as nationalCsv from "~/routes/national[.csv]";
import * as nationalXlsx from "~/routes/national[.xlsx]";
import * as flagsRoute from "~/routes/flags._index";
import * as orgPage from "~/routes/organisations.$id._index";
import { db } from "~/utils/db.server";
import { callRoute, makeOrganisation, makeUser, requestAs } from "../support/factories";

const AS_AT = "2026-03-31";
const WAVES = ["2024-10", "2025-01", "2025-04", "2025-07", "2025-10", "2026-01"];
const ICB = "QZ9"; // fictional
const ICB_NAME = "NHS Testshire Integrated Care Board (fictional)";

type Org = Awaited<ReturnType<typeof makeOrganisation>>;
const open: Org[] = [];
let closed: Org;
let closingLater: Org;
let analyst: { id: number };

async function pulse(organisationId: number, gaps: number[]) {
  const row = (fieldwork: string, staffGroup: string, value: number, respondents: number) => ({
    organisationId,
    survey: "NQPS",
    measure: "engagement",
    scale: "score_0_10",
    fieldwork,
    staffGroup,
    value,
    respondents,
    sd: 1.8,
  });
  await db.pulseResult.createMany({
    data: gaps.flatMap((gap, i) => [row(WAVES[i]!, "consultant", 6, 800), row(WAVES[i]!, "general_manager", 6 + gap, 400)]),
  });
}

async function posts(organisationId: number, vacant: number) {
  for (let i = 0; i < 4; i++)
    await db.leadershipRole.create({
      data: {
        organisationId,
        title: `Clinical director ${i}`,
        roleType: "clinical_director",
        level: "directorate",
        holderName: i < vacant ? null : `Dr Holder ${organisationId}-${i}`,
        holderBackground: i < vacant ? null : "doctor",
        startDate: "2020-01-01",
      },
    });
}

beforeAll(async () => {
  await db.icb.create({ data: { code: ICB, name: ICB_NAME } });
  const gaps = [
    [0.1, 0.3, 0.5, 0.7, 0.9, 1.1],
    [0.5, 0.5, 0.45, 0.5, 0.55, 0.5],
    [1.0, 0.8, 0.6, 0.4, 0.3, 0.1],
    [0.2, 0.4, 0.5, 0.7, 0.8, 1.0],
  ];
  for (let i = 0; i < 4; i++) {
    const o = await makeOrganisation({ odsCode: `XQ${i}1`, name: `Fictional Testshire ${i} Hospitals Trust`, region: "midlands" });
    await db.organisation.update({ where: { id: o.id }, data: { icb: ICB } });
    await pulse(o.id, gaps[i]!);
    await posts(o.id, i % 3);
    open.push(o);
  }
  // No posts recorded: its measures are missing, never 0.
  const bare = await makeOrganisation({ odsCode: "XQ51", name: "Fictional Testshire Bare Trust", region: "midlands" });
  await db.organisation.update({ where: { id: bare.id }, data: { icb: ICB } });
  await pulse(bare.id, [0.3, 0.3, 0.3, 0.3, 0.3, 0.3]);
  open.push(bare);
  // Closed before the as-at date (in mid-2025), with its history.
  closed = await makeOrganisation({ odsCode: "XQ91", name: "Fictional Testshire Closed Trust", region: "midlands" });
  await db.organisation.update({ where: { id: closed.id }, data: { icb: ICB, closedOn: "2025-06-30" } });
  await pulse(closed.id, [0.1, 0.5, 0.9, 1.3, 1.7, 2.1]);
  await posts(closed.id, 3);
  // A close date after the as-at date and after today: open until then.
  closingLater = await makeOrganisation({ odsCode: "XQ81", name: "Fictional Testshire Closing Trust", region: "midlands" });
  await db.organisation.update({ where: { id: closingLater.id }, data: { icb: ICB, closedOn: "2099-03-31" } });
  open.push(closingLater);
  // Another ICB, to be filtered out.
  const other = await makeOrganisation({ odsCode: "XQO1", name: "Fictional Elsewhere Trust", region: "midlands" });
  await db.organisation.update({ where: { id: other.id }, data: { icb: "QZ8" } });
  analyst = await makeUser("analyst", null);
});

const openCodes = () => open.map((o) => o.odsCode).sort();

describe("closed trusts and ICBs in the national view", () => {
  it("counts by ICB (by name), each quarter counting the trusts open then, and leaves the closed trust out of the rows", async () => {
    const v = await nationalView({ kind: "all" }, { asAt: AS_AT, filters: { region: null, icb: ICB, type: null } });
    expect(v.rows.map((r) => r.odsCode).sort()).toEqual(openCodes());
    expect(v.byIcb.map((g) => g.label)).toEqual([ICB_NAME]);
    const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
    // Quarters end 2024-06-30 … 2026-03-31; the closed trust counts until its close date (2025-06-30).
    expect(v.quarters.map((q, i) => [q, sum(v.totals[i]!)])).toEqual(
      v.quarters.map((q) => [q, q < "2025-06-30" ? open.length + 1 : open.length]),
    );
    expect(v.icbOptions).toContainEqual({ code: ICB, label: ICB_NAME });
    for (const s of v.scatters) expect(s.points.map((p) => p.odsCode)).not.toContain(closed.odsCode);
  });

  it("gives each row its trend with an interval around it, and missing measures as missing", async () => {
    const v = await nationalView({ kind: "all" }, { asAt: AS_AT, filters: { region: null, icb: ICB, type: null } });
    const widening = v.rows.find((r) => r.odsCode === "XQ01")!;
    expect(widening.trend!.perYear).toBeGreaterThan(0);
    expect(widening.trend!.ciLow!).toBeLessThan(widening.trend!.perYear);
    expect(widening.trend!.ciHigh!).toBeGreaterThan(widening.trend!.perYear);
    const narrowing = v.rows.find((r) => r.odsCode === "XQ21")!;
    expect(narrowing.trend!.perYear).toBeLessThan(0);
    expect(narrowing.trend!.ciLow!).toBeLessThan(narrowing.trend!.ciHigh!);
    expect(v.rows.find((r) => r.odsCode === "XQ51")!.measures.vacancyRate).toBeNull();
    expect(v.rows.find((r) => r.odsCode === "XQ11")!.measures.vacancyRate).toBeCloseTo(0.25, 6);
    expect(v.rows.find((r) => r.odsCode === "XQ81")!.trend).toBeNull();
  });

  it("leaves the closed trust out of the flags list, which filters by ICB", async () => {
    type Flags = { rows: { odsCode: string; icb: string }[]; total: number; icbOptions: { code: string }[] };
    const all = (await callRoute(flagsRoute.loader, { request: await requestAs(analyst, "/flags") })).data as Flags;
    expect(all.total).toBeGreaterThan(open.length);
    const byIcb = (await callRoute(flagsRoute.loader, { request: await requestAs(analyst, `/flags?icb=${ICB}`) })).data as Flags;
    expect(byIcb.rows.map((r) => r.odsCode).sort()).toEqual(openCodes());
    expect(byIcb.rows.every((r) => r.icb === ICB_NAME)).toBe(true);
    expect(all.icbOptions.map((i) => i.code)).toContain(ICB);
    const wide = (await callRoute(flagsRoute.loader, { request: await requestAs(analyst, "/flags?region=midlands") })).data as Flags;
    expect(wide.rows.map((r) => r.odsCode)).not.toContain(closed.odsCode);
  });

  it("leaves the closed trust out of peer groups, while its own dashboard still opens against open peers", async () => {
    const viewer = { id: analyst.id, role: "analyst" as const, organisationId: null };
    const own = await dashboardData(viewer, open[0]!.id, { asAt: AS_AT });
    for (const f of own!.benchmarks!.funnels) expect(f.points.map((p) => p.odsCode)).not.toContain(closed.odsCode);
    const closedOwn = await dashboardData(viewer, closed.id, { asAt: AS_AT });
    expect(closedOwn).not.toBeNull();
    const region = closedOwn!.benchmarks!.funnels.find((f) => f.group === "region")!;
    expect(region.points.filter((p) => p.isSelf)).toHaveLength(1);
    expect(region.points.map((p) => p.odsCode)).toContain(open[0]!.odsCode);
  });

  it("lists organisations without the closed one unless asked, and its own page says it is closed", async () => {
    const params = { page: 1, sort: "odsCode" as const, dir: "asc" as const, organisationId: null, from: null, to: null, q: "Testshire" };
    const shown = await listOrganisations({ kind: "all" }, params);
    expect(shown.rows.map((r) => r.odsCode)).not.toContain(closed.odsCode);
    expect(shown.rows.map((r) => r.odsCode)).toContain(closingLater.odsCode);
    const withClosed = await listOrganisations({ kind: "all" }, params, { showClosed: true });
    expect(withClosed.rows.find((r) => r.odsCode === closed.odsCode)?.closedOn).toBe("2025-06-30");
    const page = await callRoute(orgPage.loader, {
      request: await requestAs(analyst, `/organisations/${closed.id}`),
      params: { id: String(closed.id) },
    });
    expect(page.status).toBe(200);
    expect((page.data as { org: { closedOn: string } }).org.closedOn).toBe("2025-06-30");
  });
});

describe("/national filters, paging and downloads", () => {
  type Page = {
    total: number;
    rows: { odsCode: string; icbLabel: string }[];
    query: { page: number };
    chart: { coords: string; titles: string };
    correlations: { key: string; spearman: unknown; correlation: unknown }[];
  };
  const load = async (q: string) =>
    (await callRoute(nationalRoute.loader, { request: await requestAs(analyst, `/national${q}`) })).data as Page;

  it("filters by ICB, names each chart point and gives Spearman's rho beside Pearson's r", async () => {
    const d = await load(`?asAt=${AS_AT}&icb=${ICB}&measure=vacancyRate`);
    expect(d.total).toBe(open.length);
    expect(d.rows.map((r) => r.odsCode).sort()).toEqual(openCodes());
    expect(d.rows[0]!.icbLabel).toBe(ICB_NAME);
    // One point per trust with a trend and a measure (not the bare trust, not the one without a trend), each titled with its trust.
    expect(d.chart.coords.split(";")).toHaveLength(4);
    const titles = d.chart.titles.split("\n");
    expect(titles.map((t) => t.split(":")[0]).sort()).toEqual([0, 1, 2, 3].map((i) => `Fictional Testshire ${i} Hospitals Trust`));
    expect(titles.find((t) => t.startsWith("Fictional Testshire 1 "))).toMatch(/: 25%, [+−]\d\.\d\d a year$/);
    const vacancy = d.correlations.find((c) => c.key === "vacancyRate")!;
    expect(vacancy.correlation).not.toBeNull();
    expect(vacancy.spearman).not.toBeNull();
  });

  it("pages the table on the server, sorted over every row, with the total over every row", async () => {
    for (let i = 0; i < 26; i++) {
      const o = await makeOrganisation({
        odsCode: `XQP${String(i).padStart(2, "0")}`,
        name: `Fictional Paged ${String(i).padStart(2, "0")} Trust`,
      });
      await db.organisation.update({ where: { id: o.id }, data: { icb: "QZ7" } });
    }
    const first = await load("?icb=QZ7&sort=odsCode&dir=desc");
    expect(first.total).toBe(26);
    expect(first.rows).toHaveLength(25);
    expect(first.rows[0]!.odsCode).toBe("XQP25");
    const second = await load("?icb=QZ7&sort=odsCode&dir=desc&page=2");
    expect(second.rows.map((r) => r.odsCode)).toEqual(["XQP00"]);
    expect((await load("?icb=QZ7&page=9")).query.page).toBe(2);
  });

  it("downloads exactly the filtered trusts as CSV and XLSX, missing values blank, and audits it", async () => {
    const csv = await callRoute(nationalCsv.loader, { request: await requestAs(analyst, `/national.csv?asAt=${AS_AT}&icb=${ICB}`) });
    expect(csv.status).toBe(200);
    const records = parse((await csv.response!.text()).replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];
    expect(records.map((r) => r.ods_code).sort()).toEqual(openCodes());
    const bare = records.find((r) => r.ods_code === "XQ51")!;
    expect(bare).toMatchObject({ icb_code: ICB, icb_name: ICB_NAME, region: "midlands", vacancy_rate: "" });
    expect(records.find((r) => r.ods_code === "XQ81")).toMatchObject({ gap_trend_per_year: "", gap_trend_ci_low: "" });
    const w = records.find((r) => r.ods_code === "XQ01")!;
    expect(Number(w.gap_trend_ci_low)).toBeLessThan(Number(w.gap_trend_per_year));
    expect(w.flagged_status).toBe("widening");
    expect(Number(records.find((r) => r.ods_code === "XQ11")!.vacancy_rate)).toBeCloseTo(0.25, 6);

    const xlsx = await callRoute(nationalXlsx.loader, { request: await requestAs(analyst, `/national.xlsx?asAt=${AS_AT}&icb=${ICB}`) });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.response!.arrayBuffer()) as never);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const odsCol = header.indexOf("ods_code") + 1;
    const vacancyCol = header.indexOf("vacancy_rate") + 1;
    const codes: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) codes.push(String(row.getCell(odsCol).value));
      if (n > 1 && row.getCell(odsCol).value === "XQ51") expect(row.getCell(vacancyCol).value).toBeNull();
    });
    expect(codes.sort()).toEqual(openCodes());

    const audit = await db.auditEvent.findFirst({ where: { entity: "NationalTable" }, orderBy: { id: "desc" } });
    expect(audit?.summary).toContain(`${open.length} trusts (icb=${ICB})`);
  });

  it("is refused to a medical director", async () => {
    const md = await makeUser("medical_director", open[0]!.id);
    expect((await callRoute(nationalCsv.loader, { request: await requestAs(md, "/national.csv") })).status).toBe(403);
  });
});
