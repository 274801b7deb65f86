// The dashboards' data layer and routes over a real SQLite file: investment measures from seeded
// records, peer benchmarks that never name another organisation to a medical director, the board
// summary and its PDF (real text), and the national view.
import { execFileSync } from "node:child_process";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { inflateSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { daysBetween } from "~/domain/calendar";
import { boardSummaryData, dashboardData, nationalView, organisationMetrics, peerBenchmarks } from "~/models/dashboard.server";
import { db } from "~/utils/db.server";
import * as boardRoute from "~/routes/organisations.$id.board-summary";
import * as dashboardRoute from "~/routes/organisations.$id.dashboard";
import * as peersRoute from "~/routes/organisations.$id.peers";
import * as nationalRoute from "~/routes/national";
import * as pdfRoute from "~/routes/organisations.$id.board-summary[.pdf]";
import { callRoute, makeOrganisation, makeUser, requestAs } from "../support/factories";

const AS_AT = "2026-03-31";
const WAVES = ["2024-10", "2025-01", "2025-04", "2025-07", "2025-10", "2026-01"];

type Org = Awaited<ReturnType<typeof makeOrganisation>>;
let alpha: Org;
let beta: Org;
let gamma: Org;
let delta: Org;
let epsilon: Org;
const others = () => [beta, gamma, delta, epsilon];

async function pulse(organisationId: number, gaps: number[]) {
  await db.pulseResult.createMany({
    data: gaps.flatMap((gap, i) => [
      {
        organisationId,
        survey: "NQPS",
        measure: "engagement",
        scale: "score_0_10",
        fieldwork: WAVES[i],
        staffGroup: "consultant",
        value: 6.0,
        respondents: 800,
        sd: 1.8,
      },
      {
        organisationId,
        survey: "NQPS",
        measure: "engagement",
        scale: "score_0_10",
        fieldwork: WAVES[i],
        staffGroup: "general_manager",
        value: 6.0 + gap,
        respondents: 400,
        sd: 1.8,
      },
    ]),
  });
}

type RoleSeed = {
  title: string;
  roleType?: string;
  level?: string;
  directorate?: string | null;
  holderName: string | null;
  holderBackground?: string | null;
  startDate: string;
  endDate?: string | null;
};

async function roles(organisationId: number, list: RoleSeed[]) {
  for (const r of list) {
    await db.leadershipRole.create({
      data: {
        organisationId,
        title: r.title,
        roleType: r.roleType ?? "clinical_director",
        level: r.level ?? "directorate",
        directorate: r.directorate ?? null,
        holderName: r.holderName,
        holderBackground: r.holderBackground === undefined ? (r.holderName ? "doctor" : null) : r.holderBackground,
        startDate: r.startDate,
        endDate: r.endDate ?? null,
      },
    });
  }
}

/** A simple trust for the benchmarks: `vacant` of four clinical director posts vacant. */
async function simpleTrust(organisationId: number, vacant: number) {
  await roles(
    organisationId,
    [0, 1, 2, 3].map((i) => ({
      title: `Clinical director ${i}`,
      holderName: i < vacant ? null : `Dr Peer ${organisationId}-${i}`,
      startDate: "2020-01-01",
    })),
  );
}

beforeAll(async () => {
  alpha = await makeOrganisation({
    odsCode: "XZA1",
    name: "Fictional Alpha Hospitals Trust",
    type: "acute",
    region: "london",
    consultantHeadcount: 50,
  });
  beta = await makeOrganisation({ odsCode: "XZB1", name: "Fictional Beta Hospitals Trust", type: "acute", region: "london" });
  gamma = await makeOrganisation({ odsCode: "XZC1", name: "Fictional Gamma Hospitals Trust", type: "acute", region: "north_west" });
  delta = await makeOrganisation({
    odsCode: "XZD1",
    name: "Fictional Delta Care Trust",
    type: "mental_health",
    region: "london",
    consultantHeadcount: null,
  });
  epsilon = await makeOrganisation({ odsCode: "XZE1", name: "Fictional Epsilon Hospitals Trust", type: "acute", region: "london" });

  await roles(alpha.id, [
    { title: "Clinical director, Surgery", directorate: "Surgery", holderName: "Dr Ann Ash", startDate: "2020-01-01" },
    {
      title: "Clinical director, Medicine",
      directorate: "Medicine",
      holderName: "Dr Ben Bell",
      startDate: "2019-01-01",
      endDate: "2025-12-31",
    },
    { title: "Clinical director, Medicine", directorate: "Medicine", holderName: null, startDate: "2026-01-01" },
    {
      title: "Clinical lead, Surgery",
      roleType: "clinical_lead",
      level: "service",
      directorate: "Surgery",
      holderName: null,
      startDate: "2024-01-01",
    },
    { title: "Medical director", roleType: "medical_director", level: "board", holderName: "Dr Cat Cox", startDate: "2018-06-01" },
    {
      title: "Chief executive",
      roleType: "chief_executive",
      level: "board",
      holderName: "Dan Dee",
      holderBackground: "non_clinical_manager",
      startDate: "2021-01-01",
    },
  ]);
  await db.jobPlan.createMany({
    data: [
      { organisationId: alpha.id, person: "Dr Ann Ash", effectiveFrom: "2025-04-01", anrPas: 2, dccPas: 7, spaPas: 1.5 },
      { organisationId: alpha.id, person: "Dr Cat Cox", effectiveFrom: "2025-04-01", anrPas: 4, dccPas: 4, spaPas: 1.5 },
      { organisationId: alpha.id, person: "Dr Eve Eden", effectiveFrom: "2025-04-01", anrPas: 0.5, dccPas: 8, spaPas: 1.5 },
      {
        organisationId: alpha.id,
        person: "Dr Ann Ash",
        effectiveFrom: "2024-04-01",
        effectiveTo: "2025-03-31",
        anrPas: 1,
        dccPas: 8,
        spaPas: 1.5,
      },
    ],
  });
  await db.trainingRecord.create({
    data: {
      organisationId: alpha.id,
      person: "Dr Ann Ash",
      programme: "edward_jenner",
      hours: 30,
      startDate: "2025-06-01",
      completionDate: "2025-12-01",
      status: "completed",
    },
  });
  await simpleTrust(beta.id, 1);
  await simpleTrust(gamma.id, 0);
  await simpleTrust(delta.id, 2);
  await simpleTrust(epsilon.id, 3);

  await pulse(alpha.id, [0.4, 0.5, 0.7, 0.8, 1.0, 1.1]);
  await pulse(beta.id, [0.6, 0.62, 0.58, 0.61, 0.6, 0.59]);
  await pulse(gamma.id, [1.2, 1.05, 0.9, 0.7, 0.55, 0.4]);
  await pulse(delta.id, [0.5, 0.52, 0.49, 0.5, 0.51, 0.5]);
  await pulse(epsilon.id, [0.3, 0.32, 0.31, 0.29, 0.3, 0.31]);
});

describe("investment measures from seeded records", () => {
  it("computes every measure as at a date through the data layer", async () => {
    const m = (await organisationMetrics({ kind: "organisation", organisationId: alpha.id }, alpha.id, { asAt: AS_AT }))!;
    expect(m.periods).toHaveLength(8);
    expect(m.periods.at(-1)).toBe(AS_AT);
    const l = m.latest;
    expect(l.vacancy).toMatchObject({ posts: 5, filled: 3, vacant: 2, rate: 0.4 });
    expect(l.vacancy.byRoleType.clinical_director).toMatchObject({ posts: 2, vacant: 1 });
    expect(l.turnover.leavers).toBe(1);
    expect(l.tenure.medianYears).toBeCloseTo(daysBetween("2020-01-01", AS_AT) / 365.25, 10);
    expect(l.pas).toMatchObject({ total: 6.5, plans: 3, per100Consultants: 13 });
    expect(l.leadershipTime).toMatchObject({ leaders: 2, withTime: 2, share: 1 });
    expect(l.training).toMatchObject({ hours: 30, completions: 1, hoursPerLeader: 15, completionsPerLeader: 0.5 });
    expect(l.board).toMatchObject({ known: 2, clinical: 1, share: 0.5 });
    expect(m.byDirectorate.map((r) => r.label)).toEqual(["Medicine", "Surgery", "Trust-wide posts"]);
    // A year earlier Dr Bell was still in post and Dr Ash's earlier plan was in force.
    const yearBefore = m.series[m.series.length - 5];
    expect(yearBefore.asAt).toBe("2025-03-31");
    expect(yearBefore.vacancy).toMatchObject({ posts: 5, vacant: 1 });
    expect(yearBefore.pas.total).toBe(1);
  });

  it("gives no rate per 100 consultants where the headcount is missing, and nothing outside the scope", async () => {
    const d = (await organisationMetrics({ kind: "all" }, delta.id, { asAt: AS_AT }))!;
    expect(d.latest.pas).toMatchObject({ per100Consultants: null, reason: "Consultant headcount is not recorded for this organisation" });
    expect(await organisationMetrics({ kind: "organisation", organisationId: beta.id }, alpha.id, { asAt: AS_AT })).toBeNull();
  });
});

/** A route's page as the server renders it for this user (loader, then the component). */
async function renderRoute(
  route: { loader: Parameters<typeof callRoute>[0]; default: unknown },
  user: Awaited<ReturnType<typeof makeUser>>,
  url: string,
  params: Record<string, string>,
): Promise<string> {
  const res = await callRoute(route.loader, { request: await requestAs(user, url), params });
  expect(res.status).toBe(200);
  const Page = route.default as (p: { loaderData: unknown }) => ReturnType<typeof createElement>;
  return renderToStaticMarkup(createElement(Page, { loaderData: res.data }));
}

describe("peer benchmarks", () => {
  it("show other organisations to a medical director only as unnamed points", async () => {
    const md = await makeUser("medical_director", alpha.id);
    const b = await peerBenchmarks({ id: md.id, role: "medical_director", organisationId: alpha.id }, { ...alpha }, { asAt: AS_AT });
    expect(b.namesVisible).toBe(false);
    const type = b.funnels.find((f) => f.group === "type")!;
    expect(type.groupLabel).toBe("Acute trusts");
    expect(type.points).toHaveLength(4);
    const self = type.points.find((p) => p.isSelf)!;
    expect(self.label).toContain("Fictional Alpha Hospitals Trust");
    expect(self.gap).toBeCloseTo(1.1, 6);
    expect(self.precision).toBeCloseTo(1 / Math.sqrt(1.8 ** 2 / 800 + 1.8 ** 2 / 400), 6);
    for (const p of type.points.filter((x) => !x.isSelf)) {
      expect(p.label).toMatch(/^Peer \d+$/);
      expect(p.organisationId).toBeNull();
      expect(p.odsCode).toBeNull();
    }
    expect(self.position).toBe("above_998");
    const region = b.funnels.find((f) => f.group === "region")!;
    expect(region.points).toHaveLength(4); // alpha, beta, delta, epsilon

    // Quartiles: acute peers are beta (25% vacant), gamma (0%), epsilon (75%); alpha has 40%. Three
    // peers are too few: their quartiles would give every peer's value back (lowest = 2·q1 − median).
    const acute = b.quartiles.find((g) => g.group === "type")!;
    const vacancy = acute.measures.find((m) => m.key === "vacancyRate")!;
    expect(vacancy).toMatchObject({
      peers: 3,
      value: 0.4,
      position: null,
      q1: null,
      median: null,
      q3: null,
      reason: "Fewer than 5 peers with a value",
    });
    expect(acute.minPeers).toBe(5);
    for (const m of acute.measures) expect([m.q1, m.median, m.q3]).toEqual([null, null, null]);

    // The whole payload of the peer benchmarks page and of the dashboard, as they receive it, names no
    // other organisation.
    const peersPage = await callRoute(peersRoute.loader, {
      request: await requestAs(md, `/organisations/${alpha.id}/peers?asAt=${AS_AT}`),
      params: { id: String(alpha.id) },
    });
    const res = await callRoute(dashboardRoute.loader, {
      request: await requestAs(md, `/organisations/${alpha.id}/dashboard?asAt=${AS_AT}`),
      params: { id: String(alpha.id) },
    });
    for (const page of [peersPage, res]) {
      expect(page.status).toBe(200);
      const json = JSON.stringify(page.data);
      for (const o of others()) {
        expect(json).not.toContain(o.name);
        expect(json).not.toContain(o.odsCode);
        expect(json).not.toMatch(new RegExp(`"organisationId":${o.id}[,}]`));
      }
    }
    expect(JSON.stringify(peersPage.data)).toContain("Peer 1");
    // The peer page has the same benchmarks; the dashboard only says where alpha sits, per group.
    expect((peersPage.data as { benchmarks: typeof b }).benchmarks).toEqual(b);
    const summary = (res.data as { peerSummary: { rows: { group: string; gapText: string; funnelPoints: number }[] } }).peerSummary;
    expect(summary.rows.find((r) => r.group === "type")).toMatchObject({
      gapText: "Above the 99.8% limit (wider than peers)",
      funnelPoints: 4,
    });
    expect(res.data).not.toHaveProperty("benchmarks");
  });

  it("are one link from the dashboard, with the funnel plots and their complete tables on the peer page", async () => {
    const md = await makeUser("medical_director", alpha.id);
    const dash = await renderRoute(dashboardRoute, md, `/organisations/${alpha.id}/dashboard?asAt=${AS_AT}`, { id: String(alpha.id) });
    expect(dash).toContain(`href="/organisations/${alpha.id}/peers?asAt=${AS_AT}"`);
    expect(dash).toContain("Peer benchmarks in brief");
    expect(dash).not.toContain("funnel-table-");
    const page = await renderRoute(peersRoute, md, `/organisations/${alpha.id}/peers?asAt=${AS_AT}`, { id: String(alpha.id) });
    expect(page).toContain("Funnel plot data, Acute trusts");
    expect((page.match(/<table id="funnel-table-0"[\s\S]*?<\/table>/)![0].match(/<tr/g) ?? []).length).toBe(1 + 4); // header + every point
    expect(page).toContain("Quartile among Acute trusts");

    // The summary is kept while the data is unchanged, and follows a change on the next request:
    // a peer closed before the date leaves the funnel, and two unnamed peers are too few to draw it.
    const typeRow = async () => {
      const res = await callRoute(dashboardRoute.loader, {
        request: await requestAs(md, `/organisations/${alpha.id}/dashboard?asAt=${AS_AT}`),
        params: { id: String(alpha.id) },
      });
      return (res.data as { peerSummary: { rows: { group: string; funnelPoints: number }[] } }).peerSummary.rows.find(
        (r) => r.group === "type",
      );
    };
    expect((await typeRow())!.funnelPoints).toBe(4);
    await db.organisation.update({ where: { id: beta.id }, data: { closedOn: "2025-01-01" } });
    try {
      expect(await typeRow()).toMatchObject({ funnelPoints: 0, gapText: expect.stringMatching(/^Too few peers/) });
    } finally {
      await db.organisation.update({ where: { id: beta.id }, data: { closedOn: null } });
    }
    expect((await typeRow())!.funnelPoints).toBe(4);
  });

  it("name every organisation for an analyst", async () => {
    const analyst = await makeUser("analyst", null);
    const d = (await dashboardData({ id: analyst.id, role: "analyst", organisationId: null }, alpha.id, { asAt: AS_AT }))!;
    expect(d.benchmarks!.namesVisible).toBe(true);
    const names = d.benchmarks!.funnels.find((f) => f.group === "type")!.points.map((p) => p.label);
    expect(names).toEqual(
      expect.arrayContaining(["Fictional Beta Hospitals Trust", "Fictional Gamma Hospitals Trust", "Fictional Epsilon Hospitals Trust"]),
    );
  });
});

describe("who may open the dashboard and the board summary", () => {
  it("refuses board members the dashboard but shows them their board summary", async () => {
    const board = await makeUser("board_member", alpha.id);
    const dash = await callRoute(dashboardRoute.loader, {
      request: await requestAs(board, `/organisations/${alpha.id}/dashboard`),
      params: { id: String(alpha.id) },
    });
    expect(dash.status).toBe(403);
    const summary = await callRoute(boardRoute.loader, {
      request: await requestAs(board, `/organisations/${alpha.id}/board-summary?asAt=${AS_AT}`),
      params: { id: String(alpha.id) },
    });
    expect(summary.status).toBe(200);
    const other = await callRoute(boardRoute.loader, {
      request: await requestAs(board, `/organisations/${beta.id}/board-summary`),
      params: { id: String(beta.id) },
    });
    expect(other.status).toBe(404);
  });

  it("gives HR the dashboard without benchmarks, and a medical director of another trust a 404", async () => {
    const hr = await makeUser("hr", alpha.id);
    const res = await callRoute(dashboardRoute.loader, {
      request: await requestAs(hr, `/organisations/${alpha.id}/dashboard?asAt=${AS_AT}`),
      params: { id: String(alpha.id) },
    });
    expect(res.status).toBe(200);
    expect((res.data as { peerSummary: unknown }).peerSummary).toBeNull();
    // Nor the peer benchmarks page (the permission matrix checks every role on it).
    const peers = await callRoute(peersRoute.loader, {
      request: await requestAs(hr, `/organisations/${alpha.id}/peers?asAt=${AS_AT}`),
      params: { id: String(alpha.id) },
    });
    expect(peers.status).toBe(403);
    const otherMd = await makeUser("medical_director", beta.id);
    const denied = await callRoute(dashboardRoute.loader, {
      request: await requestAs(otherMd, `/organisations/${alpha.id}/dashboard`),
      params: { id: String(alpha.id) },
    });
    expect(denied.status).toBe(404);
  });

  it("reports an impossible as-at date and falls back to today", async () => {
    const md = await makeUser("medical_director", alpha.id);
    const res = await callRoute(boardRoute.loader, {
      request: await requestAs(md, `/organisations/${alpha.id}/board-summary?asAt=2026-02-30`),
      params: { id: String(alpha.id) },
    });
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ asAtError: "Enter a real date, for example 31 3 2026", asAtGiven: "2026-02-30" });
  });
});

