// Survey results (pulse) imports: the fixed CSV contract, whole-file validation, upsert on the natural
// key, undo, scope, XLSX, export round trip, and the web preview → confirm flow and suppressed download.
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { pulseFormat } from "~/domain/import-formats";
import { verifyAuditChain } from "~/models/audit.server";
import { UndoRefusedError, exportFileRows, undoImport } from "~/models/import.server";
import { db } from "~/utils/db.server";
import { importFileColumns, writeCsvFile } from "~/utils/export.server";
import * as previewRoute from "~/routes/imports.preview";
import * as pulseCsv from "~/routes/pulse-results[.csv]";
import { callRoute, makeUser, requestAs, testActor } from "../../support/factories";
import { BOM, admin, csv, hrOf, imported, latin1, parseCsv, preview, problemAt, rejected, run, xlsx } from "./support";

process.env.IMPORT_STAGING_DIR = mkdtempSync(path.join(os.tmpdir(), "imports-staging-"));

const HEADER = ["ods_code", "survey", "fieldwork", "staff_group", "measure", "scale", "value", "respondents", "sd"];
const all = { kind: "all" } as const;

let a: { id: number; odsCode: string };
let b: { id: number; odsCode: string };

beforeEach(async () => {
  await db.importBatchChange.deleteMany();
  await db.importBatch.deleteMany();
  await db.pulseResult.deleteMany();
  a = await db.organisation.upsert({
    where: { odsCode: "RPA" },
    create: { odsCode: "RPA", name: "Fictional Pulse A Trust", type: "acute", region: "london" },
    update: {},
  });
  b = await db.organisation.upsert({
    where: { odsCode: "RPB" },
    create: { odsCode: "RPB", name: "Fictional Pulse B Trust", type: "acute", region: "midlands" },
    update: {},
  });
});

const good = () =>
  csv([
    HEADER,
    ["RPA", "NSS", "2025-10", "consultant", "engagement", "score_0_10", "6.84", "112", "1.72"],
    ["RPA", "NSS", "2025-10", "general_manager", "engagement", "score_0_10", "7.1", "40", ""],
    ["rpb", "NQPS", "2025-07", "consultant", "advocacy", "percent_positive", "63.5", "30", ""],
  ]);

describe("pulse import: a valid file", () => {
  it("creates every row, records the batch with its SHA-256, the changes and one audit event", async () => {
    const result = await imported("pulse", good(), admin, "pulse.csv");
    expect(result).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    const rows = await db.pulseResult.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.organisationId, r.staffGroup, r.value, r.respondents, r.sd])).toEqual([
      [a.id, "consultant", 6.84, 112, 1.72],
      [a.id, "general_manager", 7.1, 40, null],
      [b.id, "consultant", 63.5, 30, null],
    ]);
    const batch = await db.importBatch.findUniqueOrThrow({ where: { id: result.batchId }, include: { changes: true } });
    expect(batch).toMatchObject({
      kind: "pulse",
      fileName: "pulse.csv",
      created: 3,
      updated: 0,
      unchanged: 0,
      status: "applied",
      organisationId: null,
    });
    expect(batch.fileHash).toMatch(/^[0-9a-f]{64}$/);
    // The three created rows have consecutive ids: logged as one run from the first id to the last.
    expect(batch.changes.map((c) => [c.action, c.afterVersion, c.before, c.entityId, c.lastEntityId])).toEqual([
      ["create", 1, null, rows[0]!.id, rows[2]!.id],
    ]);
    const events = await db.auditEvent.findMany({ where: { entity: "ImportBatch", entityId: String(result.batchId) } });
    expect(events.map((e) => e.action)).toEqual(["import"]);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("accepts a UTF-8 BOM, Windows line endings, header names in any case and order", async () => {
    const text =
      BOM +
      "SD,Value,ODS_code,survey,fieldwork,staff_group,measure,scale,respondents\r\n1.5,6,RPA,NSS,2025-10,consultant,engagement,score_0_10,50\r\n";
    expect(await imported("pulse", text)).toMatchObject({ created: 1 });
    expect(await db.pulseResult.findFirstOrThrow()).toMatchObject({ value: 6, sd: 1.5, respondents: 50 });
  });

  it("reads XLSX (first worksheet, header row 1), with a month typed as a date", async () => {
    const file = await xlsx([
      HEADER,
      ["RPA", "NSS", new Date(Date.UTC(2025, 9, 1)), "consultant", "engagement", "score_0_10", 6.25, 80, 1.1],
    ]);
    expect(await imported("pulse", file, admin, "pulse.xlsx")).toMatchObject({ created: 1 });
    expect(await db.pulseResult.findFirstOrThrow()).toMatchObject({ fieldwork: "2025-10", value: 6.25, respondents: 80, sd: 1.1 });
  });
});

