// The dashboard and trends pages send only what they render (their loader data is repeated in the
// page for hydration): on the demo data, the dashboard keeps every number and link it showed, without
// the record ids behind them; the trends page lists every series and shows one in full at a time.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { analyseOrganisation } from "~/models/gap-analysis.server";
import * as dashboardRoute from "~/routes/organisations.$id.dashboard";
import * as trendsRoute from "~/routes/organisations.$id.trends";
import { seedDemoData } from "../support/demo-seed";
import { callRoute, makeUser, requestAs } from "../support/factories";

let id: number;
beforeAll(async () => {
  id = (await seedDemoData()).get("XA1")!;
}, 120_000);

function html(mod: { default: unknown }, loaderData: unknown): string {
  const Page = mod.default as (p: { loaderData: unknown }) => ReturnType<typeof createElement>;
  return renderToStaticMarkup(createElement(Page, { loaderData }));
}

describe("the dashboard's loader data", () => {
  it("has no record ids or other series' waves, and still links each count to its records", async () => {
    const md = await makeUser("medical_director", id);
    const res = await callRoute(dashboardRoute.loader, {
      request: await requestAs(md, `/organisations/${id}/dashboard?asAt=2026-03-31`),
      params: { id: String(id) },
    });
    const data = res.data as Record<string, unknown> & { gap: { series: object[]; head: { waves: unknown[] } | null } };
    const text = JSON.stringify(data);
    expect(text).not.toMatch(
      /"(postRowIds|vacantRowIds|leaverRowIds|rowIds|planIds|withTimePlanIds|startedIds|completedIds|clinicalRowIds)":\[\d/,
    );
    expect(text).not.toContain("rolePairs");
    expect(data.gap.series.length).toBeGreaterThan(1);
    for (const s of data.gap.series) expect(s).not.toHaveProperty("waves");
    expect(data.gap.head!.waves.length).toBeGreaterThan(0);
    // The page still says how many records each number counted, and links to them.
    const page = html(dashboardRoute, data);
    expect(page).toMatch(/aria-label="See the \d+ vacant posts? counted"/);
    expect(page).toMatch(
      /href="\/roles\?organisationId=\d+&amp;counted=vacancyRate&amp;asAt=[\d-]+"><span class="block">\d+ vacant posts?<\/span>/,
    );
  });
});

describe("the trends page", () => {
  it("lists every series and shows the headline in full, or the series asked for", async () => {
    const analyst = await makeUser("analyst", null);
    const all = (await analyseOrganisation({ kind: "all" }, id))!.result.series;
    expect(all.length).toBeGreaterThan(1);
    const load = async (q: string) =>
      (
        await callRoute(trendsRoute.loader, {
          request: await requestAs(analyst, `/organisations/${id}/trends${q}`),
          params: { id: String(id) },
        })
      ).data as { overview: Array<{ key: string; label: string }>; item: { result: { series: Array<{ label: string }> } } };
    const first = await load("");
    expect(first.overview.map((s) => s.label)).toEqual(all.map((s) => s.label));
    expect(first.item.result.series).toHaveLength(1);
    const other = first.overview.find((s) => s.label !== first.item.result.series[0]!.label)!;
    const page = html(trendsRoute, first);
    expect(page).toContain(`href="?series=${encodeURIComponent(other.key)}#series-`);
    expect(page).toContain("(shown below)");
    const asked = await load(`?series=${encodeURIComponent(other.key)}`);
    expect(asked.item.result.series.map((s) => s.label)).toEqual([other.label]);
    expect(html(trendsRoute, asked)).toContain(`Each wave: ${other.label}`);
  });
});
