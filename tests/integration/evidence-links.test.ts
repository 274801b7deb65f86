// Every number traceable: each linked number on the dashboard opens a list with exactly the records it
// counted (same as-at date, same definition), and the list says how many and why. The dashboard is
// rendered from its loader on the demo data, every link is followed to its list loader, and the
// list's count is compared with the number in the link.
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { beforeAll, describe, expect, it } from "vitest";
import { familyOf } from "~/domain/vocab";
import { db } from "~/utils/db.server";
import * as dashboardRoute from "~/routes/organisations.$id.dashboard";
import * as jobPlansRoute from "~/routes/job-plans._index";
import * as pulseRoute from "~/routes/pulse-results._index";
import * as rolesRoute from "~/routes/roles._index";
import * as trainingRoute from "~/routes/training._index";
import * as rolesCsv from "~/routes/roles[.csv]";
import { callRoute, makeUser, requestAs } from "../support/factories";
import { seedDemoData } from "../support/demo-seed";

const AS_AT = "2026-06-30";
const lists = {
  "/roles": rolesRoute.loader,
  "/job-plans": jobPlansRoute.loader,
  "/training": trainingRoute.loader,
  "/pulse-results": pulseRoute.loader,
} as const;

type ListData = { total: number; rows: { id: number }[]; counted?: { ids: number[]; what: string; why: string } | null };

let orgIds: Map<string, number>;
let md: { id: number };
let orgId: number;

function decode(html: string): string {
  return html
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/<[^>]+>/g, "");
}

/** Every link to a record list in the rendered page, with its text. */
function recordLinks(html: string): { href: string; text: string }[] {
  const out: { href: string; text: string }[] = [];
  for (const m of html.matchAll(/<a href="(\/(?:roles|job-plans|training|pulse-results)\?[^"]+)"[^>]*>([\s\S]*?)<\/a>/g)) {
    out.push({ href: decode(m[1]), text: decode(m[2]).trim() });
  }
  return out;
}

async function dashboardHtml(asAt: string): Promise<string> {
  const res = await callRoute(dashboardRoute.loader, {
    request: await requestAs(md, `/organisations/${orgId}/dashboard?asAt=${asAt}`),
    params: { id: String(orgId) },
  });
  expect(res.status).toBe(200);
  const Page = dashboardRoute.default as unknown as (p: { loaderData: unknown }) => ReturnType<typeof createElement>;
  return renderToStaticMarkup(createElement(Page, { loaderData: res.data }));
}

async function openList(href: string): Promise<ListData> {
  const path = href.split("?")[0] as keyof typeof lists;
  const res = await callRoute(lists[path], { request: await requestAs(md, href) });
  expect(res.status, href).toBe(200);
  return res.data as ListData;
}

beforeAll(async () => {
  orgIds = await seedDemoData();
  orgId = orgIds.get("XA1")!;
  md = await makeUser("medical_director", orgId);
}, 120_000);

describe("dashboard numbers link to exactly what they counted", () => {
  it("every counted link's list has as many records as the number says, from the same records", async () => {
    const html = await dashboardHtml(AS_AT);
    const links = recordLinks(html).filter((l) => l.href.includes("counted="));
    // Measure cards, the quarter-by-quarter table and the directorate table all link.
    expect(links.length).toBeGreaterThan(40);
    for (const link of links) {
      const list = await openList(link.href);
      // The number the link shows: "See the 7 vacant posts", "33 job plans in force", "2 (15%)", "30 (4 records)".
      const number = Number((/(\d+) records?\)/.exec(link.text) ?? /(\d+)/.exec(link.text))?.[1]);
      if (process.env.SHOW_LINKS) console.log(link.text, "→", list.total);
      expect(list.counted, link.href).toBeTruthy();
      expect(list.total, `${link.text} → ${link.href}`).toBe(list.counted!.ids.length);
      // The count in the link text is the count in the list (e.g. "See the 7 vacant posts").
      expect(Number.isFinite(number), link.text).toBe(true);
      expect(list.total, `${link.text} → ${link.href}`).toBe(number);
      if (list.total > 0) expect(list.rows.every((r) => list.counted!.ids.includes(r.id))).toBe(true);
    }
  }, 120_000);

  it("the directorate table's numbers are the directorate's, not the whole trust's", async () => {
    const html = await dashboardHtml(AS_AT);
    const res = await callRoute(dashboardRoute.loader, {
      request: await requestAs(md, `/organisations/${orgId}/dashboard?asAt=${AS_AT}`),
      params: { id: String(orgId) },
    });
    const rows = (
      res.data as {
        byDirectorate: {
          directorate: string | null;
          metrics: { vacancy: { posts: number; vacant: number }; leadershipTime: { withTime: number } };
        }[];
      }
    ).byDirectorate;
    for (const r of rows) {
      const q = new URLSearchParams({ organisationId: String(orgId), counted: "posts", asAt: AS_AT, directorate: r.directorate ?? "" });
      expect(html).toContain(`/roles?${q.toString()}`.replace(/&/g, "&amp;"));
      expect((await openList(`/roles?${q.toString()}`)).total).toBe(r.metrics.vacancy.posts);
      q.set("counted", "vacancyRate");
      expect((await openList(`/roles?${q.toString()}`)).total).toBe(r.metrics.vacancy.vacant);
      q.set("counted", "leadersWithTimeShare");
      expect((await openList(`/job-plans?${q.toString()}`)).total).toBe(r.metrics.leadershipTime.withTime);
    }
  }, 60_000);

  it("a gap links to the survey results of its one wave, in the two families", async () => {
    const html = await dashboardHtml(AS_AT);
    const gapLinks = recordLinks(html).filter((l) => l.href.startsWith("/pulse-results"));
    expect(gapLinks.length).toBeGreaterThan(0);
    for (const link of gapLinks) {
      const q = new URL(link.href, "http://x").searchParams;
      const fieldwork = q.get("from")!;
      expect(q.get("to")).toBe(fieldwork);
      const stored = await db.pulseResult.findMany({
        where: { organisationId: orgId, survey: q.get("survey")!, measure: q.get("measure")!, scale: q.get("scale")!, fieldwork },
        select: { id: true, staffGroup: true },
      });
      const counted = stored.filter((r) => familyOf(r.staffGroup) !== undefined);
      const list = await openList(`${link.href}&page=1`);
      expect(list.total, link.href).toBe(counted.length);
      expect(list.total).toBeGreaterThan(0);
      // The July-style "(Month YYYY)" in the link names the wave listed.
      expect(link.text).toMatch(/\([A-Z][a-z]+ \d{4}\)|^[+−]?\d/);
    }
  }, 60_000);

  it("the list says how many records there are and why they count, and the download has the same rows", async () => {
    const href = `/roles?organisationId=${orgId}&counted=vacancyRate&asAt=${AS_AT}`;
    const list = await openList(href);
    expect(list.counted!.what).toMatch(/^\d+ vacant posts?$/);
    expect(list.counted!.why).toContain("no holder on 30 June 2026");
    const csv = await callRoute(rolesCsv.loader, { request: await requestAs(md, href) });
    const lines = String(csv.data).trim().split("\n");
    expect(lines.length - 1).toBe(list.total);
  });
});

