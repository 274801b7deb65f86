// Attacks on the audit trail by someone who can write to the database but does not hold the audit
// key (issue 14): each used to verify as intact; each is now reported.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { recordAuditNow, verifyAuditChain } from "~/models/audit.server";
import { AUDIT_KEY_FILE, GENESIS_HASH, auditHash, auditKey, eventMac } from "~/models/audit-chain.server";
import { currentProvider, db, sqliteFile } from "~/utils/db.server";
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
async function recomputeFrom(id: number, hashOf: (e: Parameters<typeof auditHash>[0]) => string) {
  const rows = await db.auditEvent.findMany({ where: { id: { gte: id } }, orderBy: { id: "asc" } });
  let prev = (await db.auditEvent.findFirst({ where: { id: { lt: id } }, orderBy: { id: "desc" } }))?.hash ?? GENESIS_HASH;
  for (const r of rows) {
    const { id: _id, hash: _hash, ...event } = r;
    const fields = { ...event, summary: r.id === id ? "nothing to see here" : r.summary, prevHash: prev };
    const hash = hashOf(fields);
    await db.$executeRaw`UPDATE "AuditEvent" SET "summary" = ${fields.summary}, "prevHash" = ${prev}, "hash" = ${hash} WHERE "id" = ${r.id}`;
    prev = hash;
  }
}

/** Whether a text appears anywhere in the database: the SQLite file's (and log's) bytes, or every PostgreSQL row as text. */
async function stored(text: string, bytes: Buffer): Promise<boolean> {
  if (currentProvider() === "sqlite") {
    // The file and its write-ahead log (recent writes are there until a checkpoint).
    const file = sqliteFile(process.env.DATABASE_URL);
    const dump = Buffer.concat([file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
    return dump.includes(Buffer.from(text)) || dump.includes(bytes);
  }
  const tables = await db.$queryRaw<
    { name: string }[]
  >`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`;
  expect(tables.length).toBeGreaterThan(10);
  for (const { name } of tables) {
    const [hit] = await db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT CAST(count(*) AS INTEGER) AS n FROM "${name}" AS t WHERE CAST(row_to_json(t) AS text) LIKE $1`,
      `%${text}%`,
    );
    if (hit!.n > 0) return true;
  }
  return false;
}

describe("an audit trail that cannot be quietly cut", () => {
  it("reports events cut off the end", async () => {
    const events = await freshTrail(5);
    await db.$executeRaw`DELETE FROM "AuditEvent" WHERE "id" >= ${events[3]!.id}`;
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
      await recomputeFrom(events[1]!.id, hashOf);
      expect(await verifyAuditChain()).toMatchObject({ ok: false, brokenAt: events[1]!.id, reason: expect.stringMatching(/keyed hash/) });
    }
  });

  it("reports a head moved back to hide a cut", async () => {
    const events = await freshTrail(5);
    await db.$executeRaw`DELETE FROM "AuditEvent" WHERE "id" = ${events[4]!.id}`;
    await db.$executeRaw`UPDATE "AuditHead" SET "count" = 4, "lastId" = ${events[3]!.id}, "lastHash" = ${events[3]!.hash}`;
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
    expect(await stored(hex, auditKey())).toBe(false);
    // The check itself finds what is there.
    expect(await stored(testActor.email!, Buffer.from(testActor.email!))).toBe(true);
  });
});

describe("a trail from before the keyed chain", () => {
  async function writeLegacy(n: number) {
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
      await db.auditEvent.create({ data: { ...fields, hash } });
      prev = hash;
    }
  }

  it("is sealed as the legacy segment on the first keyed write, continues the chain, and still shows a cut", async () => {
    await resetAuditTrail();
    await writeLegacy(3);
    await recordAuditNow(testActor, { action: "update", entity: "Test", entityId: "new" });
    expect(await verifyAuditChain()).toEqual({ ok: true, events: 4, legacyEvents: 3 });
    const head = await db.auditHead.findUniqueOrThrow({ where: { id: 1 } });
    expect(head).toMatchObject({ legacyCount: 3, rebuiltAt: null });
    const first = await db.auditEvent.findFirstOrThrow({ orderBy: { id: "asc" } });
    await db.$executeRaw`DELETE FROM "AuditEvent" WHERE "id" = ${first.id}`;
    expect(await verifyAuditChain()).toMatchObject({ ok: false });
  });
});