describe("the board summary", () => {
  it("writes the status, changes and narrative from the data", async () => {
    const b = (await boardSummaryData({ kind: "all" }, alpha.id, { asAt: AS_AT }))!;
    expect(b.summary.overall.status).toBe("widening");
    expect(b.summary.previousAsAt).toBe("2025-12-31");
    expect(b.summary.narrative[0]).toContain("widened from 0.4 to 1.1 points over the last six surveys");
    expect(b.summary.narrative).toContain(
      "One of 2 clinical director posts is vacant, and 2 of 5 clinical leadership posts overall (40%).",
    );
    expect(b.summary.changes.length).toBeGreaterThan(0);
    expect(b.summary.changes.length).toBeLessThanOrEqual(3);
  });
});

/** The text of a PDF: pdftotext when installed, else the text operators of its (inflated) content streams. */
function pdfToText(bytes: Buffer): { text: string; tool: string } {
  try {
    execFileSync("which", ["pdftotext"], { stdio: "ignore" });
    return { text: execFileSync("pdftotext", ["-layout", "-", "-"], { input: bytes }).toString("utf8"), tool: "pdftotext" };
  } catch {
    // Fall through: no pdftotext on this machine.
  }
  const raw = bytes.toString("latin1");
  const decoder = new TextDecoder("windows-1252");
  const lines: string[] = [];
  const streams = /stream\r?\n([\s\S]*?)\r?\nendstream/g;
  for (let m = streams.exec(raw); m; m = streams.exec(raw)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(m[1], "latin1")).toString("latin1");
    } catch {
      content = m[1];
    }
    const ops = /\[((?:[^\]\\]|\\.)*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\(((?:[^)\\]|\\.)*)\)\s*Tj/g;
    for (let op = ops.exec(content); op; op = ops.exec(content)) {
      const parts: string[] = [];
      const body = op[1] ?? (op[2] !== undefined ? `<${op[2]}>` : `(${op[3]})`);
      const strings = /<([0-9a-fA-F]*)>|\(((?:[^)\\]|\\.)*)\)/g;
      for (let s = strings.exec(body); s; s = strings.exec(body)) {
        if (s[1] !== undefined) parts.push(decoder.decode(Buffer.from(s[1], "hex")));
        else parts.push(s[2].replace(/\\([()\\])/g, "$1"));
      }
      lines.push(parts.join(""));
    }
  }
  return { text: lines.join("\n"), tool: "content-stream parser" };
}

