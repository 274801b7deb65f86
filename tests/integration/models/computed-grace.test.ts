// Beside a precompute process (COMPUTED_BY_PRECOMPUTE=1, as scripts/serve.mjs sets for its web workers),
// a result that is not there yet is waited for briefly instead of computed on the worker: the precompute
// claims it within its poll and its result is used; when nobody claims it, the worker computes it.
import { serialize } from "node:v8";
import { afterEach, describe, expect, it } from "vitest";
import { cached, dataFingerprint, notePrecomputeRunning, precomputeRunning } from "~/models/computed-cache.server";
import { db } from "~/utils/db.server";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("waiting for the precompute process", () => {
  afterEach(async () => {
    delete process.env.COMPUTED_BY_PRECOMPUTE;
    await db.computedResult.deleteMany({ where: { kind: "claim:(precompute)" } });
  });

  it("uses the precompute's result when it claims the work shortly after the request", async () => {
    process.env.COMPUTED_BY_PRECOMPUTE = "1";
    const fingerprint = await dataFingerprint();
    const result = cached("test-grace", "k", async () => {
      throw new Error("computed on the worker");
    });
    await sleep(200);
    await db.computedResult.create({ data: { kind: "claim:test-grace", key: "k", fingerprint, value: new Uint8Array(0) } });
    await sleep(300);
    await db.computedResult.create({
      data: { kind: "test-grace", key: "k", fingerprint, value: new Uint8Array(serialize({ from: "precompute" })) },
    });
    await db.computedResult.deleteMany({ where: { kind: "claim:test-grace" } });
    expect(await result).toEqual({ from: "precompute" });
  });

  it("computes it itself when no precompute claims it within the grace period", async () => {
    process.env.COMPUTED_BY_PRECOMPUTE = "1";
    expect(await cached("test-grace", "alone", async () => ({ from: "worker" }))).toEqual({ from: "worker" });
    // And kept for the others.
    expect(await db.computedResult.count({ where: { kind: "test-grace", key: "alone" } })).toBe(1);
  });

  it("makes a process not told about it (the CLI after an import) wait too, while its heartbeat is fresh", async () => {
    expect(await precomputeRunning()).toBe(false);
    await notePrecomputeRunning();
    expect(await precomputeRunning()).toBe(true);
    const fingerprint = await dataFingerprint();
    const result = cached("test-grace", "cli", async () => {
      throw new Error("computed by the CLI");
    });
    await sleep(200);
    await db.computedResult.create({ data: { kind: "claim:test-grace", key: "cli", fingerprint, value: new Uint8Array(0) } });
    await db.computedResult.create({
      data: { kind: "test-grace", key: "cli", fingerprint, value: new Uint8Array(serialize({ from: "precompute" })) },
    });
    await db.computedResult.deleteMany({ where: { kind: "claim:test-grace" } });
    expect(await result).toEqual({ from: "precompute" });
  });

  it("does not wait for a precompute process whose heartbeat has stopped, nor the precompute for itself", async () => {
    const fingerprint = await dataFingerprint();
    // Another process's result for the key, half a second later: used only by a process that waits.
    const theirsLater = (key: string) =>
      sleep(500).then(() =>
        db.computedResult.create({ data: { kind: "test-grace", key, fingerprint, value: new Uint8Array(serialize({ from: "other" })) } }),
      );
    await notePrecomputeRunning();
    await db.computedResult.updateMany({ where: { kind: "claim:(precompute)" }, data: { computedAt: new Date(Date.now() - 60_000) } });
    expect(await precomputeRunning()).toBe(false);
    let later = theirsLater("stopped");
    expect(await cached("test-grace", "stopped", async () => ({ from: "cli" }))).toEqual({ from: "cli" });
    await later.catch(() => undefined);

    await notePrecomputeRunning();
    process.env.COMPUTED_BY_PRECOMPUTE = "0";
    later = theirsLater("itself");
    expect(await cached("test-grace", "itself", async () => ({ from: "precompute" }))).toEqual({ from: "precompute" });
    await later.catch(() => undefined);
  });
});
