// Training record imports: matched on ods_code + person + programme + start_date, optionally linked to
// a leadership post by its title.
import { beforeEach, describe, expect, it } from "vitest";
import { trainingFormat } from "~/domain/import-formats";
import { UndoRefusedError, undoImport } from "~/models/import.server";
import * as trainingCsv from "~/routes/training[.csv]";
import { db } from "~/utils/db.server";
import { callRoute, makeUser, requestAs, testActor } from "../../support/factories";
import { BOM, FORMULA, csv, hrOf, imported, latin1, parseCsv, problemAt, rejected, run, xlsx } from "./support";

const HEADER = ["ods_code", "person", "programme", "programme_name", "hours", "start_date", "completion_date", "status", "role_title"];
const all = { kind: "all" } as const;
let a: { id: number };
let roleOld: { id: number };
let roleNew: { id: number };

beforeEach(async () => {
  await db.importBatchChange.deleteMany();
  await db.importBatch.deleteMany();
  await db.trainingRecord.deleteMany();
  await db.leadershipRole.deleteMany();
  a = await db.organisation.upsert({
    where: { odsCode: "RTA" },
    create: { odsCode: "RTA", name: "Fictional Training A Trust", type: "acute", region: "london" },
    update: {},
  });
  await db.organisation.upsert({
    where: { odsCode: "RTB" },
    create: { odsCode: "RTB", name: "Fictional Training B Trust", type: "acute", region: "london" },
    update: {},
  });
  const post = { organisationId: a.id, title: "Clinical Director for Medicine", roleType: "clinical_director", level: "directorate" };
  roleOld = await db.leadershipRole.create({ data: { ...post, holderName: "Dr Old", startDate: "2022-04-01", endDate: "2025-03-31" } });
  roleNew = await db.leadershipRole.create({ data: { ...post, holderName: "Dr New", startDate: "2025-04-01" } });
});

const good = () =>
  csv([
    HEADER,
    ["RTA", "Dr New", "mary_seacole", "", "100", "2025-06-02", "", "enrolled", "Clinical Director for Medicine"],
    ["RTA", "Dr Old", "rosalind_franklin", "", "150.5", "2024-01-08", "2024-10-04", "completed", "Clinical Director for Medicine"],
    ["RTA", "Mr Unlinked", "in_house", "Leading Teams 2025", "12", "2025-02-03", "", "withdrawn", ""],
  ]);

