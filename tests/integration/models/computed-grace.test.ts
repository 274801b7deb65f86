// Beside a precompute process (COMPUTED_BY_PRECOMPUTE=1, as scripts/serve.mjs sets for its web workers),
// a result that is not there yet is waited for briefly instead of computed on the worker: the precompute
// claims it within its poll and its result is used; when nobody claims it, the worker computes it.
import { serialize } from "node:v8";
import { afterEach, describe, expect, it } from "vitest";
import { cached, dataFingerprint } from "~/models/computed-cache.server";
import { db } from "~/utils/db.server";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("waiting for the precompute process", () => {
  afterEach(() => {
    delete process.env.COMPUTED_BY_PRECOMPUTE;
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
});
