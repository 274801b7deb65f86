// Missing is missing, on the demo data through the real loaders and pages: before April 2025 no job
// plan is in force, so the quarter ending March 2025 shows "No data" with the reason (never "0.0 PAs in
// 0 job plans" or 0%), and the board summary does not call the flat PAs and leadership-time measures
// improving or concerning because of that quarter.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { defaultGapSettings } from "~/domain/gap-settings";
import { variationOf, xmr } from "~/domain/stats/xmr";

// The engine with the settings in force (the defaults in this test), as the board uses it.
const mdcVariation = (values: readonly number[], better: "higher" | "lower") => variationOf(xmr(values, defaultGapSettings), better);
import { measureByKey } from "~/domain/investment";
import { boardSummaryData } from "~/models/dashboard.server";
import * as boardRoute from "~/routes/organisations.$id.board-summary";
import * as dashboardRoute from "~/routes/organisations.$id.dashboard";
import { callRoute, makeUser, requestAs } from "../support/factories";
import { seedDemoData } from "../support/demo-seed";

let orgIds: Map<string, number>;

beforeAll(async () => {
  orgIds = await seedDemoData();
}, 120_000);

function render(mod: { default: unknown }, loaderData: unknown): string {
  const Page = mod.default as (p: { loaderData: unknown }) => ReturnType<typeof createElement>;
  return renderToStaticMarkup(createElement(Page, { loaderData }))
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");
}

describe("the quarter before any job plan", () => {
  it("shows no data with the reason on the dashboard, not 0.0 PAs in 0 job plans", async () => {
    const id = orgIds.get("XA1")!;
    const md = await makeUser("medical_director", id);
    const res = await callRoute(dashboardRoute.loader, {
      request: await requestAs(md, `/organisations/${id}/dashboard?asAt=2025-03-31`),
      params: { id: String(id) },
    });
    expect(res.status).toBe(200);
    const text = render(dashboardRoute, res.data);
    expect(text).not.toContain("0.0 PAs in 0 job plans");
    expect(text).toContain("No job plans are recorded as in force at this date");
    expect(text).toContain("No clinical leader has a job plan recorded as in force at this date");
    expect(text).not.toMatch(/Leadership PAs in job plans per 100 consultants 0\.0 PAs/);
  });

  it("does not judge the flat measures on a false zero, for any demo trust, and says how many quarters were used", async () => {
    const board = await makeUser("board_member", orgIds.get("XA2")!);
    for (const [ods, id] of orgIds) {
      const data = (await boardSummaryData({ kind: "all" }, id, { asAt: "2026-11-26" }))!;
      for (const key of ["leadershipPasPer100", "leadersWithTimeShare"] as const) {
        const row = data.summary.rows.find((r) => r.key === key)!;
        expect(row.values[0], `${ods} ${key}`).toBeNull();
        expect(row.pointsUsed).toBe(row.values.filter((v) => v !== null).length);
        expect(row.variation).toBe(
          mdcVariation(
            row.values.filter((v): v is number => v !== null),
            measureByKey(key).better,
          ),
        );
      }
    }
    const id = orgIds.get("XA2")!;
    const res = await callRoute(boardRoute.loader, {
      request: await requestAs(board, `/organisations/${id}/board-summary?asAt=2026-11-26`),
      params: { id: String(id) },
    });
    expect(render(boardRoute, res.data)).toContain("7 of 8 quarters with data");
  }, 60_000);
});