describe("training import", () => {
  it("creates records and links each to the post tenure covering its start date", async () => {
    expect(await imported("training", good())).toMatchObject({ created: 3 });
    const rows = await db.trainingRecord.findMany({ orderBy: { person: "asc" } });
    expect(rows.map((r) => [r.person, r.roleId, r.hours])).toEqual([
      ["Dr New", roleNew.id, 100],
      ["Dr Old", roleOld.id, 150.5],
      ["Mr Unlinked", null, 12],
    ]);
  });

  it("re-importing (also as XLSX) changes nothing", async () => {
    await imported("training", good());
    const before = await db.trainingRecord.findMany({ orderBy: { id: "asc" } });
    expect(await imported("training", good())).toMatchObject({ unchanged: 3, created: 0, updated: 0 });
    const asXlsx = await xlsx([
      HEADER,
      ["RTA", "Dr New", "mary_seacole", null, 100, new Date(Date.UTC(2025, 5, 2)), null, "enrolled", "Clinical Director for Medicine"],
    ]);
    expect(await imported("training", asXlsx, undefined, "t.xlsx")).toMatchObject({ unchanged: 1 });
    expect(await db.trainingRecord.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("rejects every kind of bad row", async () => {
    const result = await rejected(
      "training",
      csv([
        HEADER,
        ["RTA", "Dr A", "mary_seacole", "", "many", "2025-01-06", "", "enrolled", ""], // 2 wrong type
        ["RTA", "Dr B", "mary_seacole", "", "6000", "2025-01-06", "", "enrolled", ""], // 3 out of range
        ["RXX", "Dr C", "mary_seacole", "", "10", "2025-01-06", "", "enrolled", ""], // 4 unknown org
        ["RTA", "Dr D", "other", "", "10", "2025-01-06", "", "completed", ""], // 5 name required, completion required
        ["RTA", "Dr E", "fmlm", "", "10", "2025-01-06", "", "enrolled", "No Such Post"], // 6 unknown post
        ["RTA", "Dr F", "fmlm", "", "10", "2025-01-06", "", "enrolled", ""], // 7 good
        ["RTA", "Dr F", "fmlm", "", "12", "2025-01-06", "", "enrolled", ""], // 8 duplicate of 7
      ]),
    );
    expect(problemAt(result.errors, 2, "hours")[0]).toMatchObject({
      value: "many",
      reason: expect.stringMatching(/is not a number: enter digits/),
    });
    expect(problemAt(result.errors, 3, "hours")[0]).toMatchObject({ value: "6000", reason: "Hours must be 5000 or less" });
    expect(problemAt(result.errors, 4, "ods_code")[0]!.reason).toMatch(/No organisation has ODS code RXX/);
    expect(problemAt(result.errors, 5, "programme_name")[0]!.reason).toBe("Enter the programme name");
    expect(problemAt(result.errors, 5, "completion_date")[0]!.reason).toMatch(/completion date of a completed/);
    expect(problemAt(result.errors, 6, "role_title")[0]).toMatchObject({
      value: "No Such Post",
      reason: expect.stringMatching(/no leadership post titled/),
    });
    expect(problemAt(result.errors, 8, "ods_code + person + programme + start_date")[0]!.reason).toMatch(/Duplicate of line 7/);
    expect(result.badRows).toBe(6);
  });

  it("rejects a missing column, a non-UTF-8 file and an empty file; accepts a BOM", async () => {
    expect(
      (await rejected("training", csv([HEADER.filter((h) => h !== "status"), ["RTA", "Dr A", "fmlm", "", "1", "2025-01-06", "", ""]])))
        .errors[0],
    ).toMatchObject({
      line: 1,
      column: "status",
    });
    expect((await rejected("training", latin1(good().replace("Leading Teams", "Leadership \u00e0 la carte")))).errors[0]!.reason).toMatch(
      /not UTF-8/,
    );
    expect((await rejected("training", csv([HEADER]))).errors[0]!.reason).toMatch(/no data rows/);
    expect(await imported("training", BOM + good())).toMatchObject({ created: 3 });
  });

  it("lets HR import only their own organisation's records", async () => {
    const result = await rejected(
      "training",
      csv([HEADER, ["RTB", "Dr A", "fmlm", "", "1", "2025-01-06", "", "enrolled", ""]]),
      hrOf(a.id),
    );
    expect(result.errors[0]!.reason).toBe(
      "RTB is not an ODS code you can import for: you can import records for Fictional Training A Trust (RTA) only. Check the code.",
    );
  });

  it("undoes an import and refuses after a later edit", async () => {
    const first = await imported("training", good());
    const second = await imported("training", good().replace("150.5", "160"));
    expect(second).toMatchObject({ updated: 1, unchanged: 2 });
    await undoImport(testActor, all, second.batchId);
    expect((await db.trainingRecord.findFirstOrThrow({ where: { person: "Dr Old" } })).hours).toBe(150.5);
    await db.trainingRecord.updateMany({ where: { person: "Mr Unlinked" }, data: { hours: 13, version: { increment: 1 } } });
    await expect(undoImport(testActor, all, first.batchId)).rejects.toThrow(UndoRefusedError);
    expect(await db.trainingRecord.count()).toBe(3);
  });

  it("downloads neutralise formula-like names and import back unchanged", async () => {
    await imported(
      "training",
      csv([
        HEADER,
        ["RTA", FORMULA, "other", '=HYPERLINK("http://x")', "10", "2025-01-06", "", "enrolled", "Clinical Director for Medicine"],
      ]),
    );
    const hr = await makeUser("hr", a.id);
    const res = await callRoute(trainingCsv.loader, { request: await requestAs(hr, "/training.csv") });
    const [row] = parseCsv(String(res.data));
    expect(Object.keys(row!)).toEqual(trainingFormat.columns.map((c) => c.name));
    expect(row).toMatchObject({
      person: `'${FORMULA}`,
      programme_name: '\'=HYPERLINK("http://x")',
      role_title: "Clinical Director for Medicine",
    });
    expect(await run("training", String(res.data))).toMatchObject({ ok: true, unchanged: 1 });
  });
});
