// Job plan imports: matched on ods_code + person + effective_from; PAs checked by the job plan schema.
import { beforeEach, describe, expect, it } from "vitest";
import { jobPlansFormat } from "~/domain/import-formats";
import { UndoRefusedError, undoImport } from "~/models/import.server";
import * as plansCsv from "~/routes/job-plans[.csv]";
import * as plansXlsx from "~/routes/job-plans[.xlsx]";
import ExcelJS from "exceljs";
import { db } from "~/utils/db.server";
import { callRoute, makeUser, requestAs, testActor } from "../../support/factories";
import { BOM, FORMULA, csv, hrOf, imported, latin1, parseCsv, problemAt, rejected, run } from "./support";

const HEADER = ["ods_code", "person", "effective_from", "effective_to", "dcc_pas", "spa_pas", "anr_pas", "external_pas", "signed_off_date"];
const all = { kind: "all" } as const;
let a: { id: number };

beforeEach(async () => {
  await db.importBatchChange.deleteMany();
  await db.importBatch.deleteMany();
  await db.jobPlan.deleteMany();
  a = await db.organisation.upsert({
    where: { odsCode: "RJA" },
    create: { odsCode: "RJA", name: "Fictional Plans A Trust", type: "acute", region: "london" },
    update: {},
  });
  await db.organisation.upsert({
    where: { odsCode: "RJB" },
    create: { odsCode: "RJB", name: "Fictional Plans B Trust", type: "acute", region: "london" },
    update: {},
  });
});

const good = () =>
  csv([
    HEADER,
    ["RJA", "Dr A Example", "2025-04-01", "", "7.5", "1.5", "2", "0", "2025-03-20"],
    ["RJA", "Dr B Example", "2025-04-01", "2026-03-31", "8", "2", "0", "0.25", ""],
    ["RJB", "Dr C Example", "2024-09-01", "", "6", "2.5", "1", "0.5", "2024-08-30"],
  ]);

