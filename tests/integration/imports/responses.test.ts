// Raw survey responses: respondent rows are scored (1..5 → 0..10), grouped by organisation, survey,
// fieldwork and staff group, and stored only as survey results (mean, respondents, sample SD).
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { RESPONSE_ITEMS } from "~/domain/import-formats";
import { UndoRefusedError, undoImport } from "~/models/import.server";
import { db } from "~/utils/db.server";
import { testActor } from "../../support/factories";
import { BOM, admin, csv, hrOf, imported, latin1, problemAt, rejected, snapshot, xlsx } from "./support";

const HEADER = ["ods_code", "survey", "fieldwork", "staff_group", ...RESPONSE_ITEMS];
const all = { kind: "all" } as const;
let a: { id: number };

beforeEach(async () => {
  await db.importBatchChange.deleteMany();
  await db.importBatch.deleteMany();
  await db.pulseResult.deleteMany();
  a = await db.organisation.upsert({
    where: { odsCode: "RSA" },
    create: { odsCode: "RSA", name: "Fictional Survey A Trust", type: "acute", region: "london" },
    update: {},
  });
  await db.organisation.upsert({
    where: { odsCode: "RSB" },
    create: { odsCode: "RSB", name: "Fictional Survey B Trust", type: "acute", region: "london" },
    update: {},
  });
});

const row = (staffGroup: string, answers: (number | null)[], ods = "RSA") => [
  ods,
  "NSS",
  "2025-10",
  staffGroup,
  ...answers.map((x) => (x == null ? "" : String(x))),
];

async function results() {
  const rows = await db.pulseResult.findMany({ orderBy: [{ staffGroup: "asc" }, { measure: "asc" }] });
  return Object.fromEntries(
    rows.map((r) => [`${r.staffGroup}.${r.measure}`, { value: r.value, respondents: r.respondents, sd: r.sd, scale: r.scale }]),
  );
}

