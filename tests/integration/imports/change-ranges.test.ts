// The change log of created rows as runs of ids (ImportBatchChange.entityId..lastEntityId): a run covers
// only the rows its batch created, also when another writer's ids fall between them (a PostgreSQL
// sequence is shared by every session), and undo by range is exactly as strict as undo row by row.
import { beforeEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/models/audit.server";
import { type PlannedRow, writeImportBatch } from "~/models/bulk-write.server";
import { UndoRefusedError, undoImport } from "~/models/import.server";
import { currentProvider, db } from "~/utils/db.server";
import { testActor } from "../../support/factories";
import { admin, csv, imported } from "./support";

const HEADER = ["ods_code", "survey", "fieldwork", "staff_group", "measure", "scale", "value", "respondents", "sd"];
const GROUPS = ["consultant", "general_manager", "nurse_midwife", "ahp", "sas_doctor"];
const MEASURES = ["engagement", "motivation", "involvement", "advocacy"];
const all = { kind: "all" } as const;

let org: { id: number };

beforeEach(async () => {
  await db.importBatchChange.deleteMany();
  await db.importBatch.deleteMany();
  await db.pulseResult.deleteMany();
  await db.organisation.deleteMany({ where: { odsCode: { startsWith: "XRG" } } });
  org = await db.organisation.upsert({
    where: { odsCode: "XRA01" },
    create: { odsCode: "XRA01", name: "Range A Trust (fictional)", type: "acute", region: "london" },
    update: {},
  });
});

/** Pulse rows for one fieldwork month: one per staff group and measure. */
function pulseFile(fieldwork: string, value = "6.5") {
  const rows: string[][] = [HEADER];
  for (const g of GROUPS) for (const m of MEASURES) rows.push(["XRA01", "LOCAL", fieldwork, g, m, "score_0_10", value, "30", ""]);
  return csv(rows);
}

const changesOf = (batchId: number) => db.importBatchChange.findMany({ where: { batchId }, orderBy: { id: "asc" } });
const idsOf = async (fieldwork: string) =>
  (await db.pulseResult.findMany({ where: { fieldwork }, orderBy: { id: "asc" }, select: { id: true } })).map((r) => r.id);

/** A planned survey result (the writer's input), for writing in chunks. */
function planned(i: number, fieldwork: string): PlannedRow {
  return {
    line: i + 2,
    data: {
      organisationId: org.id,
      survey: "LOCAL",
      fieldwork,
      staffGroup: GROUPS[i % GROUPS.length]!,
      measure: `m${Math.floor(i / GROUPS.length)}`,
      scale: "score_0_10",
      value: 6,
      respondents: 30,
      sd: null,
    },
  };
}

const meta = {
  kind: "pulse",
  fileName: "chunks.csv",
  fileHash: "0".repeat(64),
  organisationId: null,
  actor: testActor,
  summary: () => "Imported survey results in chunks",
};

describe("created rows logged as runs of ids", () => {
  it("undoes the earlier of two imports with a row added by hand between them: only that import's rows go", async () => {
    const first = await imported("pulse", pulseFile("2025-01"));
    const between = await db.pulseResult.create({
      data: {
        organisationId: org.id,
        survey: "LOCAL",
        fieldwork: "2024-12",
        staffGroup: "consultant",
        measure: "engagement",
        scale: "score_0_10",
        value: 5,
        respondents: 20,
      },
    });
    const second = await imported("pulse", pulseFile("2025-02"));
    const firstIds = await idsOf("2025-01");
    const secondIds = await idsOf("2025-02");
    expect(firstIds).toHaveLength(20);
    expect(await changesOf(first.batchId)).toMatchObject([
      { action: "create", entityId: firstIds[0], lastEntityId: firstIds[19], afterVersion: 1 },
    ]);
    expect(await changesOf(second.batchId)).toMatchObject([{ action: "create", entityId: secondIds[0], lastEntityId: secondIds[19] }]);

    expect(await undoImport(testActor, all, first.batchId)).toMatchObject({ deleted: 20, restored: 0 });
    expect(await idsOf("2025-01")).toEqual([]);
    expect(await idsOf("2025-02")).toEqual(secondIds);
    expect(await db.pulseResult.findUnique({ where: { id: between.id } })).not.toBeNull();
    expect(await undoImport(testActor, all, second.batchId)).toMatchObject({ deleted: 20 });
    expect(await db.pulseResult.findMany({ select: { id: true } })).toEqual([{ id: between.id }]);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("ends a run where another writer's row takes the next id during the import (PostgreSQL), and undo leaves that row", async () => {
    const others: number[] = [];
    // The rows come in chunks read inside the import's transaction; between chunks another session adds a
    // row. On PostgreSQL that commits at once and takes an id from the shared sequence; on SQLite the
    // import holds the file's write lock, so the other row is added after the import instead.
    const postgres = currentProvider() === "postgresql";
    const addOther = async (n: number) => {
      const row = await db.pulseResult.create({
        data: {
          organisationId: org.id,
          survey: "NSS",
          fieldwork: `2020-0${n}`,
          staffGroup: "consultant",
          measure: "engagement",
          scale: "score_0_10",
          value: 5,
          respondents: 20,
        },
      });
      others.push(row.id);
    };
    // The writer reads its rows twice (existing rows first, then the writing): the other rows come
    // during the second reading, between two of the writer's inserts.
    let readings = 0;
    async function* chunks() {
      const writing = ++readings === 2;
      yield Array.from({ length: 6 }, (_, i) => planned(i, "2025-03"));
      if (postgres && writing) await addOther(1);
      yield Array.from({ length: 6 }, (_, i) => planned(i + 6, "2025-03"));
      if (postgres && writing) await addOther(2);
      yield Array.from({ length: 3 }, (_, i) => planned(i + 12, "2025-03"));
    }
    const keys = ["organisationId", "survey", "fieldwork", "staffGroup", "measure", "scale"];
    // A one-shot generator cannot be read twice: refused before anything is written.
    await expect(writeImportBatch("PulseResult", keys, chunks(), meta)).rejects.toThrow(/reads its rows twice/);
    readings = 0;
    const result = await writeImportBatch("PulseResult", keys, { [Symbol.asyncIterator]: chunks }, meta);
    expect(readings).toBe(2);
    if (!postgres) await addOther(1);
    expect(result).toMatchObject({ created: 15, updated: 0, unchanged: 0 });
    const mine = await idsOf("2025-03");
    expect(mine).toHaveLength(15);
    const runs = (await changesOf(result.batchId)).map((c) => [c.entityId, c.lastEntityId ?? c.entityId]);
    // Every run holds only this batch's ids, and together they hold all of them.
    const covered = runs.flatMap(([from, to]) => Array.from({ length: to! - from! + 1 }, (_, k) => from! + k));
    expect(covered.sort((x, y) => x - y)).toEqual(mine);
    for (const id of others) expect(covered).not.toContain(id);
    if (postgres) {
      expect(
        others.every((id) => id > mine[0]! && id < mine[14]!),
        "the other rows' ids fall inside the import's",
      ).toBe(true);
      expect(runs).toHaveLength(3);
    } else expect(runs).toHaveLength(1);

    expect(await undoImport(testActor, all, result.batchId)).toMatchObject({ deleted: 15 });
    expect(await idsOf("2025-03")).toEqual([]);
    expect((await db.pulseResult.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id)).toEqual(others);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("refuses to undo when a row inside a run was edited or deleted since, naming it, and changes nothing", async () => {
    const batch = await imported("pulse", pulseFile("2025-04"));
    const ids = await idsOf("2025-04");
    await db.pulseResult.update({ where: { id: ids[7]! }, data: { value: 9, version: { increment: 1 } } });
    await db.pulseResult.delete({ where: { id: ids[12]! } });
    const before = await db.pulseResult.findMany({ orderBy: { id: "asc" } });
    const refusal = undoImport(testActor, all, batch.batchId);
    await expect(refusal).rejects.toThrow(UndoRefusedError);
    await expect(undoImport(testActor, all, batch.batchId)).rejects.toThrow(
      `2 of the 20 rows it wrote have been changed or deleted since (PulseResult ${ids[12]} (deleted), PulseResult ${ids[7]})`,
    );
    expect(await db.pulseResult.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    expect(await db.importBatch.findUniqueOrThrow({ where: { id: batch.batchId } })).toMatchObject({ status: "applied" });
  });

  it("undoes a run that spans several of the writer's slices (12,000 rows); a re-import's updates are still logged row by row", async () => {
    const rows: string[][] = [HEADER];
    for (let i = 0; i < 12_000; i++)
      rows.push([
        "XRA01",
        "LOCAL",
        `20${String(10 + Math.floor(i / 1000)).padStart(2, "0")}-01`,
        GROUPS[i % 5]!,
        `m${Math.floor(i / 5) % 200}`,
        "score_0_10",
        "6",
        "30",
        "",
      ]);
    const whole = await imported("pulse", csv(rows));
    expect(whole).toMatchObject({ created: 12_000 });
    expect(await changesOf(whole.batchId)).toHaveLength(1);
    expect(await undoImport(testActor, all, whole.batchId)).toMatchObject({ deleted: 12_000, restored: 0 });
    expect(await db.pulseResult.count()).toBe(0);

    const first = await imported("pulse", csv(rows));
    // A second file changes ten of them and adds one: ten updates logged one by one, one create.
    const changed = [
      HEADER,
      ...rows.slice(1, 11).map((r) => [...r.slice(0, 6), "7", "30", ""]),
      ["XRA01", "LOCAL", "2030-01", "ahp", "m0", "score_0_10", "6", "30", ""],
    ];
    const second = await imported("pulse", csv(changed));
    expect(second).toMatchObject({ created: 1, updated: 10 });
    expect((await changesOf(second.batchId)).map((c) => [c.action, c.lastEntityId])).toEqual([
      ...Array(10).fill(["update", null]),
      ["create", null],
    ]);
    await expect(undoImport(testActor, all, first.batchId)).rejects.toThrow(/10 of the 12000 rows it wrote have been changed/);
    expect(await undoImport(testActor, all, second.batchId)).toMatchObject({ deleted: 1, restored: 10 });
    expect(await db.pulseResult.count()).toBe(12_000);
    // Restoring is itself a change (the versions move on), so the first import stays refused, as row by row.
    await expect(undoImport(testActor, all, first.batchId)).rejects.toThrow(/10 of the 12000 rows it wrote have been changed/);
  });

  it("refuses to undo an import of organisations when a row added since depends on one inside its run", async () => {
    const orgs = csv([
      ["ods_code", "name", "type", "region"],
      ["XRG01", "Range G1 Trust (fictional)", "acute", "london"],
      ["XRG02", "Range G2 Trust (fictional)", "acute", "london"],
      ["XRG03", "Range G3 Trust (fictional)", "acute", "london"],
    ]);
    const batch = await imported("orgs", orgs, admin);
    expect(batch).toMatchObject({ created: 3 });
    const g2 = await db.organisation.findUniqueOrThrow({ where: { odsCode: "XRG02" } });
    await db.pulseResult.create({
      data: {
        organisationId: g2.id,
        survey: "LOCAL",
        fieldwork: "2025-05",
        staffGroup: "consultant",
        measure: "engagement",
        scale: "score_0_10",
        value: 6,
        respondents: 30,
      },
    });
    await expect(undoImport(testActor, all, batch.batchId)).rejects.toThrow(
      `records added since depend on an organisation it created (Organisation ${g2.id})`,
    );
    expect(await db.organisation.count({ where: { odsCode: { startsWith: "XRG" } } })).toBe(3);
    await db.pulseResult.deleteMany({ where: { organisationId: g2.id } });
    expect(await undoImport(testActor, all, batch.batchId)).toMatchObject({ deleted: 3 });
    expect(await db.organisation.count({ where: { odsCode: { startsWith: "XRG" } } })).toBe(0);
  });
});