describe("job plans import", () => {
  it("creates plans (without role_title: the column is optional)", async () => {
    expect(await imported("job-plans", good())).toMatchObject({ created: 3 });
    expect(await db.jobPlan.findFirstOrThrow({ where: { person: "Dr B Example" } })).toMatchObject({
      dccPas: 8,
      spaPas: 2,
      externalPas: 0.25,
      effectiveTo: "2026-03-31",
      signedOffDate: null,
      roleId: null,
    });
  });

  it("re-importing changes nothing", async () => {
    await imported("job-plans", good());
    const before = await db.jobPlan.findMany({ orderBy: { id: "asc" } });
    expect(await imported("job-plans", good())).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await db.jobPlan.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("rejects every kind of bad row", async () => {
    const result = await rejected(
      "job-plans",
      csv([
        HEADER,
        ["RJA", "Dr A", "2025-04-01", "", "x", "1.5", "2", "0", ""], // 2 wrong type
        ["RJA", "Dr B", "2025-04-01", "", "-1", "1.5", "2", "0", ""], // 3 out of range
        ["RJA", "Dr C", "2025-04-01", "", "12", "4", "4", "2", ""], // 4 total above 20
        ["RQQ", "Dr D", "2025-04-01", "", "7", "3", "0", "0", ""], // 5 unknown org
        ["RJA", "Dr E", "2025-04-01", "2025-01-01", "7", "3", "0", "0", "04/13/2025"], // 6 end before start, a month-first (US) date
        ["RJA", "Dr F", "2025-04-01", "", "7", "3", "0", "0", ""], // 7 good
        ["RJA", "Dr F", "2025-04-01", "", "7.5", "2.5", "0", "0", ""], // 8 duplicate
        ["RJA", "", "", "", "", "", "", "", ""], // 9 blank required cells (not a blank row: has ods)
      ]),
    );
    expect(problemAt(result.errors, 2, "dcc_pas")[0]).toMatchObject({
      value: "x",
      reason: expect.stringMatching(/is not a number: enter digits/),
    });
    expect(problemAt(result.errors, 3, "dcc_pas")[0]).toMatchObject({ value: "-1", reason: "Direct clinical care PAs must be 0 or more" });
    expect(problemAt(result.errors, 4, "dcc_pas")[0]!.reason).toMatch(/Total PAs must be 20 or less/);
    expect(problemAt(result.errors, 5, "ods_code")[0]!.reason).toMatch(/No organisation has ODS code RQQ/);
    expect(problemAt(result.errors, 6, "effective_to")[0]!.reason).toMatch(/on or after the start date/);
    expect(problemAt(result.errors, 6, "signed_off_date")[0]).toMatchObject({
      value: "04/13/2025",
      reason: "“04/13/2025” is not a day/month/year date (there is no month 13); if you meant 13 April 2025, write 13/04/2025",
    });
    expect(problemAt(result.errors, 8, "ods_code + person + effective_from")[0]!.reason).toMatch(/Duplicate of line 7/);
    expect(problemAt(result.errors, 9, "person")[0]!.reason).toMatch(/Enter the person/);
    expect(problemAt(result.errors, 9, "spa_pas")[0]!.reason).toMatch(/Enter supporting professional activities PAs/);
    expect(result.badRows).toBe(7);
  });

  it("rejects a missing column, a non-UTF-8 file and an empty file; accepts a BOM", async () => {
    expect(
      (await rejected("job-plans", csv([HEADER.filter((h) => h !== "anr_pas"), ["RJA", "Dr A", "2025-04-01", "", "7", "3", "0", ""]])))
        .errors[0],
    ).toMatchObject({ line: 1, column: "anr_pas" });
    expect((await rejected("job-plans", latin1(good().replace("Dr A Example", "Dr Ren\u00e9e")))).errors[0]!.reason).toMatch(/not UTF-8/);
    expect((await rejected("job-plans", "")).errors[0]!.reason).toMatch(/empty/);
    expect(await imported("job-plans", BOM + good())).toMatchObject({ created: 3 });
  });

  it("lets HR import only their own organisation's plans", async () => {
    const result = await rejected("job-plans", good(), hrOf(a.id));
    expect(result.errors).toEqual([
      {
        line: 4,
        column: "ods_code",
        value: "RJB",
        reason: "RJB is not an ODS code you can import for: you can import records for Fictional Plans A Trust (RJA) only. Check the code.",
      },
    ]);
  });

  it("undoes an import and refuses after a later edit", async () => {
    await imported("job-plans", good());
    const second = await imported("job-plans", good().replace("7.5,1.5,2,0", "7,1.5,2.5,0") + "RJA,Dr New,2025-05-01,,8,2,0,0,\n");
    expect(second).toMatchObject({ created: 1, updated: 1, unchanged: 2 });
    await db.jobPlan.updateMany({ where: { person: "Dr New" }, data: { spaPas: 2.5, version: { increment: 1 } } });
    await expect(undoImport(testActor, all, second.batchId)).rejects.toThrow(UndoRefusedError);
    await db.jobPlan.deleteMany({ where: { person: "Dr New" } });
    await expect(undoImport(testActor, all, second.batchId)).rejects.toThrow(/\(deleted\)/);
  });

  it("downloads neutralise a formula-like person; CSV and XLSX import back unchanged", async () => {
    await imported("job-plans", csv([HEADER, ["RJA", FORMULA, "2025-04-01", "", "7.5", "1.5", "2", "0", "2025-03-20"]]));
    const md = await makeUser("medical_director", a.id);
    const res = await callRoute(plansCsv.loader, { request: await requestAs(md, "/job-plans.csv") });
    const [row] = parseCsv(String(res.data));
    expect(Object.keys(row!)).toEqual(jobPlansFormat.columns.map((c) => c.name));
    expect(row).toMatchObject({ person: `'${FORMULA}`, dcc_pas: "7.5" });
    expect(await run("job-plans", String(res.data))).toMatchObject({ ok: true, unchanged: 1 });
    const x = await callRoute(plansXlsx.loader, { request: await requestAs(md, "/job-plans.xlsx") });
    const body = new Uint8Array(await x.response!.arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body.buffer as ArrayBuffer);
    const r2 = wb.worksheets[0]!.getRow(2);
    expect(r2.getCell(5).value).toBe(7.5); // typed number
    expect(r2.getCell(3).value).toBeInstanceOf(Date); // typed date
    expect(await run("job-plans", body, undefined, "plans.xlsx")).toMatchObject({ ok: true, unchanged: 1 });
  });
});
