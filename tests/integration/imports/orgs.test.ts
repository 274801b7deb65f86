// Organisation imports (administrators only): upsert by ODS code, optional columns, whole-file
// validation, undo, and exports that neutralise spreadsheet formulas yet round-trip.
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it } from "vitest";
import { organisationsFormat } from "~/domain/import-formats";
import { UndoRefusedError, exportFileRows, undoImport } from "~/models/import.server";
import * as orgsCsv from "~/routes/organisations[.csv]";
import * as orgsXlsx from "~/routes/organisations[.xlsx]";
import * as previewRoute from "~/routes/imports.preview";
import { db } from "~/utils/db.server";
import { importFileColumns, writeCsvFile } from "~/utils/export.server";
import { callRoute, makeUser, requestAs, testActor } from "../../support/factories";
import { BOM, FORMULA, admin, csv, hrOf, imported, latin1, parseCsv, problemAt, rejected, run, xlsx } from "./support";

const HEADER = ["ods_code", "name", "type", "region"];
const all = { kind: "all" } as const;

beforeEach(async () => {
  await db.importBatchChange.deleteMany();
  await db.importBatch.deleteMany();
  await db.pulseResult.deleteMany();
  await db.user.deleteMany();
  await db.organisation.deleteMany();
});

const good = () =>
  csv([
    HEADER,
    ["RXA", "Fictional Northgate NHS Trust", "acute", "london"],
    ["rxb", "Fictional Southvale Mental Health Trust", "mental_health", "south_west"],
    ["RXC12", "Fictional Eastbrook Community Site", "community", "east_of_england"],
  ]);