describe("responses import", () => {
  it("scores respondents and stores one result per group and measure, never the respondent rows", async () => {
    const before = await snapshot();
    const result = await imported(
      "responses",
      csv([
        HEADER,
        row("consultant", [5, 5, 5, 5, 5, 5, 5, 5, 5]), // all 10
        row("consultant", [1, 1, 1, 1, 1, 1, 1, 1, 1]), // all 0
        row("consultant", [3, null, null, null, null, null, null, null, null]), // motivation 5 only
        row("consultant", [null, null, null, null, null, null, null, null, null]), // skipped
        row("general_manager", [4, 4, 3, 5, 4, null, 2, 2, 2]),
      ]),
    );
    expect(result).toMatchObject({ created: 8, updated: 0, rowsRead: 5 });
    expect(result.notes.join(" ")).toMatch(/4 respondents in 2 groups give 8 survey results.*1 respondent answered no item/);
    const r = await results();
    expect(r["consultant.motivation"]).toMatchObject({ value: 5, respondents: 3, scale: "score_0_10" });
    expect(r["consultant.motivation"]!.sd).toBeCloseTo(5, 12);
    expect(r["consultant.engagement"]).toMatchObject({ value: 5, respondents: 2 });
    expect(r["consultant.engagement"]!.sd).toBeCloseTo(Math.sqrt(50), 12);
    expect(r["general_manager.involvement"]).toEqual({ value: 8.75, respondents: 1, sd: null, scale: "score_0_10" });
    expect(r["general_manager.engagement"]!.value).toBeCloseTo((20 / 3 + 8.75 + 2.5) / 3, 12);
    const after = await snapshot();
    expect({ ...after, pulse: [], batches: 0, changes: 0, audit: 0 }).toEqual({ ...before, pulse: [], batches: 0, changes: 0, audit: 0 });
  });

  it("gives the same results as a straightforward recomputation for a random file", async () => {
    const answer = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null, freq: 4 });
    const respondents = fc.sample(
      fc.record({ group: fc.constantFrom("consultant", "nurse_midwife"), answers: fc.array(answer, { minLength: 9, maxLength: 9 }) }),
      { numRuns: 400, seed: 20251126 },
    );
    await imported("responses", csv([HEADER, ...respondents.map((x) => row(x.group, x.answers))]));
    const stored = await results();
    const score = (xs: (number | null)[]) => xs.filter((x): x is number => x != null).map((x) => (x - 1) * 2.5);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const by = new Map<string, number[]>();
    for (const x of respondents) {
      const subs = [0, 3, 6].map((i) => score(x.answers.slice(i, i + 3)));
      if (subs.every((s) => s.length === 0)) continue;
      const means = subs.map((s) => (s.length ? mean(s) : null));
      ["motivation", "involvement", "advocacy"].forEach(
        (m, i) => means[i] != null && (by.get(`${x.group}.${m}`) ?? by.set(`${x.group}.${m}`, []).get(`${x.group}.${m}`)!).push(means[i]!),
      );
      if (means.every((m) => m != null))
        (by.get(`${x.group}.engagement`) ?? by.set(`${x.group}.engagement`, []).get(`${x.group}.engagement`)!).push(
          mean(means as number[]),
        );
    }
    expect(Object.keys(stored).sort()).toEqual([...by.keys()].sort());
    for (const [key, xs] of by) {
      const m = mean(xs);
      const sd = Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
      expect(stored[key]!.respondents).toBe(xs.length);
      expect(stored[key]!.value).toBeCloseTo(m, 10);
      expect(stored[key]!.sd!).toBeCloseTo(sd, 10);
    }
  });

  it("re-importing changes nothing; a new wave of the same group updates; undo puts it back", async () => {
    const file = csv([HEADER, row("consultant", [4, 4, 4, 4, 4, 4, 4, 4, 4]), row("consultant", [2, 2, 2, 2, 2, 2, 2, 2, 2])]);
    await imported("responses", file);
    const before = await db.pulseResult.findMany({ orderBy: { id: "asc" } });
    expect(await imported("responses", file)).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(await db.pulseResult.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    const corrected = await imported(
      "responses",
      csv([HEADER, row("consultant", [5, 5, 5, 5, 5, 5, 5, 5, 5]), row("consultant", [2, 2, 2, 2, 2, 2, 2, 2, 2])]),
    );
    expect(corrected).toMatchObject({ updated: 4 });
    await undoImport(testActor, all, corrected.batchId);
    expect((await db.pulseResult.findMany({ orderBy: { id: "asc" } })).map((r) => [r.value, r.sd])).toEqual(
      before.map((r) => [r.value, r.sd]),
    );
    const again = await imported("responses", csv([HEADER, row("consultant", [5, 5, 5, 5, 5, 5, 5, 5, 5])]));
    await db.pulseResult.updateMany({ where: { measure: "advocacy" }, data: { value: 1, version: { increment: 1 } } });
    await expect(undoImport(testActor, all, again.batchId)).rejects.toThrow(UndoRefusedError);
  });

  it("rejects every kind of bad respondent row, writing nothing", async () => {
    const result = await rejected(
      "responses",
      csv([
        HEADER,
        row("consultant", [6, 4, 4, 4, 4, 4, 4, 4, 4]), // 2 out of range
        row("consultant", [4, 4, 4, 4, 4, 4, 4, 4, 0]), // 3 out of range
        ["RSA", "NSS", "2025-10", "consultant", "x", "4", "2.5", "4", "4", "4", "4", "4", "=1+1"], // 4 wrong type ×3
        row("consultant", [4, 4, 4, 4, 4, 4, 4, 4, 4], "RZZ"), // 5 unknown org
        ["RSA", "PULSE", "2025-13", "porter", "4", "4", "4", "4", "4", "4", "4", "4", "4"], // 6 survey, fieldwork, staff group
        row("consultant", [4, 4, 4, 4, 4, 4, 4, 4, 4]), // 7 good
      ]),
    );
    expect(problemAt(result.errors, 2, "motivation_1")[0]).toMatchObject({ value: "6", reason: expect.stringMatching(/1 to 5/) });
    expect(problemAt(result.errors, 3, "advocacy_3")[0]).toMatchObject({ value: "0" });
    expect(problemAt(result.errors, 4, "motivation_1")[0]).toMatchObject({ value: "x" });
    expect(problemAt(result.errors, 4, "motivation_3")[0]).toMatchObject({ value: "2.5" });
    expect(problemAt(result.errors, 4, "advocacy_3")[0]).toMatchObject({ value: "=1+1" });
    expect(problemAt(result.errors, 5, "ods_code")[0]!.reason).toMatch(/No organisation has ODS code RZZ/);
    expect(problemAt(result.errors, 6, "survey")).toHaveLength(1);
    expect(problemAt(result.errors, 6, "fieldwork")).toHaveLength(1);
    expect(problemAt(result.errors, 6, "staff_group")).toHaveLength(1);
    expect(result.badRows).toBe(5);
  });

  it("counts identical respondent rows separately: respondents have no key, so there are no duplicates", async () => {
    const same = row("consultant", [4, 4, 4, 4, 4, 4, 4, 4, 4]);
    await imported("responses", csv([HEADER, same, same, same]));
    expect((await results())["consultant.engagement"]).toMatchObject({ value: 7.5, respondents: 3, sd: 0 });
  });

  it("rejects a missing item column, a non-UTF-8 file, an empty file and a file where nobody answered; accepts a BOM", async () => {
    expect((await rejected("responses", csv([HEADER.slice(0, -1), row("consultant", [4, 4, 4, 4, 4, 4, 4, 4])]))).errors).toEqual([
      { line: 1, column: "advocacy_3", value: null, reason: expect.stringMatching(/No column of the file could be read as advocacy_3/) },
    ]);
    expect(
      (
        await rejected(
          "responses",
          latin1(csv([HEADER, row("consultant", [4, 4, 4, 4, 4, 4, 4, 4, 4])]).replace("consultant", "consultant\u00e9")),
        )
      ).errors[0]!.reason,
    ).toMatch(/not UTF-8/);
    expect((await rejected("responses", "")).errors[0]!.reason).toMatch(/empty/);
    expect((await rejected("responses", csv([HEADER, row("consultant", new Array(9).fill(null))]))).errors[0]!.reason).toMatch(
      /No respondent answered/,
    );
    expect(await imported("responses", BOM + csv([HEADER, row("consultant", [4, 4, 4, 4, 4, 4, 4, 4, 4])]))).toMatchObject({ created: 4 });
  });

  it("reads XLSX, and lets HR import only their own organisation's respondents", async () => {
    const file = await xlsx([HEADER, ["RSA", "NSS", "2025-10", "consultant", 4, 4, 4, 4, 4, 4, 4, 4, null]]);
    expect(await imported("responses", file, admin, "r.xlsx")).toMatchObject({ created: 4 });
    const result = await rejected("responses", csv([HEADER, row("consultant", [4, 4, 4, 4, 4, 4, 4, 4, 4], "RSB")]), hrOf(a.id));
    expect(result.errors[0]!.reason).toBe(
      "RSB is not an ODS code you can import for: you can import records for Fictional Survey A Trust (RSA) only. Check the code.",
    );
  });
});