const squash = (s: string) => s.replace(/\s+/g, " ").trim();

describe("the board summary PDF", () => {
  it("is a PDF with real text: organisation, status and narrative; and the download is audited", async () => {
    const board = await makeUser("board_member", alpha.id);
    const res = await callRoute(pdfRoute.loader, {
      request: await requestAs(board, `/organisations/${alpha.id}/board-summary.pdf?asAt=${AS_AT}`),
      params: { id: String(alpha.id) },
    });
    expect(res.status).toBe(200);
    expect(res.response!.headers.get("content-type")).toBe("application/pdf");
    expect(res.response!.headers.get("content-disposition")).toContain(`board-summary-XZA1-${AS_AT}.pdf`);
    const bytes = Buffer.from(await res.response!.arrayBuffer());
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const { text, tool } = pdfToText(bytes);
    const flat = squash(text);
    const summary = (await boardSummaryData({ kind: "all" }, alpha.id, { asAt: AS_AT }))!.summary;
    expect(flat, `text extracted by ${tool}`).toContain("Fictional Alpha Hospitals Trust");
    expect(flat).toContain("Overall status: Widening");
    expect(flat).toContain(squash(summary.narrative.join(" ")));
    expect(flat).toContain("Clinical leadership posts vacant");
    // The same judgement as the page: the method (with the screening in force) and each row's icon words.
    expect(flat).toContain(squash(summary.method));
    expect(summary.method).toContain("screening on");
    const page = await callRoute(boardRoute.loader, {
      request: await requestAs(board, `/organisations/${alpha.id}/board-summary?asAt=${AS_AT}`),
      params: { id: String(alpha.id) },
    });
    const pageRows = (page.data as { summary: typeof summary }).summary.rows;
    expect(pageRows.map((r) => [r.key, r.variation, r.assurance])).toEqual(summary.rows.map((r) => [r.key, r.variation, r.assurance]));
    // (Counted by first word: a narrow PDF column may wrap "Concerning (high)". The footnote names
    // "Concerning" and "Improving" twice each, high and low.)
    const count = (hay: string, needle: string) => hay.split(needle).length - 1;
    const rowsWith = (prefix: string) => summary.rows.filter((r) => r.variation.startsWith(prefix)).length;
    expect(count(flat, "Concerning") - 2).toBe(rowsWith("special_cause_concerning"));
    expect(count(flat, "Improving") - 2).toBe(rowsWith("special_cause_improving"));
    expect(count(flat, "Common")).toBe(rowsWith("common_cause"));

    const audit = await db.auditEvent.findFirst({ where: { action: "export", entity: "BoardSummary", entityId: String(alpha.id) } });
    expect(audit).toMatchObject({ userId: board.id, organisationId: alpha.id });
  });

  it("keeps the page's permissions", async () => {
    const board = await makeUser("board_member", beta.id);
    const res = await callRoute(pdfRoute.loader, {
      request: await requestAs(board, `/organisations/${alpha.id}/board-summary.pdf`),
      params: { id: String(alpha.id) },
    });
    expect(res.status).toBe(404);
  });
});

