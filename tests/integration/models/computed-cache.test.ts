// Results kept in the database per data fingerprint: computed once, read by another process without
// recomputing, and never stale after an insert, an edit, a delete, an import, its undo or a settings change.
import { serialize } from "node:v8";
import { describe, expect, it } from "vitest";
import { defaultGapSettings } from "~/domain/gap-settings";
import { undoImportBatch, writeImportBatch } from "~/models/bulk-write.server";
import { cached, clearComputedMemory, dataFingerprint, pruneComputedResults } from "~/models/computed-cache.server";
import { updateGapSettings } from "~/models/settings.server";
import { db } from "~/utils/db.server";
import { makeOrganisation, testActor } from "../../support/factories";

let runs = 0;
const countPulse = () =>
  cached("test-count", "all", async () => {
    runs++;
    return { rows: await db.pulseResult.count(), nan: Number.NaN, missing: undefined, byId: new Map([[1, "a"]]) };
  });

const pulse = (organisationId: number, fieldwork: string) => ({
  organisationId,
  survey: "NSS",
  fieldwork,
  staffGroup: "consultant",
  measure: "engagement",
  scale: "score_0_10",
  value: 6,
  respondents: 40,
});

describe("computed results", () => {
  it("computes once per data fingerprint, shares the stored result with other processes, and keeps NaN, undefined and Maps", async () => {
    const org = await makeOrganisation();
    await db.pulseResult.create({ data: pulse(org.id, "2024-10") });
    runs = 0;
    const first = await countPulse();
    expect(first.rows).toBe(1);
    await countPulse();
    expect(runs).toBe(1);

    // Another process: nothing in memory, the stored result is read, not recomputed.
    clearComputedMemory();
    const other = await countPulse();
    expect(runs).toBe(1);
    expect(other.rows).toBe(1);
    expect(Number.isNaN(other.nan)).toBe(true);
    expect("missing" in other && other.missing === undefined).toBe(true);
    expect(other.byId.get(1)).toBe("a");
  });

  it("is recomputed after every kind of change to the data or the settings", async () => {
    const org = await makeOrganisation();
    const before = (await countPulse()).rows;
    const seen = async () => (await countPulse()).rows;

    const row = await db.pulseResult.create({ data: pulse(org.id, "2023-10") });
    expect(await seen()).toBe(before + 1);

    let fingerprint = await dataFingerprint();
    await db.pulseResult.update({ where: { id: row.id }, data: { value: 7 } });
    expect(await dataFingerprint()).not.toBe(fingerprint);

    fingerprint = await dataFingerprint();
    await db.leadershipRole.create({
      data: {
        organisationId: org.id,
        title: "Clinical director",
        roleType: "clinical_director",
        level: "directorate",
        startDate: "2024-01-01",
      },
    });
    expect(await dataFingerprint()).not.toBe(fingerprint);

    await db.pulseResult.delete({ where: { id: row.id } });
    expect(await seen()).toBe(before);

    const imported = await writeImportBatch(
      "PulseResult",
      ["organisationId", "survey", "fieldwork", "staffGroup", "measure"],
      [{ line: 2, data: pulse(org.id, "2022-10") }],
      {
        kind: "pulse",
        fileName: "pulse.csv",
        fileHash: "x",
        organisationId: org.id,
        actor: testActor,
        summary: () => "test import",
      },
    );
    expect(await seen()).toBe(before + 1);
    await undoImportBatch(imported.batchId, testActor, () => true);
    expect(await seen()).toBe(before);

    fingerprint = await dataFingerprint();
    await updateGapSettings(testActor, { ...defaultGapSettings, minN: defaultGapSettings.minN + 1 });
    expect(await dataFingerprint()).not.toBe(fingerprint);
    await updateGapSettings(testActor, defaultGapSettings);

    // Results of older data are never read again: pruning removes them, keeping the current ones.
    await countPulse();
    await pruneComputedResults();
    const left = await db.computedResult.findMany({ select: { fingerprint: true } });
    expect(left.every((r) => r.fingerprint === left[0]!.fingerprint)).toBe(true);
  });

  it("waits for another process that is computing the same result instead of computing it again", async () => {
    const fingerprint = await dataFingerprint();
    await db.computedResult.create({ data: { kind: "claim:test-shared", key: "k", fingerprint, value: new Uint8Array(0) } });
    const result = cached("test-shared", "k", async () => {
      throw new Error("computed a second time");
    });
    // The other process finishes: its result appears and its claim goes.
    await new Promise((r) => setTimeout(r, 300));
    await db.computedResult.create({
      data: { kind: "test-shared", key: "k", fingerprint, value: new Uint8Array(serialize({ from: "other" })) },
    });
    await db.computedResult.deleteMany({ where: { kind: "claim:test-shared" } });
    expect(await result).toEqual({ from: "other" });
  });
});