describe("pulse import: bad files write nothing and list every problem", () => {
  it("reports each bad row's line, column, value and reason", async () => {
    await imported("pulse", good());
    const file = csv([
      HEADER,
      ["RPA", "NSS", "2025-13", "consultant", "engagement", "score_0_10", "6.84", "112", "1.72"], // 2: fieldwork
      ["RPA", "NSS", "2025-10", "consultant", "engagement", "score_0_10", "abc", "40", ""], // 3: wrong type
      ["RPA", "NSS", "2025-10", "ahp", "engagement", "score_0_10", "11", "40", ""], // 4: out of range (score > 10)
      ["ZZZ", "NQPS", "2025-07", "consultant", "advocacy", "percent_positive", "63.5", "30", ""], // 5: unknown org
      ["RPA", "NSS", "2024-10", "consultant", "engagement", "score_0_10", "6", "10", ""], // 6: good
      ["RPA", "NSS", "2024-10", "consultant", "engagement", "score_0_10", "6.5", "11", ""], // 7: duplicate of 6
      ["RPA", "NSS", "2024-10", "nurse_midwife", "engagement", "score_0_10", "6.5", "-1", "x"], // 8: respondents and sd
      ["RPA", "NSS", "2024-10", "nurse_midwife", "motivation", "percent", "6.5", "2.5", ""], // 9: scale, respondents
      ["RPA", "NSS", "2024-10", "nurse_midwife", "=cmd|' /C calc'!A0", "score_0_10", "6.5", "12", ""], // 10: formula as measure
    ]);
    const result = await rejected("pulse", file);
    expect(result.badRows).toBe(8);
    expect(problemAt(result.errors, 2, "fieldwork")[0]).toMatchObject({
      value: "2025-13",
      reason: expect.stringMatching(/has no month 13/),
    });
    expect(problemAt(result.errors, 3, "value")[0]).toMatchObject({
      value: "abc",
      reason: expect.stringMatching(/is not a number: enter digits/),
    });
    expect(problemAt(result.errors, 4, "value")[0]).toMatchObject({ value: "11", reason: "A score must be between 0 and 10" });
    expect(problemAt(result.errors, 5, "ods_code")[0]).toMatchObject({
      value: "ZZZ",
      reason: expect.stringMatching(/No organisation has ODS code ZZZ/),
    });
    expect(problemAt(result.errors, 7, "ods_code + survey + fieldwork + staff_group + measure")[0]!.reason).toMatch(/Duplicate of line 6/);
    expect(problemAt(result.errors, 8, "respondents")[0]).toMatchObject({ value: "-1", reason: expect.stringMatching(/0 or more/) });
    expect(problemAt(result.errors, 8, "sd")[0]).toMatchObject({ value: "x", reason: expect.stringMatching(/is not a number/) });
    expect(problemAt(result.errors, 9, "scale")).toHaveLength(1);
    expect(problemAt(result.errors, 9, "respondents")[0]!.reason).toMatch(/whole number/);
    expect(problemAt(result.errors, 10, "measure")[0]).toMatchObject({ value: "=cmd|' /C calc'!A0" });
    expect(problemAt(result.errors, 6, null)).toHaveLength(0);
  });

  it("rejects a missing column and an unknown column from the header", async () => {
    const missing = await rejected(
      "pulse",
      csv([HEADER.filter((h) => h !== "respondents"), ["RPA", "NSS", "2025-10", "consultant", "engagement", "score_0_10", "6", ""]]),
    );
    expect(missing.errors).toEqual([
      { line: 1, column: "respondents", value: null, reason: expect.stringMatching(/No column of the file could be read as respondents/) },
    ]);
    const unknown = await rejected(
      "pulse",
      csv([
        [...HEADER, ""],
        ["RPA", "NSS", "2025-10", "consultant", "engagement", "score_0_10", "6", "40", "", "x"],
      ]),
    );
    // An extra column with a header is ignored and listed; values under a blank header are an error.
    expect(unknown.errors[0]).toMatchObject({ line: 2, column: "column J", value: "x", reason: expect.stringMatching(/no header/) });
  });

  it("rejects a file that is not UTF-8, an empty file, a header-only file and unclosed quotes", async () => {
    const enc = await rejected(
      "pulse",
      latin1(csv([HEADER, ["RPA", "NSS", "2025-10", "consultant", "caf\u00e9", "score_0_10", "6", "40", ""]])),
    );
    expect(enc.errors).toEqual([{ line: null, column: null, value: null, reason: expect.stringMatching(/not UTF-8/) }]);
    expect((await rejected("pulse", "")).errors[0]!.reason).toMatch(/empty/);
    expect((await rejected("pulse", BOM + "\n\n")).errors[0]!.reason).toMatch(/empty/);
    expect((await rejected("pulse", csv([HEADER]))).errors[0]!.reason).toMatch(/no data rows/);
    expect((await rejected("pulse", 'ods_code,survey\n"RPA,NSS\n')).errors[0]!.reason).toMatch(/not valid CSV|missing/);
  });

  it("rejects a row with more cells than the header", async () => {
    const result = await rejected(
      "pulse",
      csv([HEADER, ["RPA", "NSS", "2025-10", "consultant", "engagement", "score_0_10", "6", "40", "", "surplus"]]),
    );
    expect(result.errors[0]).toMatchObject({ line: 2, column: "column J", value: "surplus", reason: expect.stringMatching(/no header/) });
  });
});

