// Attacks on the audit trail by someone who can write to the database but does not hold the audit
// key (issue 14): each used to verify as intact; each is now reported.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { recordAuditNow, verifyAuditChain } from "~/models/audit.server";
import { AUDIT_KEY_FILE, GENESIS_HASH, auditHash, auditKey, eventMac } from "~/models/audit-chain.server";
import { db, sqliteFile } from "~/utils/db.server";
import { dataFolder } from "~/utils/secret-key.server";
import { resetAuditTrail } from "../support/audit-reset";
import { makeUser, testActor } from "../support/factories";

async function freshTrail(n: number) {
  await resetAuditTrail();
  await makeUser("analyst", null); // an install with users: an empty trail is not a new one
  for (let i = 0; i < n; i++) await recordAuditNow(testActor, { action: "update", entity: "Test", entityId: i, summary: `event ${i}` });
  return db.auditEvent.findMany({ orderBy: { id: "asc" } });
}

/** What an attacker without the key can do: rewrite an event and recompute every later hash. */
function recomputeFrom(id: number, hashOf: (e: Parameters<typeof auditHash>[0]) => string) {
  const conn = new Database(sqliteFile(process.env.DATABASE_URL));
  const rows = conn.prepare(`SELECT * FROM "AuditEvent" WHERE "id" >= ? ORDER BY "id"`).all(id) as Record<string, unknown>[];
  let prev =
    (conn.prepare(`SELECT "hash" FROM "AuditEvent" WHERE "id" < ? ORDER BY "id" DESC LIMIT 1`).get(id) as { hash: string } | undefined)
      ?.hash ?? GENESIS_HASH;
  for (const r of rows) {
    const fields = {
      at: new Date(typeof r.at === "number" ? r.at : String(r.at)),
      userId: r.userId as number | null,
      userEmail: r.userEmail as string | null,
      ipAddress: r.ipAddress as string | null,
      action: r.action as string,
      entity: r.entity as string,
      entityId: r.entityId as string | null,
      organisationId: r.organisationId as number | null,
      summary: r.id === id ? "nothing to see here" : (r.summary as string),
      changes: r.changes as string,
      prevHash: prev,
    };
    const hash = hashOf(fields);
    conn.prepare(`UPDATE "AuditEvent" SET "summary" = ?, "prevHash" = ?, "hash" = ? WHERE "id" = ?`).run(fields.summary, prev, hash, r.id);
    prev = hash;
  }
  conn.close();
}

describe("an audit trail that cannot be quietly cut", () => {
  it("reports events cut off the end", async () => {
    const events = await freshTrail(5);
    await db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "id" >= ?`, events[3]!.id);
    expect(await verifyAuditChain()).toMatchObject({
      ok: false,
      events: 3,
      reason: expect.stringMatching(/2 events are missing from the end/),
    });
  });

  it("reports the deletion of every event", async () => {
    await freshTrail(5);
    await db.$executeRawUnsafe(`DELETE FROM "AuditEvent"`);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, events: 0, reason: expect.stringMatching(/all 5 events were deleted/) });
  });

  it("reports the deletion of every event and of the head", async () => {
    await freshTrail(3);
    await db.$executeRawUnsafe(`DELETE FROM "AuditEvent"`);
    await db.$executeRawUnsafe(`DELETE FROM "AuditHead"`);
    expect(await verifyAuditChain()).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/whole trail and its recorded head were deleted/),
    });
  });

  it("reports a rewritten event whose later hashes were all recomputed (plain SHA-256, or HMAC with another key)", async () => {
    for (const hashOf of [auditHash, (e: Parameters<typeof auditHash>[0]) => eventMac(e, Buffer.alloc(32, 7))]) {
      const events = await freshTrail(5);
      recomputeFrom(events[1]!.id, hashOf);
      expect(await verifyAuditChain()).toMatchObject({ ok: false, brokenAt: events[1]!.id, reason: expect.stringMatching(/keyed hash/) });
    }
  });

  it("reports a head moved back to hide a cut", async () => {
    const events = await freshTrail(5);
    await db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "id" = ?`, events[4]!.id);
    await db.$executeRawUnsafe(`UPDATE "AuditHead" SET "count" = 4, "lastId" = ?, "lastHash" = ?`, events[3]!.id, events[3]!.hash);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, reason: expect.stringMatching(/head was altered/) });
  });

  it("a deleted head is rebuilt on the next write and reported from then on", async () => {
    await freshTrail(3);
    await db.$executeRawUnsafe(`DELETE FROM "AuditHead"`);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, reason: expect.stringMatching(/recorded head is missing/) });
    await recordAuditNow(testActor, { action: "update", entity: "Test", entityId: "after" });
    expect(await verifyAuditChain()).toMatchObject({ ok: false, events: 4, reason: expect.stringMatching(/rebuilt/) });
  });

  it("a good trail verifies, and keeps verifying as events are added", async () => {
    await freshTrail(4);
    expect(await verifyAuditChain()).toEqual({ ok: true, events: 4, legacyEvents: 0 });
    const head = await db.auditHead.findUniqueOrThrow({ where: { id: 1 } });
    const last = await db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(head).toMatchObject({ count: 4, lastId: last.id, lastHash: last.hash });
  });
});

