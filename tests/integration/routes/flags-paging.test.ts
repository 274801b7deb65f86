// /flags at national size is paged, sorted and filtered on the server (the downloads carry every row).
import { beforeAll, describe, expect, it } from "vitest";
import * as flags from "~/routes/flags._index";
import { callRoute, makeOrganisation, makeUser, requestAs } from "../../support/factories";

let analyst: { id: number };
beforeAll(async () => {
  for (let i = 0; i < 30; i++)
    await makeOrganisation({
      odsCode: `XP${String(i).padStart(2, "0")}`,
      name: `Paging Trust ${String(i).padStart(2, "0")} (fictional)`,
      region: i < 20 ? "london" : "midlands",
    });
  analyst = await makeUser("analyst", null);
});

type FlagsData = { rows: { odsCode: string }[]; total: number; page: number; counts: Record<string, number> };
const load = async (q: string) => (await callRoute(flags.loader, { request: await requestAs(analyst, `/flags${q}`) })).data as FlagsData;

describe("/flags paging", () => {
  it("returns one page of 25 rows in the requested order, with the total and counts over every row", async () => {
    const first = await load("?sort=odsCode&dir=asc");
    expect(first.total).toBeGreaterThanOrEqual(30);
    expect(first.rows).toHaveLength(25);
    const second = await load("?sort=odsCode&dir=asc&page=2");
    expect(second.page).toBe(2);
    expect(second.rows.length).toBe(first.total - 25);
    const all = [...first.rows, ...second.rows].map((r) => r.odsCode);
    expect(new Set(all).size).toBe(first.total);
    expect(all).toEqual([...all].sort());
    expect(Object.values(first.counts).reduce((a, b) => a + b, 0)).toBe(first.total);
    // Past the last page: the last page. Filters apply before paging.
    expect((await load("?page=99")).page).toBe(2);
    const midlands = await load("?region=midlands");
    expect(midlands.rows.every((r) => r.odsCode >= "XP20")).toBe(true);
  });
});