describe("pulse import: matching, re-import and undo", () => {
  it("re-importing the same file changes nothing", async () => {
    await imported("pulse", good());
    const before = await db.pulseResult.findMany({ orderBy: { id: "asc" } });
    expect(await imported("pulse", good())).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await db.pulseResult.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("updates on the natural key and undo restores the previous values and deletes the created rows", async () => {
    await imported("pulse", good());
    const original = await db.pulseResult.findFirstOrThrow({ where: { organisationId: a.id, staffGroup: "consultant" } });
    const second = await imported(
      "pulse",
      csv([
        HEADER,
        ["RPA", "NSS", "2025-10", "consultant", "engagement", "score_0_10", "7.02", "115", "1.6"],
        ["RPA", "NSS", "2025-10", "consultant", "advocacy", "score_0_10", "7.5", "115", "1.2"],
      ]),
    );
    expect(second).toMatchObject({ created: 1, updated: 1, unchanged: 0 });
    expect(await db.pulseResult.findUniqueOrThrow({ where: { id: original.id } })).toMatchObject({ value: 7.02, version: 2 });

    const undone = await undoImport(testActor, all, second.batchId);
    expect(undone).toMatchObject({ deleted: 1, restored: 1 });
    const restored = await db.pulseResult.findUniqueOrThrow({ where: { id: original.id } });
    expect(restored).toMatchObject({ value: 6.84, respondents: 112, sd: 1.72, version: 3 });
    expect(await db.pulseResult.count({ where: { measure: "advocacy", organisationId: a.id } })).toBe(0);
    expect(await db.importBatch.findUniqueOrThrow({ where: { id: second.batchId } })).toMatchObject({ status: "undone" });
    expect((await db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } })).action).toBe("undo_import");
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
    await expect(undoImport(testActor, all, second.batchId)).rejects.toThrow(/already been undone/);
  });

  it("refuses to undo once a row it wrote has been edited, and changes nothing", async () => {
    const first = await imported("pulse", good());
    const row = await db.pulseResult.findFirstOrThrow({ where: { staffGroup: "general_manager" } });
    await db.pulseResult.update({ where: { id: row.id }, data: { value: 7.3, version: { increment: 1 } } });
    const before = await db.pulseResult.findMany({ orderBy: { id: "asc" } });
    await expect(undoImport(testActor, all, first.batchId)).rejects.toThrow(UndoRefusedError);
    await expect(undoImport(testActor, all, first.batchId)).rejects.toThrow(/changed or deleted since/);
    expect(await db.pulseResult.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("lets HR import only their own organisation's rows, and undo only their own imports", async () => {
    const result = await rejected("pulse", good(), hrOf(a.id));
    expect(result.errors).toEqual([
      {
        line: 4,
        column: "ods_code",
        value: "rpb",
        reason: "RPB is not an ODS code you can import for: you can import records for Fictional Pulse A Trust (RPA) only. Check the code.",
      },
    ]);
    const mine = await imported(
      "pulse",
      csv([HEADER, ["RPA", "NSS", "2025-10", "consultant", "engagement", "score_0_10", "6", "40", ""]]),
      hrOf(a.id),
    );
    expect(await db.importBatch.findUniqueOrThrow({ where: { id: mine.batchId } })).toMatchObject({ organisationId: a.id });
    await expect(undoImport(testActor, { kind: "organisation", organisationId: b.id }, mine.batchId)).rejects.toThrow(/could not find/);
    await undoImport(testActor, { kind: "organisation", organisationId: a.id }, mine.batchId);
  });
});

describe("pulse export → import round trip", () => {
  it("exports exactly the import columns at full precision and re-imports as unchanged", async () => {
    await imported(
      "pulse",
      csv([HEADER, ["RPA", "NSS", "2025-10", "consultant", "engagement", "score_0_10", String((2 / 3) * 10), "112", String(Math.PI / 2)]]),
    );
    const dir = mkdtempSync(path.join(os.tmpdir(), "pulse-export-"));
    const file = path.join(dir, "pulse.csv");
    expect(await writeCsvFile(file, importFileColumns(pulseFormat), exportFileRows("pulse", all))).toBe(1);
    const text = readFileSync(file, "utf8");
    expect(text.split("\n")[0]).toBe(HEADER.join(","));
    expect(parseCsv(text)[0]).toMatchObject({ value: String((2 / 3) * 10), sd: String(Math.PI / 2) });
    expect(await run("pulse", text)).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 1 });
  });
});