describe("a holder recorded the way the form suggests", () => {
  it("counts the post once as filled, and the vacant list agrees with the number", async () => {
    const org = await db.organisation.create({
      data: { odsCode: "XZV1", name: "Vacancy Test Trust (fictional)", type: "acute", region: "london", consultantHeadcount: 10 },
    });
    const hr = await makeUser("medical_director", org.id);
    // Three posts; post A was vacant from 2024 and HR added the new holder without closing the vacant row.
    await db.leadershipRole.createMany({
      data: [
        {
          organisationId: org.id,
          title: "Clinical director A",
          roleType: "clinical_director",
          level: "directorate",
          holderName: null,
          startDate: "2024-01-01",
        },
        {
          organisationId: org.id,
          title: "Clinical director A",
          roleType: "clinical_director",
          level: "directorate",
          holderName: "Dr New",
          holderBackground: "doctor",
          startDate: "2026-02-01",
        },
        {
          organisationId: org.id,
          title: "Clinical director B",
          roleType: "clinical_director",
          level: "directorate",
          holderName: null,
          startDate: "2024-01-01",
        },
        {
          organisationId: org.id,
          title: "Clinical director C",
          roleType: "clinical_director",
          level: "directorate",
          holderName: "Dr Stay",
          holderBackground: "doctor",
          startDate: "2020-01-01",
        },
      ],
    });
    const res = await callRoute(dashboardRoute.loader, {
      request: await requestAs(hr, `/organisations/${org.id}/dashboard?asAt=${AS_AT}`),
      params: { id: String(org.id) },
    });
    const latest = (res.data as { latest: { vacancy: { posts: number; vacant: number } } }).latest;
    expect(latest.vacancy).toMatchObject({ posts: 3, vacant: 1 });
    const list = (
      await callRoute(rolesRoute.loader, {
        request: await requestAs(hr, `/roles?organisationId=${org.id}&counted=vacancyRate&asAt=${AS_AT}`),
      })
    ).data as ListData;
    expect(list.total).toBe(1);
    // The old link (every vacant row covering the date) listed 2 for a count of 1.
    const old = (
      await callRoute(rolesRoute.loader, {
        request: await requestAs(hr, `/roles?organisationId=${org.id}&vacant=1&from=${AS_AT}&to=${AS_AT}`),
      })
    ).data as ListData;
    expect(old.total).toBe(2);
  });
});

describe("a post's linked records", () => {
  it("link to lists of exactly the records linked to that post", async () => {
    const rolePage = await import("~/routes/roles.$id._index");
    const linked = await db.leadershipRole.findFirst({ where: { organisationId: orgId, training: { some: {} } }, select: { id: true } });
    expect(linked).not.toBeNull();
    const res = await callRoute(rolePage.loader, {
      request: await requestAs(md, `/roles/${linked!.id}`),
      params: { id: String(linked!.id) },
    });
    const html = renderToStaticMarkup(
      createElement(rolePage.default as unknown as (p: { loaderData: unknown }) => ReturnType<typeof createElement>, {
        loaderData: res.data,
      }),
    );
    const links = recordLinks(html).filter((l) => l.href.includes("roleId="));
    expect(links).toHaveLength(2);
    for (const link of links) {
      const list = await openList(link.href);
      expect(list.total, link.text).toBe(Number(/^(\d+)/.exec(link.text)![1]));
      expect(list.total).toBeLessThan(await db.trainingRecord.count({ where: { organisationId: orgId } }));
    }
  });
});
