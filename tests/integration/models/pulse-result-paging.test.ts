// The results list pages in SQL and suppresses only the cells of the rows it shows (or, for a deep page by
// value or respondents, cuts it from the whole list's order, kept while the data are unchanged). On the demo data
// every page, in every order and with every kind of filter, must equal the same page cut from the
// whole list suppressed at once (what the downloads use), including the withheld rows and their reasons.
import { beforeAll, describe, expect, it } from "vitest";
import { allPulseResults, listPulseResults, pulseSortKeys, readPulseQuery } from "~/models/pulse-result.server";
import { PAGE_SIZE } from "~/utils/list-params";
import { seedDemoData } from "../../support/demo-seed";

let orgIds: Map<string, number>;

beforeAll(async () => {
  orgIds = await seedDemoData();
}, 120_000);

const all = { kind: "all" } as const;

async function samePages(scope: { kind: "all" } | { kind: "organisation"; organisationId: number }, qs: string) {
  const { params, filters } = readPulseQuery(new URL(`http://x/pulse-results?${qs}`));
  const whole = await allPulseResults(scope, params, filters);
  const last = Math.max(1, Math.ceil(whole.length / PAGE_SIZE));
  // The first twelve pages cross from the batches to the kept order of a sort by value or respondents
  // (pulse-result.server.ts, figurePage), wherever the withheld rows fall.
  const first = Array.from({ length: 12 }, (_, i) => i + 1);
  const pages = [...new Set([...first, Math.ceil(last / 2), last - 1, last, last + 1])].filter((p) => p >= 1);
  for (const page of pages) {
    const { params: paged } = readPulseQuery(new URL(`http://x/pulse-results?${qs}&page=${page}`));
    const listed = await listPulseResults(scope, paged, filters);
    expect(listed.total, `${qs} total`).toBe(whole.length);
    expect(listed.rows, `${qs} page ${page}`).toEqual(whole.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE));
  }
  return whole;
}

describe("the paged results list", () => {
  it("has withheld rows of both kinds on the demo data (so the comparison covers them)", async () => {
    const whole = await allPulseResults(all, readPulseQuery(new URL("http://x/pulse-results")).params, {});
    expect(whole.some((r) => r.suppressed === "small_group")).toBe(true);
    expect(whole.some((r) => r.suppressed === "complementary")).toBe(true);
  });

  for (const sort of pulseSortKeys)
    for (const dir of ["asc", "desc"])
      it(`equals the whole list suppressed at once, sorted by ${sort} ${dir}`, async () => {
        await samePages(all, `sort=${sort}&dir=${dir}`);
      });

  it("equals it with filters, including the staff-group filters applied after suppression", async () => {
    const id = orgIds.get("XA1")!;
    for (const qs of [
      `organisationId=${id}`,
      "survey=NSS&sort=value&dir=desc",
      "staffGroup=sas_doctor&sort=respondents",
      "families=1&sort=organisation",
      "measure=engagement&scale=score_0_10&from=2023-01&to=2024-12&sort=staffGroup&dir=desc",
    ]) {
      const whole = await samePages(all, qs);
      expect(whole.length, qs).toBeGreaterThan(0);
    }
  });

  it("equals it for a user who sees one organisation", async () => {
    const id = orgIds.get("XA2")!;
    const whole = await samePages({ kind: "organisation", organisationId: id }, "sort=measure");
    expect(whole.every((r) => r.organisationId === id)).toBe(true);
  });
});