describe("the national view", () => {
  it("is for analysts and administrators only", async () => {
    const md = await makeUser("medical_director", alpha.id);
    const res = await callRoute(nationalRoute.loader, { request: await requestAs(md, "/national") });
    expect(res.status).toBe(403);
  });

  it("counts statuses at each quarter end and relates the gap trend to each measure", async () => {
    const v = await nationalView({ kind: "all" }, { asAt: AS_AT });
    expect(v.quarters).toEqual([
      "2024-06-30",
      "2024-09-30",
      "2024-12-31",
      "2025-03-31",
      "2025-06-30",
      "2025-09-30",
      "2025-12-31",
      "2026-03-31",
    ]);
    const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
    const orgCount = await db.organisation.count();
    for (const c of v.totals) expect(total(c)).toBe(orgCount);
    // Before the first wave every organisation has insufficient data; at the end Alpha is widening.
    expect(v.totals[0].insufficient_data).toBe(orgCount);
    expect(v.byRegion.find((r) => r.key === "london")!.counts.at(-1)!.widening).toBe(1);
    expect(v.trendSeries).toMatchObject({ survey: "NQPS", measure: "engagement" });
    const vacancy = v.scatters.find((s) => s.key === "vacancyRate")!;
    expect(vacancy.points).toHaveLength(5);
    expect(vacancy.correlation).not.toBeNull();
    expect(vacancy.correlation!.ciLow).toBeLessThanOrEqual(vacancy.correlation!.r);
    expect(vacancy.correlation!.ciHigh).toBeGreaterThanOrEqual(vacancy.correlation!.r);
  });
});