describe("web: preview, confirm and the suppressed download", () => {
  it("previews without writing, then applies exactly what was previewed for the same user only", async () => {
    const hr = await makeUser("hr", a.id);
    const other = await makeUser("hr", a.id);
    const form = new FormData();
    form.set("intent", "upload");
    form.set("kind", "pulse");
    form.set(
      "file",
      new File([csv([HEADER, ["RPA", "NSS", "2025-10", "consultant", "engagement", "score_0_10", "6", "40", ""]])], "web.csv", {
        type: "text/csv",
      }),
    );
    const upload = await callRoute(previewRoute.action, {
      request: await requestAs(hr, "/imports/preview", { method: "POST", body: form }),
    });
    expect(upload.status).toBe(303);
    const location = upload.response!.headers.get("location")!;
    expect(location).toMatch(/^\/imports\/preview\?token=[A-Za-z0-9_-]{32}$/);
    expect(await db.pulseResult.count()).toBe(0);

    const shown = await callRoute(previewRoute.loader, { request: await requestAs(hr, location) });
    expect(shown.data).toMatchObject({
      staged: { kind: "pulse", fileName: "web.csv", result: { ok: true, counts: { create: 1, update: 0, unchanged: 0 } } },
    });
    const stranger = await callRoute(previewRoute.loader, { request: await requestAs(other, location) });
    expect(stranger.data).toMatchObject({ staged: null });

    const token = new URL(location, "http://localhost").searchParams.get("token")!;
    const confirm = await callRoute(previewRoute.action, {
      request: await requestAs(hr, "/imports/preview", { method: "POST", form: { intent: "confirm", token } }),
    });
    expect(confirm.status).toBe(303);
    expect(confirm.response!.headers.get("location")).toMatch(/^\/imports\?applied=\d+$/);
    expect(await db.pulseResult.count()).toBe(1);
    const again = await callRoute(previewRoute.action, {
      request: await requestAs(hr, "/imports/preview", { method: "POST", form: { intent: "confirm", token } }),
    });
    expect(again.status).toBe(409);
  });

  it("shows a bad file's problems on the preview page", async () => {
    const hr = await makeUser("hr", a.id);
    const result = await preview(
      "pulse",
      csv([HEADER, ["RPB", "NSS", "2025-10", "consultant", "engagement", "score_0_10", "6", "40", ""]]),
      hrOf(a.id),
    );
    expect(result.ok).toBe(false);
    // The preview is bound to the importer's user id (null here), so look it up as that importer.
    expect(result.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const page = await callRoute(previewRoute.loader, { request: await requestAs(hr, `/imports/preview?token=${result.token}`) });
    expect(page.data).toMatchObject({ staged: null }); // not this user's preview
  });

  it("downloads survey results suppressed, with the marker in value, and audits the export", async () => {
    await imported(
      "pulse",
      csv([
        HEADER,
        ["RPA", "NSS", "2025-10", "consultant", "engagement", "score_0_10", "6.5", "40", "1.2"],
        ["RPA", "NSS", "2025-10", "sas_doctor", "engagement", "score_0_10", "5.1", "4", "1.9"],
        ["RPA", "NSS", "2025-10", "resident_doctor", "engagement", "score_0_10", "6.1", "30", "1.4"],
      ]),
    );
    const md = await makeUser("medical_director", a.id);
    const res = await callRoute(pulseCsv.loader, { request: await requestAs(md, "/pulse-results.csv?sort=staffGroup") });
    expect(res.status).toBe(200);
    const rows = parseCsv(String(res.data));
    expect(Object.keys(rows[0]!)).toEqual(HEADER);
    const sas = rows.find((r) => r.staff_group === "sas_doctor")!;
    expect(sas).toMatchObject({ value: expect.stringMatching(/^suppressed \(fewer than \d+\)$/), respondents: "", sd: "" });
    // Complementary suppression withholds the next smallest part of the family too, and says why.
    expect(
      rows
        .filter((r) => r.respondents === "")
        .map((r) => r.value)
        .sort(),
    ).toEqual([sas.value, "withheld so that a smaller group cannot be worked out"].sort());
    expect(String(res.data)).not.toContain("5.1");
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "export", entity: "PulseResult" }, orderBy: { id: "desc" } });
    expect(event.summary).toMatch(/Downloaded 3 survey results as CSV/);
  });
});
