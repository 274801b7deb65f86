import { spawn } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GENESIS_HASH, recordAudit, recordAuditNow, verifyAuditChain } from "~/models/audit.server";
import { db } from "~/utils/db.server";
import { resetAuditTrail } from "../support/audit-reset";
import { testActor } from "../support/factories";

const PER_WRITER = 25;

/** Another process appending audit events to this test's database (tests/support/audit-writer.ts). */
function startWriter(label: string, count: number) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/audit-writer.ts", label, String(count)], {
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL! },
    cwd: process.cwd(),
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let signalReady: () => void;
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  child.stdout.on("data", (chunk) => {
    stdout += String(chunk);
    if (stdout.includes("ready\n")) signalReady();
  });
  child.stderr.on("data", (chunk) => (stderr += String(chunk)));
  const done = new Promise<{ failed: number; stderr: string }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      const last = stdout.trim().split("\n").at(-1) ?? "";
      if (code !== 0 || !last.startsWith("{")) reject(new Error(`writer ${label} exited ${code}: ${stderr}`));
      else resolve({ failed: JSON.parse(last).failed, stderr });
    });
  });
  return { ready, done, go: () => child.stdin.end("go\n") };
}

async function writeEvents(n: number, label = "e") {
  for (let i = 0; i < n; i++) {
    await recordAuditNow(testActor, {
      action: "update",
      entity: "Test",
      entityId: `${label}${i}`,
      summary: `event ${label}${i}`,
      before: { value: i },
      after: { value: i + 1 },
    });
  }
  return db.auditEvent.findMany({ orderBy: { id: "asc" } });
}

describe("audit trail hash chain", () => {
  it("links each event to the one before and verifies", async () => {
    await resetAuditTrail();
    const events = await writeEvents(5);
    expect(events[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < events.length; i++) expect(events[i]!.prevHash).toBe(events[i - 1]!.hash);
    expect(JSON.parse(events[2]!.changes)).toEqual({ value: { before: 2, after: 3 } });
    expect(await verifyAuditChain()).toEqual({ ok: true, events: 5, legacyEvents: 0 });
  });

  it("detects an event whose content was edited, at that event", async () => {
    await resetAuditTrail();
    const events = await writeEvents(5);
    const target = events[2]!;
    await db.$executeRaw`UPDATE "AuditEvent" SET "summary" = 'nothing to see here' WHERE "id" = ${target.id}`;
    const check = await verifyAuditChain();
    expect(check.ok).toBe(false);
    expect(check).toMatchObject({ brokenAt: target.id, reason: expect.stringMatching(/edited/) });
  });

  it("detects an edit that also recomputes nothing but the changes column", async () => {
    await resetAuditTrail();
    const events = await writeEvents(3);
    await db.$executeRaw`UPDATE "AuditEvent" SET "changes" = '{}' WHERE "id" = ${events[0]!.id}`;
    expect(await verifyAuditChain()).toMatchObject({ ok: false, brokenAt: events[0]!.id });
  });

  it("detects a deleted event at the event that followed it", async () => {
    await resetAuditTrail();
    const events = await writeEvents(5);
    await db.$executeRaw`DELETE FROM "AuditEvent" WHERE "id" = ${events[1]!.id}`;
    const check = await verifyAuditChain();
    expect(check).toMatchObject({ ok: false, brokenAt: events[2]!.id, reason: expect.stringMatching(/link/) });
  });

  it("detects the first event being deleted", async () => {
    await resetAuditTrail();
    const events = await writeEvents(3);
    await db.$executeRaw`DELETE FROM "AuditEvent" WHERE "id" = ${events[0]!.id}`;
    expect(await verifyAuditChain()).toMatchObject({ ok: false, brokenAt: events[1]!.id });
  });

  it("records nothing when the change's transaction fails (same transaction)", async () => {
    await resetAuditTrail();
    await expect(
      db.$transaction(async (tx) => {
        await recordAudit(tx, testActor, { action: "create", entity: "Test", entityId: 1 });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.auditEvent.count()).toBe(0);
  });

  it("keeps one unbroken chain with two processes writing at once", async () => {
    await resetAuditTrail();
    await writeEvents(1, "before");
    const writers = ["one", "two"].map((label) => startWriter(label, PER_WRITER));
    await Promise.all(writers.map((w) => w.ready));
    for (const w of writers) w.go();
    const results = await Promise.all(writers.map((w) => w.done));
    expect(
      results.map((r) => r.failed),
      results.map((r) => r.stderr).join("\n"),
    ).toEqual([0, 0]);
    expect(await db.auditEvent.count()).toBe(1 + 2 * PER_WRITER);
    expect(await verifyAuditChain()).toEqual({ ok: true, events: 1 + 2 * PER_WRITER, legacyEvents: 0 });
  }, 60_000);
});

describe("the app cannot edit or delete audit events", () => {
  function sourceFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const p = path.join(dir, name);
      if (name === "generated") return [];
      return statSync(p).isDirectory() ? sourceFiles(p) : /\.(ts|tsx)$/.test(name) ? [p] : [];
    });
  }

  it("no code updates or deletes an AuditEvent row, or deletes the recorded head", () => {
    const offenders = sourceFiles(path.resolve("app")).filter((f) => {
      const text = readFileSync(f, "utf8");
      return (
        /auditEvent\s*\.\s*(update|updateMany|upsert|delete|deleteMany)\b/.test(text) ||
        /auditHead\s*\.\s*(delete|deleteMany)\b/.test(text) ||
        /(DELETE\s+FROM|UPDATE)\s+"?AuditEvent"?\s+(?!SET "id" = "id" WHERE 1 = 0)/i.test(text)
      );
    });
    expect(offenders).toEqual([]);
  });

  it("the audit pages only read (no actions)", async () => {
    const files = readdirSync(path.resolve("app/routes")).filter((f) => f.startsWith("admin.audit"));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const f of files) {
      const mod = await import(/* @vite-ignore */ path.resolve("app/routes", f));
      expect(mod.action, f).toBeUndefined();
    }
  });
});