describe("the audit key", () => {
  it("is generated into the data folder (owner-only) and stored nowhere in the database", async () => {
    await freshTrail(2);
    const file = path.join(dataFolder(), AUDIT_KEY_FILE);
    expect(statSync(file).mode & 0o077).toBe(0);
    const hex = readFileSync(file, "utf8").trim();
    expect(auditKey().toString("hex")).toBe(hex);
    const dump = readFileSync(sqliteFile(process.env.DATABASE_URL));
    expect(dump.includes(Buffer.from(hex))).toBe(false);
    expect(dump.includes(auditKey())).toBe(false);
  });
});

describe("a trail from before the keyed chain", () => {
  function writeLegacy(n: number) {
    const conn = new Database(sqliteFile(process.env.DATABASE_URL));
    let prev = GENESIS_HASH;
    for (let i = 0; i < n; i++) {
      const fields = {
        at: new Date(Date.now() - (n - i) * 1000),
        userId: null,
        userEmail: "old@example.org",
        ipAddress: null,
        action: "update",
        entity: "Test",
        entityId: `old${i}`,
        organisationId: null,
        summary: `old ${i}`,
        changes: "{}",
        prevHash: prev,
      };
      const hash = auditHash(fields);
      conn
        .prepare(
          `INSERT INTO "AuditEvent" ("at","userId","userEmail","ipAddress","action","entity","entityId","organisationId","summary","changes","prevHash","hash") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
        )
        .run(
          fields.at.toISOString().replace("Z", "+00:00"),
          null,
          fields.userEmail,
          null,
          fields.action,
          fields.entity,
          fields.entityId,
          null,
          fields.summary,
          fields.changes,
          prev,
          hash,
        );
      prev = hash;
    }
    conn.close();
  }

  it("is sealed as the legacy segment on the first keyed write, continues the chain, and still shows a cut", async () => {
    await resetAuditTrail();
    writeLegacy(3);
    await recordAuditNow(testActor, { action: "update", entity: "Test", entityId: "new" });
    expect(await verifyAuditChain()).toEqual({ ok: true, events: 4, legacyEvents: 3 });
    const head = await db.auditHead.findUniqueOrThrow({ where: { id: 1 } });
    expect(head).toMatchObject({ legacyCount: 3, rebuiltAt: null });
    const first = await db.auditEvent.findFirstOrThrow({ orderBy: { id: "asc" } });
    await db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "id" = ?`, first.id);
    expect(await verifyAuditChain()).toMatchObject({ ok: false });
  });
});