describe("orgs import", () => {
  it("creates organisations from the fixed columns (ODS codes upper-cased)", async () => {
    expect(await imported("orgs", good())).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    const orgs = await db.organisation.findMany({ orderBy: { odsCode: "asc" } });
    expect(orgs.map((o) => [o.odsCode, o.type, o.region, o.icb, o.consultantHeadcount])).toEqual([
      ["RXA", "acute", "london", null, null],
      ["RXB", "mental_health", "south_west", null, null],
      ["RXC12", "community", "east_of_england", null, null],
    ]);
  });

  it("upserts by ODS code; a missing optional column keeps the stored value, a blank cell clears it", async () => {
    await imported(
      "orgs",
      csv([
        [...HEADER, "icb", "consultant_headcount"],
        ["RXA", "Fictional Northgate NHS Trust", "acute", "london", "NHS Fictional ICB", "240"],
      ]),
    );
    expect(await imported("orgs", csv([HEADER, ["RXA", "Fictional Northgate Hospitals NHS Trust", "acute", "london"]]))).toMatchObject({
      updated: 1,
    });
    expect(await db.organisation.findUniqueOrThrow({ where: { odsCode: "RXA" } })).toMatchObject({
      name: "Fictional Northgate Hospitals NHS Trust",
      icb: "NHS Fictional ICB",
      consultantHeadcount: 240,
      version: 2,
    });
    await imported(
      "orgs",
      csv([
        [...HEADER, "icb"],
        ["RXA", "Fictional Northgate Hospitals NHS Trust", "acute", "london", ""],
      ]),
    );
    expect(await db.organisation.findUniqueOrThrow({ where: { odsCode: "RXA" } })).toMatchObject({ icb: null, consultantHeadcount: 240 });
  });

  it("re-importing the same file changes nothing", async () => {
    await imported("orgs", good());
    const before = await db.organisation.findMany({ orderBy: { id: "asc" } });
    expect(await imported("orgs", good())).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await db.organisation.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("reads the same file as XLSX", async () => {
    const file = await xlsx([
      [...HEADER, "consultant_headcount"],
      ["RXA", "Fictional Northgate NHS Trust", "acute", "london", 240],
    ]);
    expect(await imported("orgs", file, admin, "orgs.xlsx")).toMatchObject({ created: 1 });
    expect(await db.organisation.findFirstOrThrow()).toMatchObject({ consultantHeadcount: 240 });
  });

  it("rejects every kind of bad row, writing nothing", async () => {
    const result = await rejected(
      "orgs",
      csv([
        [...HEADER, "consultant_headcount"],
        ["RXA", "Fictional Northgate NHS Trust", "hospital", "london", "240"], // 2: type not allowed
        ["RXB", "Fictional Southvale Trust", "acute", "wales", "lots"], // 3: region, wrong type
        ["RXCDEFG", "", "acute", "london", "-5"], // 4: ODS code, name blank, out of range
        ["RXD", "Fictional D Trust", "acute", "london", "100001"], // 5: out of range
        ["RXE", "Fictional E Trust", "acute", "london", "12.5"], // 6: not whole
        ["rxe", "Fictional E Trust again", "acute", "london", ""], // 7: duplicate of 6 (same ODS code)
        ["RXF", "Fictional F Trust", "acute", "london", ""], // 8: good
      ]),
    );
    expect(result.badRows).toBe(6);
    expect(problemAt(result.errors, 2, "type")[0]).toMatchObject({
      value: "hospital",
      reason: expect.stringMatching(/“hospital” is not an organisation type/),
    });
    expect(problemAt(result.errors, 3, "region")[0]).toMatchObject({ value: "wales" });
    expect(problemAt(result.errors, 3, "consultant_headcount")[0]).toMatchObject({
      value: "lots",
      reason: expect.stringMatching(/is not a number: enter digits/),
    });
    expect(problemAt(result.errors, 4, "ods_code")[0]!.reason).toMatch(/3 to 5 letters or digits/);
    expect(problemAt(result.errors, 4, "name")[0]!.reason).toBe("Enter the organisation name");
    expect(problemAt(result.errors, 4, "consultant_headcount")[0]!.reason).toMatch(/0 or more/);
    expect(problemAt(result.errors, 5, "consultant_headcount")[0]!.reason).toMatch(/100000 or less/);
    expect(problemAt(result.errors, 6, "consultant_headcount")[0]!.reason).toMatch(/whole number/);
    expect(problemAt(result.errors, 7, "ods_code")[0]).toMatchObject({
      value: "rxe",
      reason: expect.stringMatching(/Duplicate of line 6/),
    });
  });

  it("rejects a missing column, a non-UTF-8 file and an empty file; accepts a BOM", async () => {
    expect(
      (
        await rejected(
          "orgs",
          csv([
            ["ods_code", "name", "type"],
            ["RXA", "Fictional A", "acute"],
          ]),
        )
      ).errors,
    ).toEqual([
      { line: 1, column: "region", value: null, reason: expect.stringMatching(/No column of the file could be read as region\b/) },
    ]);
    expect(
      (await rejected("orgs", latin1(csv([HEADER, ["RXA", "Fictional Saint-\u00c9tienne Trust", "acute", "london"]])))).errors[0]!.reason,
    ).toMatch(/not UTF-8/);
    expect((await rejected("orgs", "")).errors[0]!.reason).toMatch(/empty/);
    expect(await imported("orgs", BOM + good())).toMatchObject({ created: 3 });
  });

  it("is for administrators only", async () => {
    await imported("orgs", good());
    const result = await rejected("orgs", good(), hrOf((await db.organisation.findFirstOrThrow()).id));
    expect(result.errors).toEqual([{ line: null, column: null, value: null, reason: "Only administrators can import organisations" }]);
    const hr = await makeUser("hr", (await db.organisation.findFirstOrThrow()).id);
    const form = new FormData();
    form.set("kind", "orgs");
    form.set("file", new File([good()], "orgs.csv"));
    const res = await callRoute(previewRoute.action, { request: await requestAs(hr, "/imports/preview", { method: "POST", body: form }) });
    expect(res.status).toBe(403);
  });

  it("undoes an import, and refuses once a row was edited or records now depend on a created organisation", async () => {
    await imported("orgs", csv([HEADER, ["RXA", "Fictional Northgate NHS Trust", "acute", "london"]]));
    const second = await imported(
      "orgs",
      csv([
        HEADER,
        ["RXA", "Fictional Northgate Hospitals NHS Trust", "acute", "london"],
        ["RXB", "Fictional B Trust", "acute", "midlands"],
      ]),
    );
    expect(second).toMatchObject({ created: 1, updated: 1 });
    await undoImport(testActor, all, second.batchId);
    expect((await db.organisation.findMany()).map((o) => [o.odsCode, o.name])).toEqual([["RXA", "Fictional Northgate NHS Trust"]]);

    const third = await imported("orgs", csv([HEADER, ["RXB", "Fictional B Trust", "acute", "midlands"]]));
    const rxb = await db.organisation.findUniqueOrThrow({ where: { odsCode: "RXB" } });
    await db.pulseResult.create({
      data: {
        organisationId: rxb.id,
        survey: "NSS",
        fieldwork: "2025-10",
        staffGroup: "consultant",
        measure: "engagement",
        scale: "score_0_10",
        value: 6,
        respondents: 20,
      },
    });
    await expect(undoImport(testActor, all, third.batchId)).rejects.toThrow(/depend on an organisation it created/);
    expect(await db.organisation.count({ where: { odsCode: "RXB" } })).toBe(1);

    const fourth = await imported("orgs", csv([HEADER, ["RXA", "Fictional Northgate NHS Foundation Trust", "acute", "london"]]));
    await db.organisation.update({ where: { odsCode: "RXA" }, data: { name: "Edited by hand", version: { increment: 1 } } });
    await expect(undoImport(testActor, all, fourth.batchId)).rejects.toThrow(UndoRefusedError);
    expect((await db.organisation.findUniqueOrThrow({ where: { odsCode: "RXA" } })).name).toBe("Edited by hand");
  });
});

describe("orgs exports neutralise formulas and round-trip", () => {
  it("stores a formula-like name as text, and every export guards it with an apostrophe", async () => {
    await imported("orgs", csv([HEADER, ["RXA", FORMULA, "acute", "london"], ["RXB", "+44 Fictional Trust", "acute", "london"]]));
    expect((await db.organisation.findUniqueOrThrow({ where: { odsCode: "RXA" } })).name).toBe(FORMULA);

    const adminUser = await makeUser("administrator", null);
    const res = await callRoute(orgsCsv.loader, { request: await requestAs(adminUser, "/organisations.csv?sort=odsCode") });
    const rows = parseCsv(String(res.data));
    expect(Object.keys(rows[0]!)).toEqual(organisationsFormat.columns.map((c) => c.name));
    expect(rows.map((r) => r.name)).toEqual([`'${FORMULA}`, "'+44 Fictional Trust"]);
    expect(await db.auditEvent.count({ where: { action: "export", entity: "Organisation" } })).toBe(1);

    const xres = await callRoute(orgsXlsx.loader, { request: await requestAs(adminUser, "/organisations.xlsx") });
    const xbytes = new Uint8Array(await xres.response!.arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xbytes.buffer as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const names = [ws.getRow(2).getCell(2).value, ws.getRow(3).getCell(2).value];
    expect(names.every((n) => typeof n === "string" && n.startsWith("'"))).toBe(true);
    expect(ws.getRow(2).getCell(2).formula).toBeUndefined();

    // The downloaded file imports back unchanged: the guard comes off again.
    expect(await run("orgs", String(res.data))).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 2 });
    expect(await run("orgs", xbytes, admin, "orgs.xlsx")).toMatchObject({ ok: true, unchanged: 2 });

    // And so does the command line's export.
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "orgs-export-")), "orgs.csv");
    await writeCsvFile(file, importFileColumns(organisationsFormat), exportFileRows("orgs", all));
    const text = readFileSync(file, "utf8");
    expect(text).toContain(`'${FORMULA}`);
    expect(await run("orgs", text)).toMatchObject({ ok: true, unchanged: 2 });
  });
});
