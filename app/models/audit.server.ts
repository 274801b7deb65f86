// The audit trail: every change, import, export, sign-in and settings change is written here, inside
// the same transaction as the change. Events are chained by SHA-256 so an edited row is detectable.
import { createHash } from "node:crypto";
import type { Tx } from "~/utils/db.server";
import { takeWriteLock } from "~/models/write-lock.server";
import { db } from "~/utils/db.server";

export type Actor = { userId: number | null; email: string | null; ip: string | null };

/** The command-line operator (database owner's rights). */
export const cliActor: Actor = { userId: null, email: "cli:operator", ip: null };

export type AuditInput = {
  action: string; // create | update | delete | import | undo_import | export | sign_in | sign_in_failed | ...
  entity: string; // Organisation | LeadershipRole | ... | User | Setting | Session
  entityId?: string | number | null;
  organisationId?: number | null;
  summary?: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
};

export const GENESIS_HASH = "0".repeat(64);

type HashedFields = {
  at: Date;
  userId: number | null;
  userEmail: string | null;
  ipAddress: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  organisationId: number | null;
  summary: string;
  changes: string;
  prevHash: string;
};

/** The hash of an event: its content and the previous hash, in a fixed field order. */
export function auditHash(e: HashedFields): string {
  const canonical = JSON.stringify([
    e.at.toISOString(),
    e.userId,
    e.userEmail,
    e.ipAddress,
    e.action,
    e.entity,
    e.entityId,
    e.organisationId,
    e.summary,
    e.changes,
    e.prevHash,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

/** Only the fields that changed, as {field: {before, after}}; whole values for create/delete. */
export function diffFields(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): Record<string, { before: unknown; after: unknown }> {
  const ignore = new Set(["updatedAt", "createdAt", "version", "passwordHash"]);
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const out: Record<string, { before: unknown; after: unknown }> = {};
  for (const k of keys) {
    if (ignore.has(k)) continue;
    const b = normalise(before?.[k]);
    const a = normalise(after?.[k]);
    if (JSON.stringify(b) !== JSON.stringify(a)) out[k] = { before: b, after: a };
  }
  return out;
}

function normalise(v: unknown): unknown {
  if (v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "bigint") return Number(v);
  return v;
}

/**
 * Appends one event. Call inside the transaction that makes the change.
 *
 * Concurrency (several processes on one SQLite file): the read of the last hash and the insert must
 * happen under the database write lock, or two writers could both chain onto the same event and fork
 * the trail. Prisma opens interactive transactions with a deferred `BEGIN` (no `BEGIN IMMEDIATE`), so
 * we take the write lock ourselves with a write that changes nothing: SQLite grants the lock to the
 * statement even when no row matches (it does not modify any audit row). Then:
 * - if this is the transaction's first statement, a second process waits (busy timeout, 5 s) until
 *   the first commits, and then reads the newest hash;
 * - if the transaction had only read before (its snapshot may be old), SQLite refuses the lock with
 *   SQLITE_BUSY_SNAPSHOT when another process has written since: the change fails (and can be
 *   retried) rather than forking the chain;
 * - if the transaction has already written, it holds the lock already.
 * Within one process the driver adapter serialises transactions, so there is no race there.
 * Limitation: only the hash is unique in the schema (prevHash is not), so the database itself would
 * not refuse a fork made by a writer that bypasses this function; verifyAuditChain() detects it.
 */
export async function recordAudit(tx: Tx, actor: Actor, input: AuditInput): Promise<void> {
  await takeWriteLock(tx);
  const last = await tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const fields: HashedFields = {
    at: new Date(),
    userId: actor.userId,
    userEmail: actor.email,
    ipAddress: actor.ip,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId == null ? null : String(input.entityId),
    organisationId: input.organisationId ?? null,
    summary: input.summary ?? "",
    changes: JSON.stringify(diffFields(input.before, input.after)),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await tx.auditEvent.create({ data: { ...fields, hash: auditHash(fields) } });
}

/** Records an event in its own transaction (sign-ins, exports: events without a data change). */
export async function recordAuditNow(actor: Actor, input: AuditInput): Promise<void> {
  await db.$transaction((tx) => recordAudit(tx, actor, input));
}

export type ChainCheck = { ok: true; events: number } | { ok: false; events: number; brokenAt: number; reason: string };

/** Walks the whole trail and checks every hash and link. */
export async function verifyAuditChain(): Promise<ChainCheck> {
  let prev = GENESIS_HASH;
  let count = 0;
  let cursor = 0;
  for (;;) {
    const batch = await db.auditEvent.findMany({ where: { id: { gt: cursor } }, orderBy: { id: "asc" }, take: 1000 });
    if (batch.length === 0) break;
    for (const e of batch) {
      count++;
      if (e.prevHash !== prev) return { ok: false, events: count, brokenAt: e.id, reason: "link to the previous event does not match" };
      const expected = auditHash({ ...e });
      if (expected !== e.hash) return { ok: false, events: count, brokenAt: e.id, reason: "content does not match its hash (the event was edited)" };
      prev = e.hash;
      cursor = e.id;
    }
  }
  return { ok: true, events: count };
}
